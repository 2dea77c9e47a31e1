package io.transmog.io.arrow;

import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.tck.Utf8TextBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A test-only {@link RowBatch} over row-major {@code Object[][]} data: {@code Boolean}, {@code Long}, {@code Double},
 * {@code BigDecimal}, {@code String}, {@code Instant} (TIMESTAMP) or {@code LocalDate} (DATE), or {@code null}.
 *
 * <p>Stricter than the contract on purpose: {@link #getString} refuses {@code LONG}, {@code DOUBLE}, {@code BOOLEAN},
 * {@code TIMESTAMP} and {@code DATE} cells and {@link #getValue} always fails, so every test also proves that the writer
 * reads those columns with their unboxed getters. A batch made with {@link #utf8Only} holds {@code STRING} and
 * {@code JSON} text as UTF-8 (as the engine's batches do) and refuses {@link #getString} for it, so a test proves that
 * the writer copies that text with {@link #getUtf8}.
 */
public final class ArrayRowBatch implements Utf8TextBatch {
  private final TableSchema schema;
  private final Object[][] rows;
  private final boolean utf8Only;

  public ArrayRowBatch(TableSchema schema, Object[]... rows) {
    this(schema, false, rows);
  }

  private ArrayRowBatch(TableSchema schema, boolean utf8Only, Object[]... rows) {
    for (Object[] row : rows) {
      if (row.length != schema.size()) {
        throw new IllegalArgumentException("row has " + row.length + " values, schema has " + schema.size());
      }
    }
    this.schema = schema;
    this.rows = rows.clone();
    this.utf8Only = utf8Only;
  }

  /** A batch whose {@code STRING} and {@code JSON} text can be read with {@link #getUtf8} only. */
  public static ArrayRowBatch utf8Only(TableSchema schema, Object[]... rows) {
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
    ColumnType type = schema.column(column).type();
    Object v = rows[row][column];
    switch (type) {
      case LONG:
        return (Long) v;
      case TIMESTAMP:
        Instant t = (Instant) v;
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
      case DATE:
        return v instanceof Long ? (Long) v : ((LocalDate) v).toEpochDay();
      default:
        throw new AssertionError("getLong on a " + type + " column");
    }
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
        if (utf8Only) {
          throw new AssertionError("the writer must copy " + type + " cells with getUtf8, not getString");
        }
        return (String) v;
      case DECIMAL:
        return v == null ? null : ((BigDecimal) v).toPlainString();
      default:
        throw new AssertionError("the writer must read " + type + " cells with their typed getter, not getString");
    }
  }

  @Override
  public byte[] utf8Bytes(int column, int row) {
    if (!utf8Only) { // text may be read either way: the bytes are getString's
      String s = getString(column, row);
      return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
    ColumnType type = schema.column(column).type();
    if (type != ColumnType.STRING && type != ColumnType.JSON) {
      throw new AssertionError("getUtf8 on a " + type + " column");
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
