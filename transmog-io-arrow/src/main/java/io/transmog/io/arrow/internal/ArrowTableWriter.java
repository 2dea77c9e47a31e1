package io.transmog.io.arrow.internal;

import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.table.Column;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.arrow.ArrowOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes one table as one Arrow IPC file (or stream) with Arrow Java, to a {@link PendingFile} that is published under
 * its final name on {@link #close()}. Used by one thread at a time.
 *
 * <p>Rows are copied column by column, with the typed getters, into the vectors of one record batch; the batch is
 * written when it holds {@link ArrowOptions#batchRows()} rows, when one text column holds {@link #TEXT_BATCH_LIMIT}
 * bytes, and at close. The vectors are then emptied and reused.
 *
 * <p>Costs: one {@link org.apache.arrow.memory.RootAllocator} per writer, holding the off-heap vectors of one record
 * batch (about {@code batchRows} times the row width, in buffers that double as they grow and are kept for the next
 * batch); a 64 KiB output buffer; with {@code dictionary=true}, the dictionaries (in the file format every distinct
 * value of each {@code STRING} column, on and off the heap, until the file is closed; in the stream format one batch's).
 */
final class ArrowTableWriter implements TableWriter {
  /**
   * Bytes of UTF-8 after which one text column ends its record batch early: well below the 2 GiB that Arrow's 32-bit
   * {@code utf8} offsets can address in one batch, and a bound on the memory a batch of long texts takes.
   */
  static final long TEXT_BATCH_LIMIT = 256L * 1024 * 1024;
  /**
   * Bytes of distinct values beyond which a dictionary-encoded column fails in the file format, where its whole
   * dictionary is one {@code utf8} vector written at the end (2 GiB at most, and held in memory until then).
   */
  static final long FILE_DICTIONARY_LIMIT = 1024L * 1024 * 1024;
  /** Rows copied per column before the next column (and the text limits) are looked at. */
  private static final int CHUNK_ROWS = 1024;
  /** Field metadata key of Arrow's extension types. */
  static final String EXTENSION_NAME = "ARROW:extension:name";
  /** Field metadata key of an extension type's parameters. */
  static final String EXTENSION_METADATA = "ARROW:extension:metadata";
  /** The canonical JSON extension type: {@code utf8} storage holding JSON text. */
  static final String JSON_EXTENSION = "arrow.json";
  /** Field metadata key naming the Transmog type where the Arrow type does not (a decimal written as text). */
  static final String TRANSMOG_TYPE = "transmog.type";
  /** Schema metadata key holding the table name. */
  static final String TABLE_KEY = "transmog.table";
  /** Schema metadata key holding the parent table's name (child tables only). */
  static final String PARENT_KEY = "transmog.parent";

  private enum State { OPEN, FAILED, CLOSED, ABORTED }

  private final TableSchema schema;
  private final String where;
  private final PendingFile file;
  private final OutputStream out;
  private final BufferAllocator allocator;
  private final List<ColumnFiller> fillers;
  private final VectorSchemaRoot root;
  private final ArrowWriter ipc;
  private final int batchRows;
  private int rowsInBatch;
  private long rowsWritten;
  private State state = State.OPEN;
  private long finalSize = -1;

  private ArrowTableWriter(TableSchema schema, String where, PendingFile file, OutputStream out,
      BufferAllocator allocator, List<ColumnFiller> fillers, VectorSchemaRoot root, ArrowWriter ipc, int batchRows) {
    this.schema = schema;
    this.where = where;
    this.file = file;
    this.out = out;
    this.allocator = allocator;
    this.fillers = fillers;
    this.root = root;
    this.ipc = ipc;
    this.batchRows = batchRows;
  }

  /**
   * Checks that Arrow can work in this JVM, creates the temporary file and writes the schema to it.
   *
   * @param schema the table's schema
   * @param target the final path
   * @param options the checked options
   * @return the open writer
   * @throws WriterException naming the table and file if Arrow lacks its JVM flag (naming the flag) or the file cannot
   *     be created
   */
  static ArrowTableWriter open(TableSchema schema, Path target, ArrowOptions options) {
    return open(schema, target, options, TEXT_BATCH_LIMIT, FILE_DICTIONARY_LIMIT);
  }

  /**
   * As {@link #open(TableSchema, Path, ArrowOptions)}, with the per-column text limit of a batch and the limit of a
   * whole-file dictionary (for tests).
   */
  static ArrowTableWriter open(TableSchema schema, Path target, ArrowOptions options, long textBatchLimit,
      long fileDictionaryLimit) {
    Objects.requireNonNull(schema, "schema must not be null");
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(options, "options must not be null");
    String where = where(schema, target);
    // Before any file or off-heap memory exists: a missing flag must leave nothing behind.
    MemoryAccess.requireNioOpen(where);
    BufferAllocator allocator = MemoryAccess.newRootAllocator(where);
    List<ColumnFiller> fillers = new ArrayList<>(schema.size());
    PendingFile file = null;
    OutputStream out = null;
    try {
      Utf8Encoder utf8 = new Utf8Encoder();
      List<Field> fields = new ArrayList<>(schema.size());
      List<FieldVector> vectors = new ArrayList<>(schema.size());
      List<ColumnFiller.DictionaryTexts> dictionaries = new ArrayList<>();
      List<Dictionary> dictionaryList = new ArrayList<>();
      for (int c = 0; c < schema.size(); c++) {
        Column column = schema.column(c);
        boolean encode = options.dictionary() && column.type() == io.transmog.api.table.ColumnType.STRING;
        Field field = field(column, encode ? dictionaries.size() : -1);
        ColumnFiller filler = filler(column, c, where, field, allocator, utf8, textBatchLimit,
            options.ipcFormat() == ArrowOptions.IpcFormat.FILE ? fileDictionaryLimit : -1);
        fillers.add(filler);
        fields.add(filler.vector().getField());
        vectors.add(filler.vector());
        if (filler instanceof ColumnFiller.DictionaryTexts) {
          ColumnFiller.DictionaryTexts d = (ColumnFiller.DictionaryTexts) filler;
          dictionaries.add(d);
          dictionaryList.add(d.dictionary());
        }
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(TABLE_KEY, schema.table());
      schema.parent().ifPresent(p -> metadata.put(PARENT_KEY, p));
      VectorSchemaRoot root = new VectorSchemaRoot(new Schema(fields, metadata), vectors, 0);
      // not closed: the fillers own (and close) the dictionary vectors
      DictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(
          dictionaryList.toArray(new Dictionary[0]));
      file = PendingFile.create(target);
      // Arrow writes many small pieces (message headers, padding); the buffer turns them into large writes.
      out = new BufferedOutputStream(file.openStream(), 1 << 16);
      ArrowWriter ipc = IpcWriters.create(options, root, provider, dictionaries, Channels.newChannel(out));
      ipc.start(); // the file's magic and the schema message: an empty table is a complete file from here on
      return new ArrowTableWriter(schema, where, file, out, allocator, fillers, root, ipc, options.batchRows());
    } catch (IOException | RuntimeException | LinkageError e) {
      closeQuietly(out);
      release(fillers, allocator);
      if (file != null) {
        file.discard();
      }
      if (MemoryAccess.isMemoryAccessFailure(e)) {
        throw MemoryAccess.missingFlag(where, e);
      }
      if (e instanceof WriterException) {
        throw new WriterException(where + ": " + e.getMessage(), e);
      }
      throw new WriterException(where + ": cannot start the Arrow file: " + e, e);
    }
  }

  /**
   * The Arrow field of a column; every field is nullable.
   *
   * @param column the column
   * @param dictionaryId the dictionary id for a dictionary-encoded {@code STRING} column, else -1
   * @return the field
   */
  static Field field(Column column, long dictionaryId) {
    Map<String, String> metadata = null;
    ArrowType type;
    switch (column.type()) {
      case BOOLEAN:
        type = ArrowType.Bool.INSTANCE;
        break;
      case LONG:
        type = new ArrowType.Int(64, true);
        break;
      case DOUBLE:
        type = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        break;
      case DECIMAL:
        if (isDecimal128(column)) {
          type = new ArrowType.Decimal(column.precision(), column.scale(), 128);
        } else {
          // Beyond 38 digits (or of unknown precision): exact text. decimal256 would reach 76 digits, but DuckDB,
          // Spark and pandas cap decimals at 38 and would refuse it or read it as a lossy double.
          type = ArrowType.Utf8.INSTANCE;
          metadata = Map.of(TRANSMOG_TYPE, "DECIMAL");
        }
        break;
      case JSON:
        type = ArrowType.Utf8.INSTANCE;
        // Arrow's canonical JSON extension type: readers that know it (pyarrow 19+, DuckDB) give a JSON column, the
        // others a plain utf8 column with this field metadata; its parameters are empty
        metadata = new LinkedHashMap<>();
        metadata.put(EXTENSION_NAME, JSON_EXTENSION);
        metadata.put(EXTENSION_METADATA, "");
        break;
      case TIMESTAMP:
        type = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
        break;
      case DATE:
        type = new ArrowType.Date(DateUnit.DAY);
        break;
      case STRING:
        type = ArrowType.Utf8.INSTANCE;
        if (dictionaryId >= 0) {
          ArrowType.Int indexType = new ArrowType.Int(32, true);
          return new Field(column.name(),
              new FieldType(true, indexType, new DictionaryEncoding(dictionaryId, false, indexType), null), null);
        }
        break;
      default:
        throw new IllegalArgumentException("column " + column.name() + ": no Arrow type for " + column.type());
    }
    return new Field(column.name(), new FieldType(true, type, null, metadata), null);
  }

  static boolean isDecimal128(Column column) {
    return column.precision() >= 1 && column.precision() <= 38;
  }

  /** @param fileDictionaryLimit the whole-file dictionary limit in the file format, -1 in the stream format */
  private static ColumnFiller filler(Column column, int index, String where, Field field, BufferAllocator allocator,
      Utf8Encoder utf8, long textBatchLimit, long fileDictionaryLimit) {
    switch (column.type()) {
      case BOOLEAN:
        return new ColumnFiller.Booleans(column, index, where, field, allocator);
      case LONG:
        return new ColumnFiller.Longs(column, index, where, field, allocator);
      case DOUBLE:
        return new ColumnFiller.Doubles(column, index, where, field, allocator);
      case TIMESTAMP:
        return new ColumnFiller.Timestamps(column, index, where, field, allocator);
      case DATE:
        return new ColumnFiller.Dates(column, index, where, field, allocator);
      case DECIMAL:
        if (isDecimal128(column)) {
          return new ColumnFiller.Decimals(column, index, where, field, allocator);
        }
        return new ColumnFiller.Texts(column, index, where, field, allocator, utf8, textBatchLimit);
      default:
        if (field.getDictionary() != null) {
          boolean wholeFile = fileDictionaryLimit >= 0;
          return new ColumnFiller.DictionaryTexts(column, index, where, field, allocator, utf8, wholeFile,
              wholeFile ? fileDictionaryLimit : textBatchLimit);
        }
        return new ColumnFiller.Texts(column, index, where, field, allocator, utf8, textBatchLimit);
    }
  }

  /**
   * Returns the bytes handed to the file so far (those still in the 64 KiB output buffer included), which grows with
   * every record batch written; after {@link #close()}, the size of the published file.
   */
  @Override
  public long bytesWritten() {
    if (state == State.OPEN) {
      return ipc.bytesWritten();
    }
    return finalSize;
  }

  @Override
  public void write(RowBatch batch) {
    Objects.requireNonNull(batch, "batch must not be null");
    requireOpen();
    if (batch.schema() != schema && !batch.schema().equals(schema)) {
      // canAppend accepts only an equal schema: an Arrow IPC file or stream has one schema, written first
      fail();
      throw new IllegalArgumentException(where + ": batch schema " + batch.schema()
          + " differs from the file's schema " + schema + "; an Arrow file cannot change its schema");
    }
    int rows = batch.rowCount();
    int from = 0;
    try {
      while (from < rows) {
        int count = Math.min(rows - from, Math.min(CHUNK_ROWS, batchRows - rowsInBatch));
        int copied = count;
        for (ColumnFiller f : fillers) {
          copied = Math.min(copied, f.fill(batch, from, rowsInBatch, count, rowsWritten + rowsInBatch));
        }
        // With fewer rows copied, a text column is full: the batch ends at its last complete row, and the rows the
        // other columns already copied beyond it are dropped with the batch and copied again into the next one.
        rowsInBatch += copied;
        from += copied;
        if (rowsInBatch >= batchRows || copied < count) {
          flush();
        }
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // an IPC stream cannot take back a half-written batch: the file is dropped at once
      fail();
      throw rethrow("cannot write", e);
    }
  }

  private void flush() throws IOException {
    if (rowsInBatch == 0) {
      return;
    }
    root.setRowCount(rowsInBatch);
    ipc.writeBatch(); // the due dictionary batches first, then the record batch
    rowsWritten += rowsInBatch;
    rowsInBatch = 0;
    for (ColumnFiller f : fillers) {
      f.resetBatch();
    }
  }

  /**
   * Writes the last record batch and the footer (file format) or end-of-stream marker (stream format), and publishes
   * the file atomically. Idempotent; does nothing after {@link #abort()}.
   *
   * @throws WriterException if completing or publishing fails (nothing is published then), or if an earlier
   *     {@link #write} failed; later calls do nothing
   */
  @Override
  public void close() {
    switch (state) {
      case CLOSED:
      case ABORTED:
        return;
      case FAILED:
        state = State.ABORTED;
        throw new WriterException(where + ": nothing was published because a write failed");
      default:
        break;
    }
    // Marked first so that a failure below is reported once and never retried half-way.
    state = State.CLOSED;
    try {
      flush();
      ipc.end();
      long size = ipc.bytesWritten();
      out.close(); // flushes the buffer into the temporary file
      finalSize = size;
    } catch (IOException | RuntimeException | LinkageError e) {
      discard();
      throw rethrow("cannot complete the file", e);
    }
    Throwable leak = release(fillers, allocator);
    if (leak != null) {
      file.discard();
      throw new WriterException(where + ": Arrow reports memory still in use at close; nothing was published: "
          + leak, leak);
    }
    try {
      file.publish();
    } catch (WriterException e) {
      throw new WriterException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Closes the file without a footer, frees the off-heap memory and deletes the file. Idempotent, never throws;
   * after {@link #close()} does nothing.
   */
  @Override
  public void abort() {
    if (state == State.CLOSED || state == State.ABORTED) {
      return;
    }
    state = State.ABORTED;
    discard();
  }

  private void fail() {
    state = State.FAILED;
    discard();
  }

  private void discard() {
    // ArrowWriter has no abort: closing it would write the footer of a file about to be deleted.
    closeQuietly(out);
    release(fillers, allocator);
    file.discard();
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(where + ": the writer is " + state.name().toLowerCase(Locale.ROOT));
    }
  }

  private RuntimeException rethrow(String what, Throwable e) {
    if (MemoryAccess.isMemoryAccessFailure(e)) {
      return MemoryAccess.missingFlag(where, e);
    }
    if (e instanceof WriterException) {
      // Already names table, file, column and row (from ColumnFiller or PendingFile).
      return (WriterException) e;
    }
    if (e instanceof IOException || e instanceof LinkageError || fromArrow(e)) {
      return new WriterException(where + ": " + what + ": " + e, e);
    }
    // Programming errors (e.g. a RowBatch getter failing) keep their type; the file is already cleaned up.
    return (RuntimeException) e;
  }

  private static boolean fromArrow(Throwable e) {
    if (e.getClass().getName().startsWith("org.apache.arrow.")) {
      return true;
    }
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("org.apache.arrow.");
  }

  /** Closes every vector, then the allocator; returns what went wrong (a leak would be a bug here), or null. */
  private static Throwable release(List<ColumnFiller> fillers, BufferAllocator allocator) {
    Throwable failure = null;
    for (ColumnFiller f : fillers) {
      try {
        f.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    try {
      allocator.close();
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    return failure;
  }

  private static void closeQuietly(OutputStream out) {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException | RuntimeException ignored) {
      // the file is being discarded; there is nothing left to save
    }
  }

  static String where(TableSchema schema, Path target) {
    return "table " + schema.table() + " (" + target + ")";
  }
}
