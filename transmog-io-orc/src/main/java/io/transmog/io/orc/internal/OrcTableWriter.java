package io.transmog.io.orc.internal;

import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.table.Column;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.orc.OrcOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.orc.CompressionKind;
import org.apache.orc.InMemoryKeystore;
import org.apache.orc.OrcFile;
import org.apache.orc.Writer;
import org.apache.orc.storage.common.type.HiveDecimal;
import org.apache.orc.storage.ql.exec.vector.BytesColumnVector;
import org.apache.orc.storage.ql.exec.vector.ColumnVector;
import org.apache.orc.storage.ql.exec.vector.DateColumnVector;
import org.apache.orc.storage.ql.exec.vector.DecimalColumnVector;
import org.apache.orc.storage.ql.exec.vector.DoubleColumnVector;
import org.apache.orc.storage.ql.exec.vector.LongColumnVector;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;

/**
 * Writes one table as one ORC file through ORC Java's vectorized writer, to a {@link PendingFile} that is published
 * under its final name on {@link #close()}. Used by one thread at a time.
 *
 * <p>Rows are copied column by column from each {@link RowBatch} into a {@link VectorizedRowBatch} of
 * {@value VectorizedRowBatch#DEFAULT_SIZE} rows, which is handed to ORC whenever it is full (and once more on close).
 * Cells are read with the typed getter of each column's type, so primitive columns are never boxed; {@code STRING} and
 * {@code JSON} text is copied as UTF-8 ({@link RowBatch#getUtf8}) into each text vector's shared buffer, with no
 * {@code String} and no array per cell.
 *
 * <p>Costs: ORC buffers the current stripe on the heap (compressed streams of every column) until it reaches the
 * stripe size, scaled down by ORC's process-wide memory manager when many writers are open at once (their stripe sizes
 * together may take at most half the heap); plus one row batch, whose text vectors keep their shared buffers (at least
 * 16 KiB each, growing to about the text of one row batch of the column; values over 1 MiB that do not fit get arrays
 * of their own). A zstd writer holds native compression contexts.
 */
final class OrcTableWriter implements TableWriter {
  /** User-metadata key holding the table name. */
  static final String TABLE_KEY = "transmog.table";
  /** User-metadata key holding the JSON array of the names of the columns whose strings are JSON text. */
  static final String JSON_COLUMNS_KEY = "transmog.json.columns";

  private static final long MICROS_PER_SECOND = 1_000_000L;

  /**
   * The key provider of every writer: an empty in-memory keystore, since no column is encrypted. Without it ORC asks
   * Hadoop's {@code KeyProviderFactory}, whose first use initialises Hadoop's {@code Shell} and so forks a
   * {@code setsid} process once per JVM. Never written to, so it is shared.
   */
  private static final InMemoryKeystore NO_KEYS = new InMemoryKeystore();

  private enum State { OPEN, FAILED, CLOSED, ABORTED }

  private final TableSchema schema;
  private final OrcSchemaMapper.Plan plan;
  private final PendingFile file;
  private final PendingFileSystem fs;
  private final OrcFile.WriterOptions writerOptions;
  private final Writer writer;
  private final VectorizedRowBatch rows;
  private final String where;
  private State state = State.OPEN;
  private long finalSize = -1;

  private OrcTableWriter(TableSchema schema, OrcSchemaMapper.Plan plan, PendingFile file, PendingFileSystem fs,
      OrcFile.WriterOptions writerOptions, Writer writer) {
    this.schema = schema;
    this.plan = plan;
    this.file = file;
    this.fs = fs;
    this.writerOptions = writerOptions;
    this.writer = writer;
    this.where = where(schema, file.target());
    this.rows = plan.type().createRowBatch(VectorizedRowBatch.DEFAULT_SIZE);
    for (ColumnVector v : rows.cols) {
      // Transmog's days and instants are proleptic Gregorian (java.time), and so is the file (setProlepticGregorian):
      // marking the vectors keeps ORC from converting them from the hybrid Julian calendar it assumes by default.
      if (v instanceof DateColumnVector) {
        ((DateColumnVector) v).changeCalendar(true, false);
      } else if (v instanceof TimestampColumnVector) {
        ((TimestampColumnVector) v).changeCalendar(true, false);
      } else if (v instanceof BytesColumnVector) {
        // the shared buffer text is copied into (setUtf8); reset() re-initialises it for every later row batch
        ((BytesColumnVector) v).initBuffer();
      }
    }
  }

