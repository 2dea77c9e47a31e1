package io.transmog.io.parquet.internal;

import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.parquet.ParquetOptions;
import io.transmog.io.parquet.internal.ParquetSchemaMapper.ColumnPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Writes one table as one Parquet file through Parquet Java's low-level API (its file and column writers, driven by a
 * {@link ParquetRowWriter} and a {@link CellWriter}), to a {@link PendingFile} that is published under its final name
 * on {@link #close()}. Used by one thread at a time.
 *
 * <p>No Hadoop class is loaded: no Hadoop {@code Configuration} is created, a {@link StandaloneCodecFactory} replaces
 * Parquet's Hadoop-based {@code CodecFactory}, and a {@link LocalOutputFile} replaces a Hadoop {@code FileSystem}
 * path.
 *
 * <p>Encodings are chosen when the first batch arrives (see {@link ColumnSample}): a column whose first values are all
 * distinct is written without a dictionary from the start, one whose text values repeat gets a {@link ValueCache}.
 * Dictionaries are built by {@link DictionaryWriters}. The file is byte for byte what Parquet Java's
 * {@code ParquetWriter} would write with these encodings.
 *
 * <p>Costs: the current row group is buffered on the heap (compressed pages, plus one open page per column) until it
 * reaches {@link ParquetOptions#rowGroupSize()}; with many columns the per-column page buffers dominate. A zstd writer
 * holds one native compression context.
 */
final class ParquetTableWriter implements TableWriter {
  private enum State { OPEN, FAILED, CLOSED, ABORTED }

  private final TableSchema schema;
  private final PendingFile file;
  private final TrackingOutputFile output;
  private final StandaloneCodecFactory codecs;
  private final ParquetOptions options;
  private final ColumnPlan[] plans;
  private final CellWriter cells;
  /** This writer's share of the provider's row-group budget, or null when the options fix the row-group size. */
  private final RowGroupBudget.Share budget;
  /** Started on the first batch (or on close if there is none), when the per-column encodings can be chosen. */
  private ParquetRowWriter writer;
  private State state = State.OPEN;
  private long finalSize = -1;

  private ParquetTableWriter(TableSchema schema, PendingFile file, TrackingOutputFile output,
      StandaloneCodecFactory codecs, ParquetOptions options, ColumnPlan[] plans, CellWriter cells,
      RowGroupBudget.Share budget) {
    this.schema = schema;
    this.budget = budget;
    this.file = file;
    this.output = output;
    this.codecs = codecs;
    this.options = options;
    this.plans = plans;
    this.cells = cells;
  }

  /**
   * Creates the temporary file and starts the Parquet file in it.
   *
   * @param schema the table's schema
   * @param target the final path
   * @param options the checked options
   * @param budget the row-group budget to take a share of, or {@code null} to use {@link ParquetOptions#rowGroupSize()}
   * @return the open writer
   * @throws WriterException naming the table and file if the file cannot be created or the schema has no column
   */
  static ParquetTableWriter open(TableSchema schema, Path target, ParquetOptions options, RowGroupBudget budget) {
    Objects.requireNonNull(schema, "schema must not be null");
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(options, "options must not be null");
    String where = where(schema, target);
    if (schema.size() == 0) {
      // Parquet has no empty schema (a message needs at least one field); checked before any file is created.
      throw new WriterException(where + ": a Parquet file needs at least one column, the table has none");
    }
    ColumnPlan[] plans = ParquetSchemaMapper.plan(schema);
    CellWriter cells = new CellWriter(where, plans);
    PendingFile file;
    try {
      file = PendingFile.create(target);
    } catch (WriterException e) {
      throw new WriterException(where + ": " + e.getMessage(), e);
    }
    TrackingOutputFile output = new TrackingOutputFile(file.temp());
    StandaloneCodecFactory codecs = new StandaloneCodecFactory(options.zstdLevel());
    // joined last, once nothing can fail, so that a writer that never opened is never counted
    RowGroupBudget.Share share = budget == null ? null : budget.join(ParquetOptions.DEFAULT_ROW_GROUP_SIZE);
    return new ParquetTableWriter(schema, file, output, codecs, options, plans, cells, share);
  }

  /**
   * Builds the Parquet writer, choosing each column's dictionary encoding from the first batch (see
   * {@link ColumnSample}): a column whose first values are all distinct gets none, a text column whose values repeat
   * gets a {@link ValueCache}, every other column keeps Parquet's own choice.
   *
   * @param first the first batch, or {@code null} if the file has no rows
   */
  private void start(RowBatch first) {
    // Sampled before the build, outside its error translation: a failing getter keeps its own type, as in write().
    ColumnSample.Verdict[] verdicts = new ColumnSample.Verdict[plans.length];
    for (int c = 0; c < plans.length; c++) {
      verdicts[c] = first != null && options.dictionary()
          ? ColumnSample.of(first, c, plans[c]) : ColumnSample.Verdict.UNKNOWN;
    }
    try {
      ParquetProperties.Builder props = ParquetProperties.builder()
          .withPageSize(options.pageSize())
          .withDictionaryPageSize(options.pageSize())
          .withDictionaryEncoding(options.dictionary())
          // v1 data pages: readable by every Parquet reader, including old Hive and Spark versions
          .withWriterVersion(WriterVersion.PARQUET_1_0)
          // Parquet's values writers, with faster dictionaries that write the same pages (see DictionaryWriters)
          .withValuesWriterFactory(DictionaryWriters.factory());
      for (int c = 0; c < plans.length; c++) {
        if (verdicts[c] == ColumnSample.Verdict.DISTINCT) {
          // A dotted name would be read as a nested path and match no column; the setting then has no effect and
          // Parquet's own fallback decides, as before.
          props.withDictionaryEncoding(plans[c].name(), false);
        } else if (verdicts[c] == ColumnSample.Verdict.REPEATS) {
          cells.cacheValues(c);
        }
      }
      // a fixed size is its own cap; a share of the budget may grow up to the default cap as other writers close
      long cap = budget == null ? options.rowGroupSize() : ParquetOptions.DEFAULT_ROW_GROUP_SIZE;
      LongSupplier rowGroupSize = budget == null ? () -> cap : budget;
      writer = ParquetRowWriter.start(output, ParquetSchemaMapper.messageType(plans), props.build(), codecs,
          codec(options.compression()), cap, rowGroupSize, Map.of(CellWriter.TABLE_KEY, schema.table()),
          CellWriter.MODEL_NAME);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new WriterException(where(schema, file.target()) + ": cannot start the Parquet file: " + e, e);
    }
  }

  /**
   * Returns the size of the file so far: the row groups already written plus the current one's buffered pages
   * (Parquet's {@code getDataSize()}); after {@link #close()}, the size of the published file including its footer.
   */
  @Override
  public long bytesWritten() {
    if (state == State.OPEN) {
      // what has reached the file: whole row groups. getDataSize() would add the open row group's uncompressed
      // pages, many times their compressed size, and make the engine cut parts far too small.
      try {
        return java.nio.file.Files.size(file.temp());
      } catch (java.io.IOException e) {
        return 0;
      }
    }
    return finalSize;
  }

  @Override
  public void write(RowBatch batch) {
    Objects.requireNonNull(batch, "batch must not be null");
    requireOpen();
    if (batch.schema() != schema && !batch.schema().equals(schema)) {
      // canAppend accepts only an equal schema: a Parquet file has exactly one schema, fixed in its footer.
      throw new IllegalArgumentException(where(schema, file.target()) + ": batch schema " + batch.schema()
          + " differs from the file's schema " + schema + "; a Parquet file cannot change its schema");
    }
    try {
      if (writer == null) {
        start(batch);
      }
      cells.write(batch, writer);
    } catch (IOException | RuntimeException | LinkageError e) {
      // Parquet cannot take a half-written row back, so the file is dropped at once.
      fail();
      throw rethrow(where(schema, file.target()) + ": cannot write", e);
    }
  }

  /**
   * Writes the last row group and the footer, and publishes the file atomically. Idempotent; does nothing after
   * {@link #abort()}.
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
        throw new WriterException(where(schema, file.target()) + ": nothing was published because a write failed");
      default:
        break;
    }
    // Marked first so that a failure below is reported once and never retried half-way.
    state = State.CLOSED;
    release();
    try {
      if (writer == null) {
        start(null);
      }
      writer.close();
      codecs.release();
      finalSize = output.position();
    } catch (IOException | RuntimeException | LinkageError e) {
      output.closeQuietly();
      codecs.release();
      file.discard();
      throw rethrow(where(schema, file.target()) + ": cannot complete the file", e);
    }
    try {
      file.publish();
    } catch (WriterException e) {
      throw new WriterException(where(schema, file.target()) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Closes the file without writing a footer and deletes it. Idempotent, never throws; after {@link #close()} does
   * nothing.
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

  /** Gives the row-group budget back to the writers still open: this one buffers no more row groups. */
  private void release() {
    if (budget != null) {
      budget.release();
    }
  }

  private void discard() {
    release();
    // Parquet has no abort: closing the writer would write the row group and footer of a file about to be deleted.
    // The buffered pages are left to the garbage collector; the stream and the native codec state are freed here.
    output.closeQuietly();
    codecs.release();
    file.discard();
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          where(schema, file.target()) + ": the writer is " + state.name().toLowerCase(Locale.ROOT));
    }
  }

  private static CompressionCodecName codec(ParquetOptions.Compression compression) {
    switch (compression) {
      case ZSTD:
        return CompressionCodecName.ZSTD;
      case SNAPPY:
        return CompressionCodecName.SNAPPY;
      case GZIP:
        return CompressionCodecName.GZIP;
      default:
        return CompressionCodecName.UNCOMPRESSED;
    }
  }

  private static RuntimeException rethrow(String context, Throwable e) {
    if (e instanceof WriterException) {
      // Already names table, file, column and row (from RowBatchWriteSupport or PendingFile).
      return (WriterException) e;
    }
    if (e instanceof IOException || e instanceof LinkageError) {
      return new WriterException(context + ": " + e, e);
    }
    // Programming errors (e.g. a RowBatch getter failing) keep their type; the file is already cleaned up.
    return (RuntimeException) e;
  }

  static String where(TableSchema schema, Path target) {
    return "table " + schema.table() + " (" + target + ")";
  }

  /**
   * A {@link LocalOutputFile} that remembers the stream it opened, so that {@link #abort()} can close the file without
   * asking Parquet's file writer (which can only close by writing a footer), and so that the final size is known.
   */
  private static final class TrackingOutputFile implements OutputFile {
    private final LocalOutputFile delegate;
    private PositionOutputStream stream;

    TrackingOutputFile(Path path) {
      this.delegate = new LocalOutputFile(path);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      stream = delegate.create(blockSizeHint);
      return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      stream = delegate.createOrOverwrite(blockSizeHint);
      return stream;
    }

    @Override
    public boolean supportsBlockSize() {
      return delegate.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
      return delegate.defaultBlockSize();
    }

    @Override
    public String getPath() {
      return delegate.getPath();
    }

    long position() throws IOException {
      return stream == null ? 0 : stream.getPos();
    }

    void closeQuietly() {
      if (stream == null) {
        return;
      }
      try {
        stream.close();
      } catch (IOException | RuntimeException ignored) {
        // the file is being discarded; there is nothing left to save
      }
    }
  }
}
