package io.transmog.io.csv.internal;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.csv.CsvOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes one table as RFC 4180 CSV in UTF-8 to a {@link PendingFile}, published under its final name on
 * {@link #close()}. Used by one thread at a time.
 *
 * <p>Cells: a null cell is an empty unquoted field, an empty string is {@code ""}, so the two stay distinguishable;
 * fields holding the delimiter, a quote, CR or LF (and a few other risky leading or trailing characters) are quoted,
 * quotes doubled. {@code LONG}, {@code DOUBLE} and {@code BOOLEAN} cells are read with their unboxed getters and written
 * in Java's canonical text ({@link Long#toString(long)}, {@link Double#toString(double)}, {@code true}/{@code false});
 * {@code DECIMAL} cells in plain decimal form; {@code STRING} and {@code JSON} cells as their text.
 *
 * <p>Cells are encoded straight into a byte buffer by {@link CsvOutput}: {@code STRING} and {@code JSON} cells are
 * copied from the batch's UTF-8 bytes ({@link RowBatch#getUtf8}) and scanned for the bytes that force quotes, numbers
 * are written without intermediate strings; the bytes are those Commons CSV's RFC 4180 format in
 * {@code QuoteMode.MINIMAL} would write. With a non-ASCII delimiter text cells are read with {@link RowBatch#getString}
 * instead (the scan looks for single bytes).
 *
 * <p>Costs: a 128 KiB byte buffer; no allocation per cell of the writer's own except for {@code DECIMAL} cells, for
 * doubles outside the fast range of {@link CsvOutput#doubleValue} and for text cells over 64 KiB. An unpaired
 * surrogate in text is written as {@code ?}, as {@link RowBatch#getUtf8} gives it.
 */
final class CsvTableWriter implements TableWriter {
  /** Bytes of the copy buffer used when columns grew and the file is rewritten once on close. */
  static final int COPY_BUFFER_BYTES = 64 * 1024;

  private enum State { OPEN, FAILED, CLOSED, ABORTED }

  /** The schema the header was written with; the table name and the first columns never change. */
  private final TableSchema schema;
  private ColumnType[] types;
  private final CsvOptions options;
  /** Records written so far, and where the column count grew: records before growthAt[i] have growthCount[i] fields. */
  private long records;
  private final java.util.List<long[]> growth = new java.util.ArrayList<>();
  private final PendingFile file;
  private final OutputStream raw;
  private final CsvOutput out;
  private final boolean formulaGuard;
  /** Whether STRING and JSON cells are copied as UTF-8 bytes: with an ASCII delimiter (see CsvOutput.copiesUtf8). */
  private final boolean utf8Cells;
  private State state = State.OPEN;

  private CsvTableWriter(TableSchema schema, PendingFile file, OutputStream raw, CsvOptions options) {
    this.schema = schema;
    this.file = file;
    this.raw = raw;
    this.options = options;
    this.out = new CsvOutput(raw, options.delimiter(), options.lineSeparator().chars(), CsvOutput.BUFFER_BYTES);
    this.formulaGuard = options.formulaGuard();
    this.utf8Cells = out.copiesUtf8();
    this.types = new ColumnType[schema.size()];
    for (int c = 0; c < types.length; c++) {
      types[c] = schema.column(c).type();
    }
  }

  /**
   * Creates the temporary file and writes the byte order mark and header record, if asked for.
   *
   * @param schema the table's schema
   * @param target the final path
   * @param options the checked options
   * @return the open writer
   * @throws WriterException naming the table and file if the file cannot be created or written
   */
  static CsvTableWriter open(TableSchema schema, Path target, CsvOptions options) {
    Objects.requireNonNull(schema, "schema must not be null");
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(options, "options must not be null");
    format(options); // validation only: a delimiter Commons CSV refuses is refused here too, before any file exists
    PendingFile file;
    try {
      file = PendingFile.create(target);
    } catch (WriterException e) {
      throw new WriterException(where(schema, target) + ": " + e.getMessage(), e);
    }
    OutputStream raw = null;
    try {
      raw = file.openStream();
      CsvTableWriter writer = new CsvTableWriter(schema, file, raw, options);
      writer.start(options);
      return writer;
    } catch (IOException | RuntimeException e) {
      closeQuietly(raw);
      file.discard();
      throw rethrow(where(schema, file.target()) + ": cannot start the file", e);
    }
  }

  @Override
  public long bytesWritten() {
    return file.bytesWritten();
  }

  @Override
  public void write(RowBatch batch) {
    Objects.requireNonNull(batch, "batch must not be null");
    requireOpen();
    TableSchema bs = batch.schema();
    if (bs != schema && (bs.size() != types.length || !bs.equals(schema))) {
      if (!CsvWriterProvider.extendsColumns(schema, bs) || bs.size() < types.length) {
        // A different column list would silently shift values under the wrong header.
        throw new IllegalArgumentException(where(schema, file.target()) + ": batch columns "
            + bs.columnNames() + " do not extend the header " + schema.columnNames());
      }
      if (bs.size() > types.length) {
        // columns appended after the header was written: the file is consolidated on close
        growth.add(new long[] {records, types.length});
        types = new ColumnType[bs.size()];
        finalSchemaNames = bs.columnNames();
      }
      for (int c = 0; c < types.length; c++) {
        types[c] = bs.column(c).type();
      }
    }
    int r = 0;
    int c = 0;
    try {
      int rows = batch.rowCount();
      ColumnType[] t = types;
      for (; r < rows; r++) {
        for (c = 0; c < t.length; c++) {
          writeCell(batch, t[c], c, r);
        }
        out.recordEnd();
        records++;
      }
    } catch (IOException | RuntimeException e) {
      // A half-written record cannot be taken back, so the file is dropped now rather than published later.
      fail();
      throw rethrow(where(schema, file.target()) + ": cannot write"
          + (c < types.length ? " column " + bs.column(c).name() + ", row " + r + " of the batch" : ""), e);
    }
  }

  /**
   * Flushes, closes and publishes the file. Idempotent; does nothing after {@link #abort()}.
   *
   * @throws WriterException if flushing or publishing fails (nothing is published then), or if an earlier
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
    try {
      out.flush();
      raw.close();
    } catch (IOException e) {
      closeQuietly(raw);
      file.discard();
      throw rethrow(where(schema, file.target()) + ": cannot complete the file", e);
    }
    PendingFile done = file;
    if (!growth.isEmpty()) {
      done = consolidate();
    }
    try {
      done.publish();
    } catch (WriterException e) {
      throw new WriterException(where(schema, file.target()) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Columns were appended after the header was written. Rewrites the file once, streaming: the final header, then
   * every earlier record with empty fields appended for the columns it did not have, so every record has the same
   * field count (RFC 4180). Record ends are found by scanning the bytes this writer produced itself: a record
   * separator outside quotes; quotes inside fields are always doubled, so toggling on each quote is exact.
   */
  private PendingFile consolidate() {
    PendingFile next = PendingFile.create(file.target());
    byte[] delimiter = String.valueOf(options.delimiter()).getBytes(StandardCharsets.UTF_8);
    boolean crlf = options.lineSeparator().chars().equals("\r\n");
    try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file.temp()),
            COPY_BUFFER_BYTES);
        OutputStream o = new java.io.BufferedOutputStream(next.openStream(), COPY_BUFFER_BYTES)) {
      if (options.bom()) {
        in.skipNBytes(3);
      }
      // the new header goes through the same encoder as the data, so its bytes follow the same rules
      CsvOutput header = new CsvOutput(o, options.delimiter(), options.lineSeparator().chars(), 4096);
      if (options.bom()) {
        header.byteOrderMark();
      }
      long record = options.header() ? -1 : 0; // the old header is record -1 and is replaced
      if (options.header()) {
        writeHeader(header, finalSchemaNames);
      }
      header.flush();
      int growthIndex = 0;
      boolean inQuotes = false;
      boolean pendingCr = false;
      int b;
      while ((b = in.read()) >= 0) {
        if (pendingCr) {
          pendingCr = false;
          if (b == '\n') {
            record = endRecord(record, o, delimiter, crlf);
            continue;
          }
          o.write('\r');
        }
        if (b == '"') {
          inQuotes = !inQuotes;
        } else if (!inQuotes && b == '\r' && crlf) {
          pendingCr = true;
          continue;
        } else if (!inQuotes && b == '\n') {
          record = endRecord(record, o, delimiter, crlf);
          continue;
        }
        if (record >= 0) {
          o.write(b);
        }
      }
    } catch (IOException | RuntimeException e) {
      next.discard();
      file.discard();
      throw rethrow(where(schema, file.target()) + ": cannot consolidate the grown columns", e);
    }
    file.discard();
    return next;
  }

  /** Ends one copied record: pads it to the final field count, then writes the record separator. */
  private long endRecord(long record, OutputStream o, byte[] delimiter, boolean crlf) throws IOException {
    if (record >= 0) {
      for (int i = fieldsOf(record); i < types.length; i++) {
        o.write(delimiter);
      }
      if (crlf) {
        o.write('\r');
      }
      o.write('\n');
    }
    return record + 1;
  }

  /** The field count a record was written with. */
  private int fieldsOf(long record) {
    for (long[] g : growth) {
      if (record < g[0]) {
        return (int) g[1];
      }
    }
    return types.length;
  }

  private java.util.List<String> finalSchemaNames = java.util.List.of();

  /** Closes the file without flushing and deletes it. Idempotent, never throws; after {@link #close()} does nothing. */
  @Override
  public void abort() {
    if (state == State.CLOSED || state == State.ABORTED) {
      return;
    }
    state = State.ABORTED;
    // The raw stream is closed directly: flushing buffered data that is about to be deleted is wasted I/O.
    closeQuietly(raw);
    file.discard();
  }

  private void start(CsvOptions options) throws IOException {
    if (options.bom()) {
      out.byteOrderMark();
    }
    if (options.header()) {
      writeHeader(out, schema.columnNames());
    }
  }

  /** The header record; header cells are spreadsheet cells too, so the formula guard applies to them. */
  private void writeHeader(CsvOutput o, java.util.List<String> names) throws IOException {
    for (int c = 0; c < names.size(); c++) {
      if (c > 0) {
        o.delimiter();
      }
      String name = names.get(c);
      if (name == null) {
        continue; // an empty field, as Commons CSV prints null
      }
      textCell(o, name);
    }
    o.recordEnd();
  }

  /**
   * Writes one cell: {@code BOOLEAN}, {@code LONG} and {@code DOUBLE} cells from their unboxed getters, formatted
   * without intermediate strings in the common cases; {@code DECIMAL} cells in plain form, never quoted (numbers hold
   * no delimiter, quote or line break, the delimiter is never a digit); {@code STRING} and {@code JSON} cells from
   * their UTF-8 bytes ({@link CsvOutput#utf8Text}), every other type as text, both through the quoting rules of
   * {@link CsvOutput#text}.
   */
  private void writeCell(RowBatch batch, ColumnType type, int c, int r) throws IOException {
    if (c > 0) {
      out.delimiter();
    }
    if (utf8Cells && (type == ColumnType.STRING || type == ColumnType.JSON)) {
      // the batch's UTF-8 bytes, copied: getString would make (and the writer encode) a String per cell; a null cell
      // has no bytes (-1) and is an empty field, so no isNull call first
      out.utf8Text(batch, c, r, formulaGuard);
      return;
    }
    if (batch.isNull(c, r)) {
      return; // null is an empty field
    }
    switch (type) {
      case BOOLEAN:
        out.booleanValue(batch.getBoolean(c, r));
        break;
      case LONG:
        out.longValue(batch.getLong(c, r));
        break;
      case DOUBLE:
        out.doubleValue(batch.getDouble(c, r));
        break;
      case DECIMAL:
        // Numbers are data, never formulas: the guard is deliberately not applied.
        out.plain(batch.getString(c, r));
        break;
      case STRING:
      case JSON:
        textCell(out, batch.getString(c, r)); // utf8Cells is off: the delimiter is not ASCII
        break;
      default:
        // TIMESTAMP and DATE as their text; getString reads any cell as text, so this also covers types added later.
        textCell(out, batch.getString(c, r));
        break;
    }
  }

  private void textCell(CsvOutput o, String s) throws IOException {
    if (s.isEmpty()) {
      // an empty string is "" so that it stays distinguishable from null (an empty field)
      o.quotedEmpty();
    } else {
      o.text(s, formulaGuard && CsvOutput.looksLikeFormula(s.charAt(0)));
    }
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          where(schema, file.target()) + ": the writer is " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private void fail() {
    state = State.FAILED;
    closeQuietly(raw);
    file.discard();
  }

  private static CSVFormat format(CsvOptions options) {
    try {
      return CSVFormat.RFC4180.builder()
          .setDelimiter(options.delimiter())
          .setQuote(CsvOptions.QUOTE)
          .setQuoteMode(QuoteMode.MINIMAL)
          .setRecordSeparator(options.lineSeparator().chars())
          .get();
    } catch (IllegalArgumentException e) {
      // CsvOptions already rejects what Commons CSV is known to reject; this keeps any further rule a config error.
      throw new TransmogConfigurationException("csv format options " + options + " are not accepted: "
          + e.getMessage(), e);
    }
  }

  private static RuntimeException rethrow(String context, Exception e) {
    if (e instanceof CharacterCodingException) {
      // since text writes an unpaired surrogate as ?, only a delimiter that is one gets here
      return new WriterException(context + ": the delimiter is not valid Unicode text (an unpaired surrogate): " + e,
          e);
    }
    if (e instanceof IOException) {
      return new WriterException(context + ": " + e, e);
    }
    if (e instanceof WriterException) {
      return new WriterException(context + ": " + e.getMessage(), e);
    }
    // Programming errors (e.g. a RowBatch getter failing) keep their type; the file is already cleaned up.
    return (RuntimeException) e;
  }

  private static String where(TableSchema schema, Path target) {
    return "table " + schema.table() + " (" + target + ")";
  }

  private static void closeQuietly(OutputStream stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException ignored) {
      // the file is being discarded; there is nothing left to save
    }
  }
}
