package io.transmog.io.csv.internal;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.csv.CsvOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
 * <p>Costs: a 64 Ki-character buffer (128 KiB of heap) plus the encoder's 8 KiB, and one small string per numeric
 * cell. Text that is not valid Unicode (an unpaired surrogate) fails the write rather than being replaced silently.
 */
final class CsvTableWriter implements TableWriter {
  /** Characters buffered before encoding; large enough that system calls are rare even for narrow rows. */
  static final int BUFFER_CHARS = 64 * 1024;

  private static final String QUOTED_EMPTY = "" + CsvOptions.QUOTE + CsvOptions.QUOTE;

  private enum State { OPEN, FAILED, CLOSED, ABORTED }

  /** The schema the header was written with; the table name and the first columns never change. */
  private final TableSchema schema;
  private ColumnType[] types;
  private CsvOptions options;
  /** Records written so far, and where the column count grew: records before growthAt[i] have growthCount[i] fields. */
  private long records;
  private final java.util.List<long[]> growth = new java.util.ArrayList<>();
  private final PendingFile file;
  private final OutputStream raw;
  private final Writer out;
  private final CSVPrinter printer;
  private final boolean formulaGuard;
  private State state = State.OPEN;

  private char delimiter;
  private String recordSeparator;
  private CSVFormat csvFormat;

  private CsvTableWriter(
      TableSchema schema, PendingFile file, OutputStream raw, Writer out, CSVPrinter printer, boolean formulaGuard) {
    this.schema = schema;
    this.file = file;
    this.raw = raw;
    this.out = out;
    this.printer = printer;
    this.formulaGuard = formulaGuard;
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
    CSVFormat format = format(options);
    PendingFile file;
    try {
      file = PendingFile.create(target);
    } catch (WriterException e) {
      throw new WriterException(where(schema, target) + ": " + e.getMessage(), e);
    }
    OutputStream raw = null;
    try {
      raw = file.openStream();
      Writer out = new BufferedWriter(new OutputStreamWriter(raw, strictUtf8()), BUFFER_CHARS);
      CsvTableWriter writer =
          new CsvTableWriter(schema, file, raw, out, new CSVPrinter(out, format), options.formulaGuard());
      writer.options = options;
      writer.delimiter = options.delimiter();
      writer.recordSeparator = options.lineSeparator().chars();
      writer.csvFormat = format;
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
    try {
      int rows = batch.rowCount();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < types.length; c++) {
          writeCell(batch, c, r, c == 0);
        }
        out.write(recordSeparator);
        records++;
      }
    } catch (IOException | RuntimeException e) {
      // A half-written record cannot be taken back, so the file is dropped now rather than published later.
      fail();
      throw rethrow(where(schema, file.target()) + ": cannot write", e);
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
      printer.close(true);
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
            BUFFER_CHARS);
        OutputStream o = new java.io.BufferedOutputStream(next.openStream(), BUFFER_CHARS)) {
      if (options.bom()) {
        in.skipNBytes(3);
      }
      Writer headerOut = new OutputStreamWriter(o, strictUtf8());
      CSVPrinter header = new CSVPrinter(headerOut, format(options));
      if (options.bom()) {
        headerOut.write('\uFEFF');
      }
      long record = options.header() ? -1 : 0; // the old header is record -1 and is replaced
      if (options.header()) {
        for (String name : finalSchemaNames) {
          header.print(formulaGuard && looksLikeFormula(name.charAt(0)) ? "'" + name : name);
        }
        header.println();
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
      out.write('\uFEFF');
    }
    if (options.header()) {
      for (int c = 0; c < types.length; c++) {
        // Header cells are spreadsheet cells too, so the formula guard applies to them.
        printText(schema.column(c).name());
      }
      printer.println();
    }
  }

  /**
   * Writes one cell. The hot path writes plain values straight to the buffer; any value that might need quoting under
   * RFC 4180 (checked conservatively: a superset of Commons CSV's MINIMAL rules) goes through
   * {@link CSVFormat#print(Object, Appendable, boolean)}, so the bytes are exactly what Commons CSV would write, while
   * the common case costs one scan and one copy instead of Commons CSV's per-character appends.
   */
  private void writeCell(RowBatch batch, int c, int r, boolean first) throws IOException {
    if (batch.isNull(c, r)) {
      if (!first) {
        out.write(delimiter);
      }
      return;
    }
    switch (types[c]) {
      case BOOLEAN:
        plain(batch.getBoolean(c, r) ? "true" : "false", first);
        break;
      case LONG:
        plain(Long.toString(batch.getLong(c, r)), first);
        break;
      case DOUBLE:
        plain(Double.toString(batch.getDouble(c, r)), first);
        break;
      case DECIMAL:
        // Numbers are data, never formulas: the guard is deliberately not applied.
        plain(batch.getString(c, r), first);
        break;
      default:
        // STRING and JSON; getString reads any cell as text, so this also covers types added later.
        text(batch.getString(c, r), first);
        break;
    }
  }

  /** A number or boolean: never needs quotes (no delimiter or quote can occur, the delimiter is not a digit). */
  private void plain(String s, boolean first) throws IOException {
    if (!first) {
      out.write(delimiter);
    }
    out.write(s);
  }

  private void text(String s, boolean first) throws IOException {
    if (s.isEmpty()) {
      // an empty string is "" so that it stays distinguishable from null (an empty field)
      if (!first) {
        out.write(delimiter);
      }
      out.write(QUOTED_EMPTY);
      return;
    }
    if (formulaGuard && looksLikeFormula(s.charAt(0))) {
      s = "'" + s;
    }
    if (mayNeedQuotes(s)) {
      csvFormat.print(s, out, first);
    } else {
      if (!first) {
        out.write(delimiter);
      }
      out.write(s);
    }
  }

  /** Conservative: true whenever Commons CSV's MINIMAL mode could quote the value. */
  private boolean mayNeedQuotes(String s) {
    int n = s.length();
    if (s.charAt(0) <= '#' || s.charAt(n - 1) <= ' ') {
      return true;
    }
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch == delimiter || ch == '"' || ch == '\n' || ch == '\r') {
        return true;
      }
    }
    return false;
  }

  private void printText(String text) throws IOException {
    if (text == null) {
      printer.print(null);
    } else if (text.isEmpty()) {
      // Commons CSV's MINIMAL mode quotes an empty value only at the start of a record, elsewhere it would look like
      // null. print(null) writes just the delimiter (if any); the quoted empty token is appended right after it.
      printer.print(null);
      out.write(QUOTED_EMPTY);
    } else if (formulaGuard && looksLikeFormula(text.charAt(0))) {
      printer.print("'" + text);
    } else {
      printer.print(text);
    }
  }

  /** The leading characters OWASP lists as starting a formula in common spreadsheet programs. */
  private static boolean looksLikeFormula(char first) {
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
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

  private static CharsetEncoder strictUtf8() {
    // REPORT instead of the default replacement with '?': a lone surrogate must not silently change the data.
    return StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static RuntimeException rethrow(String context, Exception e) {
    if (e instanceof CharacterCodingException) {
      return new WriterException(context + ": a value is not valid Unicode text (an unpaired surrogate): " + e, e);
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
