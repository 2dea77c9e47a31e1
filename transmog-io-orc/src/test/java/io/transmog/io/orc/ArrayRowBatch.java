package io.transmog.io.orc;

import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.tck.Utf8TextBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A test-only {@link RowBatch} over row-major {@code Object[][]} data: {@code Boolean}, {@code Long} (for {@code LONG},
 * {@code TIMESTAMP} as microseconds and {@code DATE} as days), {@code Double}, {@code BigDecimal} or {@code String}, or
 * {@code null}.
 *
 * <p>Stricter than the contract on purpose: each typed getter accepts only the column types the writer should use it
 * for, {@link #getString} and {@link #getValue} always fail (text is copied as UTF-8 with {@link #getUtf8}, as the
 * engine's batches hold it), so every test also proves that the writer reads cells with the getter matching
 * {@code batch.schema()}, makes no {@code String} per text cell and never boxes.
 */
public final class ArrayRowBatch implements Utf8TextBatch {
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
    throw new AssertionError("the writer must copy text with getUtf8 and read decimals with getDecimal, not call"
        + " getString (column " + schema.column(column).name() + ")");
  }

  /** The text as UTF-8, an unpaired surrogate as ? (as the contract says). */
  @Override
  public byte[] utf8Bytes(int column, int row) {
    expect(column, ColumnType.STRING, ColumnType.JSON);
    Object v = rows[row][column];
    return v == null ? null : ((String) v).getBytes(StandardCharsets.UTF_8);
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
