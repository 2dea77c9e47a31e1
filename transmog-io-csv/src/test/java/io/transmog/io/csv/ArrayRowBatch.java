package io.transmog.io.csv;

import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.math.BigDecimal;

/**
 * A test-only {@link RowBatch} over row-major {@code Object[][]} data ({@code Boolean}, {@code Long}, {@code Double},
 * {@code BigDecimal} or {@code String}, or {@code null}).
 *
 * <p>Stricter than the contract on purpose: {@link #getString} refuses {@code LONG}, {@code DOUBLE} and {@code BOOLEAN}
 * cells and {@link #getValue} always fails, so every test also proves that the writer reads those columns with their
 * unboxed getters.
 */
final class ArrayRowBatch implements RowBatch {
  private final TableSchema schema;
  private final Object[][] rows;

  ArrayRowBatch(TableSchema schema, Object[]... rows) {
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
    expect(column, ColumnType.LONG);
    return (Long) rows[row][column];
  }

  @Override
  public double getDouble(int column, int row) {
    ColumnType type = schema.column(column).type();
    if (type != ColumnType.DOUBLE && type != ColumnType.LONG) {
      throw new AssertionError("getDouble on a " + type + " column");
    }
    return ((Number) rows[row][column]).doubleValue();
  }

  @Override
  public BigDecimal getDecimal(int column, int row) {
    Object v = rows[row][column];
    if (v == null) {
      return null;
    }
    return v instanceof BigDecimal ? (BigDecimal) v : new BigDecimal(v.toString());
  }

  @Override
  public String getString(int column, int row) {
    ColumnType type = schema.column(column).type();
    Object v = rows[row][column];
    switch (type) {
      case STRING:
      case JSON:
        return (String) v;
      case DECIMAL:
        return v == null ? null : ((BigDecimal) v).toPlainString();
      default:
        throw new AssertionError("the writer must read " + type + " cells with their typed getter, not getString");
    }
  }

  @Override
  public Object getValue(int column, int row) {
    throw new AssertionError("the writer must not box cells through getValue");
  }

  private void expect(int column, ColumnType type) {
    ColumnType actual = schema.column(column).type();
    if (actual != type) {
      throw new AssertionError("get" + type + " on a " + actual + " column");
    }
  }
}
