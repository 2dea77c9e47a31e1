package io.transmog.io.tck;

import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kit's reference writer: Java serialization of the column names and the rows as boxed values, so that a correct
 * writer passes with the identity {@code expected()}. Each {@link Flaw} breaks one rule of the SPI contract, to prove
 * that the kit notices. Test code only.
 */
public class SerializedWriterProvider implements TableWriterProvider {
  /** One deliberate contract violation. */
  enum Flaw {
    NONE, ABORT_PUBLISHES, WRITES_TARGET_DIRECTLY, CLOSE_TWICE_THROWS, NULL_AS_EMPTY, LOSES_NEGATIVE_ZERO,
    WRITE_AFTER_CLOSE_IGNORED, KEEPS_FILE_AFTER_FAILED_WRITE, UPPER_CASE_FORMAT
  }

  private final Flaw flaw;

  /** The correct reference writer (for ServiceLoader). */
  public SerializedWriterProvider() {
    this(Flaw.NONE);
  }

  SerializedWriterProvider(Flaw flaw) {
    this.flaw = flaw;
  }

  @Override
  public String format() {
    return flaw == Flaw.UPPER_CASE_FORMAT ? "Serialized" : "serialized";
  }

  @Override
  public Set<String> fileExtensions() {
    return new LinkedHashSet<>(List.of("ser"));
  }

  @Override
  public Set<String> optionKeys() {
    return Set.of("comment");
  }

  /** Columns may be added at the end; the names are written on close. */
  @Override
  public boolean canAppend(TableSchema written, TableSchema next) {
    return next.columnNames().subList(0, Math.min(written.size(), next.size())).equals(written.columnNames())
        && next.size() >= written.size();
  }

  @Override
  public TableWriter open(WriterContext context) {
    return new Writer(context.schema(), context.target());
  }

  private final class Writer implements TableWriter {
    private final PendingFile file;
    private final Path target;
    private TableSchema schema;
    private final List<List<Object>> rows = new ArrayList<>();
    private boolean done;
    private boolean closed;

    Writer(TableSchema schema, Path target) {
      this.schema = schema;
      this.target = target;
      this.file = PendingFile.create(target);
      if (flaw == Flaw.WRITES_TARGET_DIRECTLY) {
        try {
          Files.writeString(target, "partial");
        } catch (IOException e) {
          throw new WriterException("cannot write " + target, e);
        }
      }
    }

    @Override
    public void write(RowBatch batch) {
      if (done) {
        if (flaw == Flaw.WRITE_AFTER_CLOSE_IGNORED) {
          return;
        }
        throw new IllegalStateException("closed");
      }
      try {
        if (batch.schema().size() > schema.size()) {
          schema = batch.schema();
        }
        for (int r = 0; r < batch.rowCount(); r++) {
          List<Object> row = new ArrayList<>();
          for (int c = 0; c < batch.schema().size(); c++) {
            row.add(value(batch, c, r));
          }
          rows.add(row);
        }
      } catch (RuntimeException e) {
        if (flaw != Flaw.KEEPS_FILE_AFTER_FAILED_WRITE) {
          abort();
        }
        throw e;
      }
    }

    private Object value(RowBatch batch, int c, int r) {
      if (batch.isNull(c, r)) {
        return flaw == Flaw.NULL_AS_EMPTY && batch.schema().column(c).type() == ColumnType.STRING ? "" : null;
      }
      switch (batch.schema().column(c).type()) {
        case BOOLEAN:
          return batch.getBoolean(c, r);
        case LONG:
          return batch.getLong(c, r);
        case DOUBLE:
          double d = batch.getDouble(c, r);
          return flaw == Flaw.LOSES_NEGATIVE_ZERO && d == 0 ? 0.0 : d;
        case DECIMAL:
          return batch.getDecimal(c, r);
        case TIMESTAMP:
          long micros = batch.getLong(c, r);
          return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        case DATE:
          return LocalDate.ofEpochDay(batch.getLong(c, r));
        case STRING:
        case JSON:
          // as the real writers read text: UTF-8 bytes from the batch
          byte[] text = new byte[batch.getUtf8Length(c, r)];
          int n = batch.getUtf8(c, r, text, 0);
          return new String(text, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        default:
          return batch.getString(c, r);
      }
    }

    @Override
    public void close() {
      if (done) {
        if (flaw == Flaw.CLOSE_TWICE_THROWS && closed) {
          throw new IllegalStateException("already closed");
        }
        return;
      }
      done = true;
      closed = true;
      try (OutputStream out = new BufferedOutputStream(file.openStream()); ObjectOutputStream o = new ObjectOutputStream(out)) {
        o.writeObject(new ArrayList<>(schema.columnNames()));
        List<List<Object>> padded = new ArrayList<>();
        for (List<Object> row : rows) {
          List<Object> p = new ArrayList<>(row);
          while (p.size() < schema.size()) {
            p.add(null);
          }
          padded.add(p);
        }
        o.writeObject(padded);
      } catch (IOException e) {
        file.discard();
        throw new WriterException("cannot write " + target, e);
      }
      file.publish();
    }

    @Override
    public void abort() {
      if (flaw == Flaw.ABORT_PUBLISHES) {
        close();
        return;
      }
      if (done) {
        return;
      }
      done = true;
      file.discard();
    }
  }

}
