package io.transmog.io.csv;

import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.tck.Utf8TextBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A test-only {@link RowBatch} over row-major {@code Object[][]} data ({@code Boolean}, {@code Long}, {@code Double},
 * {@code BigDecimal} or {@code String}, or {@code null}).
 *
 * <p>Stricter than the contract on purpose: {@link #getString} refuses {@code LONG}, {@code DOUBLE} and {@code BOOLEAN}
 * cells, and {@code STRING} and {@code JSON} cells too unless the batch is made with {@link #readableAsString} (the
 * writer reads those with {@link #getUtf8}, as the engine's batches hold them, except with a non-ASCII delimiter);
 * {@link #getValue} always fails. So every test also proves that the writer reads cells with the getters meant for
 * them and never boxes them.
 */
final class ArrayRowBatch implements Utf8TextBatch {
  private final TableSchema schema;
  private final Object[][] rows;
  private final boolean textAsString;

  ArrayRowBatch(TableSchema schema, Object[]... rows) {
    this(schema, false, rows);
  }

  private ArrayRowBatch(TableSchema schema, boolean textAsString, Object[]... rows) {
    for (Object[] row : rows) {
      if (row.length != schema.size()) {
        throw new IllegalArgumentException("row has " + row.length + " values, schema has " + schema.size());
      }
    }
    this.schema = schema;
    this.rows = rows.clone();
    this.textAsString = textAsString;
  }

  /** A batch whose {@code STRING} and {@code JSON} cells may also be read with {@link #getString}. */
  static ArrayRowBatch readableAsString(TableSchema schema, Object[]... rows) {
    return new ArrayRowBatch(schema, true, rows);
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
        if (!textAsString) {
          throw new AssertionError("the writer must copy " + type + " cells with getUtf8, not getString");
        }
        return (String) v;
      case DECIMAL:
        return v == null ? null : ((BigDecimal) v).toPlainString();
      default:
        throw new AssertionError("the writer must read " + type + " cells with their typed getter, not getString");
    }
  }

  /** STRING and JSON cells as their UTF-8 bytes (an unpaired surrogate as ?, as the contract says). */
  @Override
  public byte[] utf8Bytes(int column, int row) {
    ColumnType type = schema.column(column).type();
    if (type != ColumnType.STRING && type != ColumnType.JSON) {
      throw new AssertionError("the writer must read " + type + " cells with their typed getter, not getUtf8");
    }
    Object v = rows[row][column];
    return v == null ? null : ((String) v).getBytes(StandardCharsets.UTF_8);
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