  /**
   * Creates the temporary file and starts the ORC file in it.
   *
   * @param schema the table's schema
   * @param target the final path
   * @param options the checked options
   * @return the open writer
   * @throws WriterException naming the table and file if the file cannot be created
   */
  static OrcTableWriter open(TableSchema schema, Path target, OrcOptions options) {
    Objects.requireNonNull(schema, "schema must not be null");
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(options, "options must not be null");
    String where = where(schema, target);
    OrcSchemaMapper.Plan plan = OrcSchemaMapper.plan(schema);
    String bloomFilterColumns = bloomFilterColumns(schema, options.bloomFilterColumns());
    PendingFile file;
    try {
      file = PendingFile.create(target);
    } catch (WriterException e) {
      throw new WriterException(where + ": " + e.getMessage(), e);
    }
    PendingFileSystem fs = null;
    OrcFile.WriterOptions writerOptions = null;
    try {
      // no default resources: ORC's own defaults apply, and no core-site.xml from the class path changes the output
      Configuration conf = new Configuration(false);
      fs = new PendingFileSystem(file.temp(), conf);
      writerOptions = OrcFile.writerOptions(conf)
          .setSchema(plan.type())
          .fileSystem(fs)
          .setKeyProvider(NO_KEYS)
          // PendingFile.create made the temporary file already
          .overwrite(true)
          .compress(codec(options.compression()))
          .stripeSize(options.stripeSize())
          .rowIndexStride(options.rowIndexStride())
          // padding stripes to HDFS block boundaries only wastes space in a local file
          .blockPadding(false)
          .setProlepticGregorian(true)
          // irrelevant for `timestamp with local time zone` (always UTC), stated for plain readers of the footer
          .useUTCTimestamp(true);
      if (!bloomFilterColumns.isEmpty()) {
        writerOptions.bloomFilterColumns(bloomFilterColumns);
      }
      Writer writer = OrcFile.createWriter(fs.hadoopPath(), writerOptions);
      writer.addUserMetadata(TABLE_KEY, utf8(schema.table()));
      if (!plan.jsonColumns().isEmpty()) {
        writer.addUserMetadata(JSON_COLUMNS_KEY, utf8(jsonArray(plan.jsonColumns())));
      }
      return new OrcTableWriter(schema, plan, file, fs, writerOptions, writer);
    } catch (IOException | RuntimeException | LinkageError e) {
      forget(writerOptions, fs);
      if (fs != null) {
        fs.closeQuietly();
      }
      file.discard();
      throw new WriterException(where + ": cannot start the ORC file: " + e, e);
    }
  }

  /**
   * Returns the bytes that have reached the file: the 3-byte header, then every finished stripe. The stripe being
   * built is not counted, so the value grows a stripe at a time (see {@link OrcOptions#stripeSize()}) and never exceeds
   * the size of the finished file; ORC's own estimate of the open stripe ({@code Writer.estimateMemory()}) counts whole
   * buffer capacities and would overshoot it many times over. After {@link #close()}, the size of the published file.
   */
  @Override
  public long bytesWritten() {
    if (state == State.OPEN) {
      return fs.position();
    }
    return finalSize;
  }

