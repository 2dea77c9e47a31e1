package io.transmog.io.arrow.internal;

import io.transmog.io.arrow.ArrowOptions;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;

/**
 * Arrow Java's IPC file and stream writers, with the one change this plugin needs: which dictionaries are written, and
 * when.
 *
 * <p>Arrow Java writes each dictionary whole before the first record batch (and, in the stream format, again as a
 * replacement whenever it changed), so it must be complete before the first batch. A table is streamed in record
 * batches whose strings are not known in advance, so:
 *
 * <ul>
 *   <li><b>File format:</b> each column's dictionary covers the whole file and is written once, after the last record
 *       batch and before the footer. The IPC specification allows this for files ("there is no requirement that
 *       dictionary keys should be defined in a DictionaryBatch before they are used in a RecordBatch, as long as the
 *       keys are defined somewhere in the file"), readers find dictionaries through the footer, and it is the layout
 *       every reader tried reads: Arrow Java's {@code ArrowFileReader} loads exactly one dictionary batch per field
 *       and ignores deltas; replacements are forbidden in files.
 *   <li><b>Stream format:</b> each record batch has the dictionary of its own values, sent as a dictionary batch just
 *       before it unless it equals the one sent last (a replacement, as Arrow Java's own stream writer sends). Delta
 *       dictionaries would avoid re-sending values, but polars rejects them ("delta dictionary batches not
 *       supported"), while Arrow Java, pyarrow and polars all read replacements.
 * </ul>
 *
 * <p>Not thread-safe.
 */
final class IpcWriters {
  private IpcWriters() {}

  /**
   * Creates the writer for a format; nothing is written until {@link ArrowWriter#start()}.
   *
   * @param options the format and compression
   * @param root the vectors of the record batch being built
   * @param provider the dictionaries referenced by the schema (may be empty)
   * @param dictionaries the dictionary-encoded columns, in dictionary-id order
   * @param out the channel
   * @return the writer
   */
  static ArrowWriter create(ArrowOptions options, VectorSchemaRoot root, DictionaryProvider provider,
      List<ColumnFiller.DictionaryTexts> dictionaries, WritableByteChannel out) {
    CompressionCodec.Factory factory = Codecs.INSTANCE;
    CompressionUtil.CodecType type;
    switch (options.compression()) {
      case LZ4:
        type = CompressionUtil.CodecType.LZ4_FRAME;
        break;
      case ZSTD:
        type = CompressionUtil.CodecType.ZSTD;
        break;
      default:
        type = CompressionUtil.CodecType.NO_COMPRESSION;
        break;
    }
    Dictionaries batches = new Dictionaries(dictionaries, factory.createCodec(type));
    if (options.ipcFormat() == ArrowOptions.IpcFormat.STREAM) {
      return new Stream(root, provider, out, factory, type, batches);
    }
    return new File(root, provider, out, factory, type, batches);
  }

  /** Where a dictionary batch goes: the protected {@code writeDictionaryBatch} of the concrete writer. */
  @FunctionalInterface
  private interface Sink {
    void write(ArrowDictionaryBatch batch) throws IOException;
  }

  /** Writes the dictionary batches of every dictionary-encoded column. */
  private static final class Dictionaries {
    private final List<ColumnFiller.DictionaryTexts> columns;
    private final CompressionCodec codec;

    Dictionaries(List<ColumnFiller.DictionaryTexts> columns, CompressionCodec codec) {
      this.columns = columns;
      this.codec = codec;
    }

    /** Writes the dictionary of each column whose batch dictionary differs from the last one sent. */
    void writeDue(Sink sink) throws IOException {
      write(sink, false);
    }

    /** Writes every column's dictionary, whole, once. */
    void writeAll(Sink sink) throws IOException {
      write(sink, true);
    }

    private void write(Sink sink, boolean all) throws IOException {
      for (ColumnFiller.DictionaryTexts column : columns) {
        if (!all && !column.dictionaryBatchDue()) {
          continue;
        }
        column.prepareDictionaryBatch();
        FieldVector values = column.dictionary().getVector();
        VectorSchemaRoot one = new VectorSchemaRoot(Collections.singletonList(values.getField()),
            Collections.singletonList(values), values.getValueCount());
        // the same codec as the record batches: IPC body compression applies to dictionary batches too
        ArrowRecordBatch body = new VectorUnloader(one, true, codec, true).getRecordBatch();
        // never a delta: a replacement in the stream format, the only dictionary of the field in the file format
        try (ArrowDictionaryBatch batch = new ArrowDictionaryBatch(
            column.dictionary().getEncoding().getId(), body, false)) {
          sink.write(batch);
        }
        column.dictionaryBatchWritten();
      }
    }
  }

  /** The IPC file format ({@code ARROW1} magic and a footer): Feather v2. */
  private static final class File extends ArrowFileWriter {
    private final Dictionaries dictionaries;

    File(VectorSchemaRoot root, DictionaryProvider provider, WritableByteChannel out,
        CompressionCodec.Factory factory, CompressionUtil.CodecType type, Dictionaries dictionaries) {
      super(root, provider, out, null, IpcOption.DEFAULT, factory, type, Optional.empty());
      this.dictionaries = dictionaries;
    }

    @Override
    protected void ensureDictionariesWritten(DictionaryProvider provider, Set<Long> dictionaryIdsUsed) {
      // nothing before a record batch: the whole dictionaries follow the last one (see endInternal)
    }

    @Override
    protected void endInternal(WriteChannel out) throws IOException {
      // ArrowFileWriter.writeDictionaryBatch records each block for the footer, which super.endInternal writes
      dictionaries.writeAll(this::writeDictionaryBatch);
      super.endInternal(out);
    }
  }

  /** The IPC stream format: schema, dictionary and record batches, end-of-stream marker. */
  private static final class Stream extends ArrowStreamWriter {
    private final Dictionaries dictionaries;

    Stream(VectorSchemaRoot root, DictionaryProvider provider, WritableByteChannel out,
        CompressionCodec.Factory factory, CompressionUtil.CodecType type, Dictionaries dictionaries) {
      super(root, provider, out, IpcOption.DEFAULT, factory, type, Optional.empty());
      this.dictionaries = dictionaries;
    }

    @Override
    protected void ensureDictionariesWritten(DictionaryProvider provider, Set<Long> dictionaryIdsUsed)
        throws IOException {
      // ArrowStreamWriter's version compares against a copy of each dictionary it keeps; this one compares values
      dictionaries.writeDue(this::writeDictionaryBatch);
    }
  }
}
