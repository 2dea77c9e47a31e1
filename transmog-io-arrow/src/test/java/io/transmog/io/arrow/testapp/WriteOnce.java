package io.transmog.io.arrow.testapp;

import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Run in a separate JVM by {@code MemoryAccessFlagTest}: finds the {@code arrow} provider with {@link ServiceLoader},
 * writes three rows to the file named by the first argument (options as further {@code key=value} arguments) and
 * prints {@code OK <module of the provider>} or {@code FAILED <exception class>: <message>}.
 *
 * <p>Self-contained (its own {@link RowBatch}) and in a package of its own, so that it runs from the test classes on
 * the class path while the plugin is a named module on the module path.
 */
public final class WriteOnce {
  private WriteOnce() {}

  public static void main(String[] args) {
    TableSchema schema = TableSchema.of("orders", null,
        List.of(new Column("id", ColumnType.LONG), new Column("name", ColumnType.STRING)));
    TableWriterProvider provider = ServiceLoader.load(TableWriterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.format().equals("arrow"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no arrow provider found by ServiceLoader"));
    FormatOptions options = FormatOptions.parse(Arrays.asList(args).subList(1, args.length));
    try {
      TableWriter writer = provider.open(new WriterContext(schema, Path.of(args[0]), options));
      try {
        writer.write(new ThreeRows(schema));
      } catch (RuntimeException e) {
        writer.abort();
        throw e;
      }
      writer.close();
      System.out.println("OK " + provider.getClass().getModule());
    } catch (RuntimeException e) {
      System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
      System.exit(3);
    }
  }

  private static final class ThreeRows implements RowBatch {
    private final TableSchema schema;

    ThreeRows(TableSchema schema) {
      this.schema = schema;
    }

    @Override
    public TableSchema schema() {
      return schema;
    }

    @Override
    public int rowCount() {
      return 3;
    }

    @Override
    public boolean isNull(int column, int row) {
      return row == 2 && column == 1;
    }

    @Override
    public boolean getBoolean(int column, int row) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getLong(int column, int row) {
      return row + 1;
    }

    @Override
    public double getDouble(int column, int row) {
      throw new UnsupportedOperationException();
    }

    @Override
    public BigDecimal getDecimal(int column, int row) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getString(int column, int row) {
      return "name " + (row + 1);
    }

    @Override
    public Object getValue(int column, int row) {
      throw new UnsupportedOperationException();
    }
  }
}