  @Override
  public void write(RowBatch batch) {
    Objects.requireNonNull(batch, "batch must not be null");
    requireOpen();
    if (batch.schema() != schema && !batch.schema().equals(schema)) {
      // canAppend accepts only an equal schema: an ORC file has exactly one type, fixed in its footer.
      throw new IllegalArgumentException(where + ": batch schema " + batch.schema()
          + " differs from the file's schema " + schema + "; an ORC file cannot change its schema");
    }
    int count = batch.rowCount();
    int next = 0;
    try {
      while (next < count) {
        int n = Math.min(count - next, rows.getMaxSize() - rows.size);
        for (int c = 0; c < rows.cols.length; c++) {
          fill(c, rows.cols[c], batch, next, rows.size, n);
        }
        rows.size += n;
        next += n;
        if (rows.size == rows.getMaxSize()) {
          flushRows();
        }
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // ORC closes its writer itself when addRowBatch fails; the half-built file is dropped at once either way.
      fail();
      throw rethrow(where + ": cannot write", e);
    }
  }

  /**
   * Writes the buffered rows, the last stripe and the footer, and publishes the file atomically. Idempotent; does
   * nothing after {@link #abort()}.
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
      if (rows.size > 0) {
        flushRows();
      }
      writer.close();
      finalSize = fs.position();
    } catch (IOException | RuntimeException | LinkageError e) {
      forget(writerOptions, fs);
      fs.closeQuietly();
      file.discard();
      throw rethrow(where + ": cannot complete the file", e);
    }
    try {
      file.publish();
    } catch (WriterException e) {
      throw new WriterException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Closes the file without writing the last stripe or a footer, and deletes it. Idempotent, never throws; after
   * {@link #close()} does nothing.
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
    // ORC's Writer has no abort: closing it would compress and write the stripe and footer of a file about to be
    // deleted. Instead the writer is taken off ORC's process-wide memory manager (which would otherwise keep counting
    // its stripe against every other writer's), the stream is closed and the file deleted.
    forget(writerOptions, fs);
    fs.closeQuietly();
    file.discard();
  }

  private static void forget(OrcFile.WriterOptions writerOptions, PendingFileSystem fs) {
    if (writerOptions == null || fs == null) {
      return;
    }
    try {
      writerOptions.getMemoryManager().removeWriter(fs.hadoopPath());
    } catch (IOException | RuntimeException ignored) {
      // removing an unknown path is a no-op; nothing else can go wrong that would matter for a discarded file
    }
  }

  private void flushRows() throws IOException {
    writer.addRowBatch(rows);
    rows.reset();
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(where + ": the writer is " + state.name().toLowerCase(Locale.ROOT));
    }
  }

  /** Copies {@code n} cells of column {@code c} from {@code in} (from row {@code from}) to {@code v} (from {@code at}). */
  private void fill(int c, ColumnVector v, RowBatch in, int from, int at, int n) {
    OrcSchemaMapper.Kind kind = plan.kinds().get(c);
    for (int i = 0; i < n; i++) {
      int r = from + i;
      int o = at + i;
      if (in.isNull(c, r)) {
        v.noNulls = false;
        v.isNull[o] = true;
        continue;
      }
      v.isNull[o] = false;
      switch (kind) {
        case BOOLEAN:
          ((LongColumnVector) v).vector[o] = in.getBoolean(c, r) ? 1 : 0;
          break;
        case LONG:
          ((LongColumnVector) v).vector[o] = in.getLong(c, r);
          break;
        case DOUBLE:
          ((DoubleColumnVector) v).vector[o] = in.getDouble(c, r);
          break;
        case DECIMAL:
          ((DecimalColumnVector) v).vector[o].set(decimal(c, r, in.getDecimal(c, r)));
          break;
        case DECIMAL_TEXT:
          setText((BytesColumnVector) v, o, in.getDecimal(c, r).toPlainString());
          break;
        case TIMESTAMP:
          setTimestamp((TimestampColumnVector) v, o, in.getLong(c, r), c, r);
          break;
        case DATE:
          ((LongColumnVector) v).vector[o] = date(c, r, in.getLong(c, r));
          break;
        case STRING:
        default:
          // STRING and JSON
          if (!setUtf8((BytesColumnVector) v, o, in, c, r)) {
            v.noNulls = false;
            v.isNull[o] = true; // the batch had no text for the cell after all
          }
          break;
      }
    }
  }

  /**
   * Copies a text cell's UTF-8 bytes ({@link RowBatch#getUtf8}) straight into the vector's shared buffer: no
   * {@code String} and no array per cell. The buffer is reused from row batch to row batch ({@code reset()}), which is
   * safe because ORC copies what it keeps of a batch (dictionary entries, statistics, the direct stream) before
   * {@code addRowBatch} returns.
   *
   * @return whether the cell had text; {@code false} (nothing written) when the batch reports none
   */
  private static boolean setUtf8(BytesColumnVector v, int o, RowBatch in, int c, int r) {
    int n = in.getUtf8Length(c, r);
    if (n < 0) {
      return false;
    }
    v.ensureValPreallocated(n);
    n = in.getUtf8(c, r, v.getValPreallocatedBytes(), v.getValPreallocatedStart());
    v.setValPreallocated(o, n);
    return true;
  }

  /**
   * Rescales a value to the column's scale without rounding and checks its precision; ORC's own
   * {@code DecimalColumnVector.set} would round to the scale and store null for a value that does not fit.
   */
  private HiveDecimal decimal(int c, int r, BigDecimal value) {
    Column column = schema.column(c);
    BigDecimal scaled;
    try {
      scaled = value.setScale(column.scale());
    } catch (ArithmeticException e) {
      throw notRepresentable(c, r, value, "it has more than " + column.scale() + " digits after the point", e);
    }
    if (scaled.precision() > column.precision()) {
      throw notRepresentable(c, r, value, "it has more than " + column.precision() + " digits", null);
    }
    HiveDecimal d = HiveDecimal.create(scaled);
    if (d == null || d.bigDecimalValue().compareTo(scaled) != 0) {
      // cannot happen for at most 38 digits; checked so that no value is ever changed silently
      throw notRepresentable(c, r, value, "ORC's decimal cannot hold it exactly", null);
    }
    return d;
  }

  private WriterException notRepresentable(int c, int r, BigDecimal value, String why, Exception cause) {
    Column column = schema.column(c);
    return new WriterException(at(c, r) + ": " + value.toPlainString() + " does not fit decimal("
        + column.precision() + "," + column.scale() + "): " + why + "; it would have to be rounded", cause);
  }

  /** Converts epoch microseconds (UTC) to ORC's milliseconds + nanosecond-of-second pair. */
  private void setTimestamp(TimestampColumnVector v, int o, long micros, int c, int r) {
    long millis = Math.floorDiv(micros, 1000L);
    if (millis < 0 && millis > -1000) {
      // ORC Java stores whole seconds truncated towards zero, so these instants get 0 seconds and its reader returns
      // them one second late (OrcQuirksTest): refuse rather than shift the value.
      throw new WriterException(at(c, r) + ": timestamp " + java.time.Instant.EPOCH.plusNanos(micros * 1000)
          + " lies between 1969-12-31T23:59:59.001Z and 1970-01-01T00:00:00Z (exclusive), where ORC Java reads"
          + " values back one second late; it cannot be stored exactly");
    }
    v.time[o] = millis;
    v.nanos[o] = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
  }

  private long date(int c, int r, long days) {
    if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
      // ORC stores a date as a 32-bit day number (its writer casts to int)
      throw new WriterException(at(c, r) + ": date " + days + " days from 1970-01-01 is outside ORC's 32-bit range");
    }
    return days;
  }

