package io.transmog.io.tck;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory {@link RowBatch} over row-major boxed values, for tests of writers. Values use the boxed types of
 * {@link RowBatch#getValue(int, int)}: {@link Boolean}, {@link Long}, {@link Double}, {@link BigDecimal},
 * {@link String} (for {@code STRING} and {@code JSON}), {@link Instant} ({@code TIMESTAMP}, whole microseconds) and
 * {@link LocalDate} ({@code DATE}), or {@code null}. Every value is checked against its column's type when the batch is
 * built, so a test cannot hand a writer a cell the engine would never produce.
 *
 * <p>The getters follow the {@link RowBatch} contract exactly, and refuse what it does not allow: calling
 * {@link #getBoolean} on a non-{@code BOOLEAN} column, {@link #getLong} on anything but {@code LONG},
 * {@code TIMESTAMP} and {@code DATE}, and so on, throws {@link IllegalStateException} naming the column, so a writer
 * that reads a cell with the wrong getter fails loudly. {@link #getUtf8Length} and {@link #getUtf8} are implemented
 * here (not the interface's defaults, which go through {@code String.getBytes}), with an encoder of the batch's own,
 * so that writers are tested against a batch that hands text over as UTF-8, as the engine's do. Immutable; safe to
 * share between threads.
 *
 * <pre>{@code
 * TestBatch batch = TestBatch.builder(schema)
 *     .row(1L, "a", Instant.parse("2024-01-01T00:00:00Z"))
 *     .row(2L, null, null)
 *     .build();
 * }</pre>
 */
public final class TestBatch implements RowBatch {
  private final TableSchema schema;
  private final Object[][] rows;

  private TestBatch(TableSchema schema, Object[][] rows) {
    this.schema = schema;
    this.rows = rows;
  }

  /**
   * Creates a batch from rows given as lists.
   *
   * @param schema the schema every row conforms to
   * @param rows the rows, each with one value per column (nulls allowed)
   * @return the batch
   * @throws IllegalArgumentException if a row has the wrong length or a value the wrong type for its column
   */
  public static TestBatch of(TableSchema schema, List<? extends List<?>> rows) {
    Builder b = builder(schema);
    for (List<?> row : rows) {
      b.row(row.toArray());
    }
    return b.build();
  }

  /**
   * Creates a batch with no rows.
   *
   * @param schema the schema
   * @return an empty batch
   */
  public static TestBatch empty(TableSchema schema) {
    return builder(schema).build();
  }

  /**
   * Starts a batch.
   *
   * @param schema the schema every row conforms to
   * @return a builder
   */
  public static Builder builder(TableSchema schema) {
    return new Builder(schema);
  }

  /** Collects rows for a {@link TestBatch}. Not thread-safe. */
  public static final class Builder {
    private final TableSchema schema;
    private final List<Object[]> rows = new ArrayList<>();

    private Builder(TableSchema schema) {
      this.schema = Objects.requireNonNull(schema, "schema must not be null");
    }

    /**
     * Adds one row.
     *
     * @param values one value per column, in column order; {@code null} for a null cell
     * @return this builder
     * @throws IllegalArgumentException if the row has the wrong length or a value the wrong type for its column
     */
    public Builder row(Object... values) {
      Object[] row = values == null ? new Object[] {null} : values.clone();
      if (row.length != schema.size()) {
        throw new IllegalArgumentException(
            "row " + rows.size() + " has " + row.length + " values, table " + schema.table() + " has "
                + schema.size() + " columns");
      }
      for (int c = 0; c < row.length; c++) {
        check(schema.column(c), row[c], rows.size());
      }
      rows.add(row);
      return this;
    }

    /** @return the rows added so far */
    public int rowCount() {
      return rows.size();
    }

    /** @return the batch */
    public TestBatch build() {
      return new TestBatch(schema, rows.toArray(new Object[0][]));
    }
  }

  /**
   * Returns the boxed type a column's values must have in a {@link TestBatch}.
   *
   * @param type the column type
   * @return the value class
   */
  public static Class<?> valueClass(ColumnType type) {
    switch (type) {
      case BOOLEAN:
        return Boolean.class;
      case LONG:
        return Long.class;
      case DOUBLE:
        return Double.class;
      case DECIMAL:
        return BigDecimal.class;
      case STRING:
      case JSON:
        return String.class;
      case TIMESTAMP:
        return Instant.class;
      case DATE:
        return LocalDate.class;
      default:
        throw new IllegalArgumentException("unknown column type " + type);
    }
  }

  private static void check(Column column, Object value, int row) {
    if (value == null) {
      return;
    }
    Class<?> expected = valueClass(column.type());
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException("row " + row + ", column " + column.name() + " (" + column.type()
          + "): expected a " + expected.getSimpleName() + ", got " + value.getClass().getName() + " " + value);
    }
    if (value instanceof Instant && ((Instant) value).getNano() % 1000 != 0) {
      throw new IllegalArgumentException("row " + row + ", column " + column.name()
          + ": TIMESTAMP values are whole microseconds, got " + value);
    }
    if (value instanceof Double && (((Double) value).isNaN() || ((Double) value).isInfinite())) {
      throw new IllegalArgumentException("row " + row + ", column " + column.name()
          + ": JSON has no NaN or infinity, so a DOUBLE column never holds " + value);
    }
  }

  /**
   * Returns the value as given to the builder.
   *
   * @param column the column index
   * @param row the row index
   * @return the boxed value, or {@code null}
   */
  public Object value(int column, int row) {
    return rows[row][column];
  }

  /**
   * Converts a {@code TIMESTAMP} value to microseconds since the epoch, as {@link RowBatch#getLong} returns it.
   *
   * @param instant the instant, whole microseconds
   * @return microseconds since 1970-01-01T00:00:00Z
   */
  public static long epochMicros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public int rowCount() {
    return rows.length;
  }

  @Override
  public boolean isNull(int column, int row) {
    return rows[row][column] == null;
  }

  @Override
  public boolean getBoolean(int column, int row) {
    require(column, row, ColumnType.BOOLEAN);
    return (Boolean) rows[row][column];
  }

  @Override
  public long getLong(int column, int row) {
    require(column, row, ColumnType.LONG, ColumnType.TIMESTAMP, ColumnType.DATE);
    Object v = rows[row][column];
    if (v instanceof Instant) {
      return epochMicros((Instant) v);
    }
    if (v instanceof LocalDate) {
      return ((LocalDate) v).toEpochDay();
    }
    return (Long) v;
  }

  @Override
  public double getDouble(int column, int row) {
    require(column, row, ColumnType.DOUBLE, ColumnType.LONG);
    return ((Number) rows[row][column]).doubleValue();
  }

  @Override
  public BigDecimal getDecimal(int column, int row) {
    ColumnType type = schema.column(column).type();
    if (type != ColumnType.DECIMAL && type != ColumnType.LONG && type != ColumnType.DOUBLE) {
      throw wrongGetter("getDecimal", column, row);
    }
    Object v = rows[row][column];
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    if (v instanceof Long) {
      return BigDecimal.valueOf((Long) v);
    }
    return new BigDecimal(Double.toString((Double) v));
  }

  @Override
  public String getString(int column, int row) {
    Object v = rows[row][column];
    if (v == null) {
      return null;
    }
    switch (schema.column(column).type()) {
      case DECIMAL:
        return ((BigDecimal) v).toPlainString();
      case DOUBLE:
        double d = (Double) v;
        if (d == 0) {
          return 1 / d < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(d)).toPlainString();
      case TIMESTAMP:
      case DATE:
        // the original ISO-8601 text; Instant and LocalDate print exactly that
        return v.toString();
      default:
        return v.toString();
    }
  }

  @Override
  public Object getValue(int column, int row) {
    return rows[row][column];
  }

  private void require(int column, int row, ColumnType... allowed) {
    ColumnType type = schema.column(column).type();
    for (ColumnType a : allowed) {
      if (a == type) {
        return;
      }
    }
    StackWalker.StackFrame caller =
        StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
    throw wrongGetter(caller.getMethodName(), column, row);
  }

  private IllegalStateException wrongGetter(String getter, int column, int row) {
    Column c = schema.column(column);
    return new IllegalStateException(getter + " called on column " + c.name() + " of type " + c.type() + " (row "
        + row + ", table " + schema.table() + "); the RowBatch contract does not allow it");
  }

  @Override
  public String toString() {
    return "TestBatch[" + schema.table() + ", " + rows.length + " rows, columns " + schema.columnNames() + "]";
  }

  /**
   * Returns the rows as lists, for comparisons in tests.
   *
   * @return a copy of the rows (nulls kept)
   */
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>(rows.length);
    for (Object[] row : rows) {
      out.add(Arrays.asList(row.clone()));
    }
    return out;
  }
}
