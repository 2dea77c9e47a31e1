package io.transmog.io.orc;

import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.math.BigDecimal;

/**
 * A test-only {@link RowBatch} over row-major {@code Object[][]} data: {@code Boolean}, {@code Long} (for {@code LONG},
 * {@code TIMESTAMP} as microseconds and {@code DATE} as days), {@code Double}, {@code BigDecimal} or {@code String}, or
 * {@code null}.
 *
 * <p>Stricter than the contract on purpose: each typed getter accepts only the column types the writer should use it
 * for, and {@link #getValue} always fails, so every test also proves that the writer reads cells with the getter
 * matching {@code batch.schema()} and never boxes them.
 */
public final class ArrayRowBatch implements RowBatch {
  private final TableSchema schema;
  private final Object[][] rows;

  /**
   * Creates a batch.
   *
   * @param schema the schema
   * @param rows the rows, each with one value per column
   */
  public ArrayRowBatch(TableSchema schema, Object[]... rows) {
    for (Object[] row : rows) {
      if (row.length != schema.size()) {
        throw new IllegalArgumentException("row has " + row.length + " values, schema has " + schema.size());
      }
    }
    this.schema = schema;
    this.rows = rows.clone();
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
    expect(column, ColumnType.BOOLEAN);
    return (Boolean) rows[row][column];
  }

  @Override
  public long getLong(int column, int row) {
    expect(column, ColumnType.LONG, ColumnType.TIMESTAMP, ColumnType.DATE);
    return (Long) rows[row][column];
  }

  @Override
  public double getDouble(int column, int row) {
    expect(column, ColumnType.DOUBLE);
    return (Double) rows[row][column];
  }

  @Override
  public BigDecimal getDecimal(int column, int row) {
    expect(column, ColumnType.DECIMAL);
    return (BigDecimal) rows[row][column];
  }

  @Override
  public String getString(int column, int row) {
    expect(column, ColumnType.STRING, ColumnType.JSON, ColumnType.DECIMAL);
    Object v = rows[row][column];
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    return (String) v;
  }

  @Override
  public Object getValue(int column, int row) {
    throw new AssertionError("the writer must not box cells through getValue");
  }

  private void expect(int column, ColumnType... allowed) {
    ColumnType actual = schema.column(column).type();
    for (ColumnType t : allowed) {
      if (t == actual) {
        return;
      }
    }
    throw new AssertionError("getter for " + java.util.Arrays.toString(allowed) + " used on a " + actual + " column "
        + schema.column(column).name());
  }
}