  /** A decimal's plain text, ASCII, in an array of its own that the vector may keep until the batch is flushed. */
  private static void setText(BytesColumnVector v, int o, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    v.setRef(o, bytes, 0, bytes.length);
  }

  private String at(int c, int r) {
    return where + ": column " + schema.column(c).name() + ", row " + r + " of the batch";
  }

  private static String bloomFilterColumns(TableSchema schema, List<String> requested) {
    List<String> present = new ArrayList<>();
    for (String name : requested) {
      int index = schema.indexOf(name);
      if (index < 0) {
        continue; // the same options serve every table of a run; this table has no such column
      }
      // ORC matches the names ignoring case and takes the first match: make sure that is the column meant
      for (int i = 0; i < index; i++) {
        if (schema.column(i).name().equalsIgnoreCase(name)) {
          throw new io.transmog.api.TransmogConfigurationException("format option "
              + OrcOptions.BLOOM_FILTER_COLUMNS + ": table " + schema.table() + " has columns \""
              + schema.column(i).name() + "\" and \"" + name + "\", which ORC cannot tell apart (it ignores case)");
        }
      }
      present.add(OrcSchemaMapper.fieldName(name));
    }
    return String.join(",", present);
  }

  private static CompressionKind codec(OrcOptions.Compression compression) {
    switch (compression) {
      case ZSTD:
        return CompressionKind.ZSTD;
      case SNAPPY:
        return CompressionKind.SNAPPY;
      case ZLIB:
        return CompressionKind.ZLIB;
      default:
        return CompressionKind.NONE;
    }
  }

  private static ByteBuffer utf8(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON array of strings, e.g. {@code ["tags","meta"]} (RFC 8259 §7 escaping). */
  static String jsonArray(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"');
      String s = values.get(i);
      for (int k = 0; k < s.length(); k++) {
        char ch = s.charAt(k);
        switch (ch) {
          case '"':
            sb.append("\\\"");
            break;
          case '\\':
            sb.append("\\\\");
            break;
          case '\n':
            sb.append("\\n");
            break;
          case '\r':
            sb.append("\\r");
            break;
          case '\t':
            sb.append("\\t");
            break;
          default:
            if (ch < 0x20) {
              sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
              sb.append(ch);
            }
        }
      }
      sb.append('"');
    }
    return sb.append(']').toString();
  }

  private static RuntimeException rethrow(String context, Throwable e) {
    if (e instanceof WriterException) {
      // already names table, file, column and row
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
}
