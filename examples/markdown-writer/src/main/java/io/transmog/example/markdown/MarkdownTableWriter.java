package io.transmog.example.markdown;

import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Writes one table as a Markdown table to a {@link PendingFile}, published under its final name by {@link #close()}.
 * Used by one thread at a time (the SPI contract); holds an 8 KiB buffer.
 *
 * <p>The file is a header row, a delimiter row and one row per record. Every cell is written as {@code "| " + text +
 * " "}, so the reader takes exactly one space off each side and keeps any other padding. Values are read with their
 * typed getters: numbers in Java's canonical text, decimals in plain form, timestamps as ISO-8601 instants from the
 * epoch microseconds, dates as ISO-8601 dates from the epoch day.
 */
final class MarkdownTableWriter implements TableWriter {
  private enum State { OPEN, CLOSED, ABORTED }

  private final TableSchema schema;
  private final PendingFile file;
  private final Writer out;
  private State state = State.OPEN;

  private MarkdownTableWriter(TableSchema schema, PendingFile file, Writer out) {
    this.schema = schema;
    this.file = file;
    this.out = out;
  }

  static MarkdownTableWriter open(TableSchema schema, Path target, boolean align) {
    PendingFile file = PendingFile.create(target);
    try {
      Writer out = new BufferedWriter(new OutputStreamWriter(file.openStream(), StandardCharsets.UTF_8));
      MarkdownTableWriter writer = new MarkdownTableWriter(schema, file, out);
      writer.header(align);
      return writer;
    } catch (IOException | RuntimeException e) {
      file.discard();
      throw new WriterException("table " + schema.table() + " (" + target + "): cannot start the file: " + e, e);
    }
  }

  private void header(boolean align) throws IOException {
    StringBuilder names = new StringBuilder();
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < schema.size(); c++) {
      names.append("| ").append(escape(schema.column(c).name())).append(' ');
      ColumnType type = schema.column(c).type();
      boolean numeric = type == ColumnType.LONG || type == ColumnType.DOUBLE || type == ColumnType.DECIMAL;
      rule.append(align && numeric ? "| ---: " : "| --- ");
    }
    out.write(names.append("|\n").toString());
    out.write(rule.append("|\n").toString());
  }

  @Override
  public void write(RowBatch batch) {
    Objects.requireNonNull(batch, "batch must not be null");
    if (state != State.OPEN) {
      throw new IllegalStateException("table " + schema.table() + ": the writer is " + state);
    }
    try {
      if (batch.schema() != schema && !batch.schema().columnNames().equals(schema.columnNames())) {
        // the provider's canAppend() refuses other column lists; values would land under the wrong header
        throw new IllegalArgumentException("table " + schema.table() + ": batch columns "
            + batch.schema().columnNames() + " differ from the header " + schema.columnNames());
      }
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < batch.rowCount(); r++) {
        line.setLength(0);
        for (int c = 0; c < batch.schema().size(); c++) {
          line.append("| ").append(batch.isNull(c, r) ? "" : escape(text(batch, c, r))).append(' ');
        }
        out.write(line.append("|\n").toString());
      }
    } catch (IOException | RuntimeException e) {
      // a half-written row cannot be taken back: the file is discarded now (the SPI contract), never published
      abort();
      if (e instanceof RuntimeException && !(e instanceof WriterException)) {
        throw (RuntimeException) e;
      }
      throw new WriterException("table " + schema.table() + " (" + file.target() + "): cannot write: " + e, e);
    }
  }

  private static String text(RowBatch batch, int c, int r) {
    switch (batch.schema().column(c).type()) {
      case BOOLEAN:
        return batch.getBoolean(c, r) ? "true" : "false";
      case LONG:
        return Long.toString(batch.getLong(c, r));
      case DOUBLE:
        return Double.toString(batch.getDouble(c, r));
      case DECIMAL:
        return batch.getDecimal(c, r).toPlainString();
      case TIMESTAMP:
        long micros = batch.getLong(c, r);
        return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
            .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L).toString();
      case DATE:
        return LocalDate.ofEpochDay(batch.getLong(c, r)).toString();
      default:
        return batch.getString(c, r); // STRING and JSON
    }
  }

  /** Escapes what would end a cell or a row; reversed by the reader in this example's tests. */
  static String escape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      String rep;
      switch (ch) {
        case '\\':
          rep = "\\\\";
          break;
        case '|':
          rep = "\\|";
          break;
        case '\n':
          rep = "\\n";
          break;
        case '\r':
          rep = "\\r";
          break;
        default:
          rep = null;
      }
      if (rep != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(ch);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  @Override
  public long bytesWritten() {
    return file.bytesWritten(); // excludes the 8 KiB buffer, as the SPI allows
  }

  @Override
  public void close() {
    if (state != State.OPEN) {
      return; // idempotent, and nothing to publish after abort()
    }
    state = State.CLOSED;
    try {
      out.close();
    } catch (IOException e) {
      file.discard();
      throw new WriterException("table " + schema.table() + " (" + file.target() + "): cannot complete: " + e, e);
    }
    file.publish();
  }

  @Override
  public void abort() {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    try {
      out.close();
    } catch (IOException | RuntimeException ignored) {
      // the file is deleted next
    }
    file.discard();
  }
}
