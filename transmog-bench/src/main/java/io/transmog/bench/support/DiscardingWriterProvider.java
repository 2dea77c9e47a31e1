package io.transmog.bench.support;

import io.transmog.api.WriterException;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A writer plugin that reads every cell of every batch with the typed getters (as a real writer must) and discards
 * it, so that a benchmark measures parse and flatten without disk or encoding costs (FastCSV's {@code NullWriter}).
 * Format name {@code discard}. On close it leaves an empty file, because a streaming run publishes one file per table.
 * Register it explicitly: {@code WriterRegistry.builder().register(new DiscardingWriterProvider()).build()}.
 */
public final class DiscardingWriterProvider implements TableWriterProvider {
  /** The format name. */
  public static final String FORMAT = "discard";

  /** Folded from every cell read so that the JIT cannot drop the reads; read it to keep it alive. */
  private static volatile long sink;

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("discard");
  }

  @Override
  public String description() {
    return "reads every cell and discards it (benchmarks)";
  }

  /** Any schema change is accepted: there is no file layout to keep consistent. */
  @Override
  public boolean canAppend(TableSchema written, TableSchema next) {
    return true;
  }

  @Override
  public TableWriter open(WriterContext context) {
    return new Writer(context.target());
  }

  /** @return a value depending on every cell read so far */
  public static long checksum() {
    return sink;
  }

  private static final class Writer implements TableWriter {
    private final Path target;
    private long acc;
    private long rows;
    private boolean done;

    Writer(Path target) {
      this.target = target;
    }

    private byte[] scratch = new byte[256];

    @Override
    public void write(RowBatch batch) {
      TableSchema schema = batch.schema();
      int columns = schema.size();
      int n = batch.rowCount();
      long a = acc;
      for (int c = 0; c < columns; c++) {
        ColumnType type = schema.column(c).type();
        for (int r = 0; r < n; r++) {
          if (batch.isNull(c, r)) {
            a += 7;
            continue;
          }
          switch (type) {
            case BOOLEAN:
              a += batch.getBoolean(c, r) ? 1 : 2;
              break;
            case LONG:
            case TIMESTAMP:
            case DATE:
              a += batch.getLong(c, r);
              break;
            case DOUBLE:
              a += Double.doubleToRawLongBits(batch.getDouble(c, r));
              break;
            case DECIMAL:
              BigDecimal d = batch.getDecimal(c, r);
              a += d.scale();
              break;
            case STRING:
            case JSON: {
              // as the CSV and Parquet writers read text and JSON cells: their UTF-8 bytes copied out, no String
              int len = batch.getUtf8Length(c, r);
              if (len > scratch.length) {
                scratch = new byte[Math.max(len, 2 * scratch.length)];
              }
              a += batch.getUtf8(c, r, scratch, 0);
              break;
            }
            default:
              a += batch.getString(c, r).length();
          }
        }
      }
      acc = a;
      rows += n;
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      sink += acc + rows;
      try {
        Files.write(target, new byte[0]);
      } catch (IOException e) {
        throw new WriterException("cannot create " + target + ": " + e, e);
      }
    }

    @Override
    public void abort() {
      done = true;
    }

    @Override
    public long bytesWritten() {
      return 0;
    }
  }
}
