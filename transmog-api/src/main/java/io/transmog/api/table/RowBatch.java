package io.transmog.api.table;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A columnar batch of rows of one table, as handed to writers. Every row conforms to {@link #schema()}. Values are read
 * by (column, row) with a typed getter matching the column's {@link ColumnType}, so primitive columns are never boxed.
 *
 * <p>A batch is valid only during the call it is passed to; a writer that needs values later must copy them. Not
 * thread-safe.
 */
public interface RowBatch {
  /** @return the schema every row of this batch conforms to */
  TableSchema schema();

  /** @return the number of rows */
  int rowCount();

  /**
   * Tells whether a cell is null (absent in the record, or JSON {@code null}).
   *
   * @param column the column index
   * @param row the row index
   * @return whether the cell holds no value
   */
  boolean isNull(int column, int row);

  /**
   * Reads a {@link ColumnType#BOOLEAN} cell.
   *
   * @param column the column index
   * @param row the row index
   * @return the value; unspecified when the cell is null
   */
  boolean getBoolean(int column, int row);

  /**
   * Reads a {@link ColumnType#LONG} cell, a {@link ColumnType#TIMESTAMP} cell as microseconds since the epoch (UTC), or
   * a {@link ColumnType#DATE} cell as days since 1970-01-01.
   *
   * @param column the column index
   * @param row the row index
   * @return the value; unspecified when the cell is null
   */
  long getLong(int column, int row);

  /**
   * Reads a {@link ColumnType#DOUBLE} cell (a {@code LONG} cell is converted).
   *
   * @param column the column index
   * @param row the row index
   * @return the value; unspecified when the cell is null
   */
  double getDouble(int column, int row);

  /**
   * Reads a numeric cell as an exact decimal (any of {@code LONG}, {@code DOUBLE}, {@code DECIMAL}).
   *
   * @param column the column index
   * @param row the row index
   * @return the value, or {@code null} when the cell is null
   */
  BigDecimal getDecimal(int column, int row);

  /**
   * Reads any cell as text: strings as they are, JSON as its text, decimals in plain form ({@code 0.0000001}, never an
   * exponent up to 1,000 digits), doubles as {@link Double#toString(double)}, booleans as {@code true}/{@code false}.
   *
   * @param column the column index
   * @param row the row index
   * @return the text, or {@code null} when the cell is null
   */
  String getString(int column, int row);

  /**
   * Returns the length in bytes of a cell's text, the text {@link #getString} gives, encoded as UTF-8. Together with
   * {@link #getUtf8} it lets a writer that stores UTF-8 (CSV, Parquet, Arrow, ORC) copy text without a {@code String}
   * per cell: the core's batches keep {@code STRING} cells as UTF-8 bytes, so for them both calls are a lookup (and a
   * copy), with no allocation. For other cells, and in this default, the text is made by {@link #getString} and
   * encoded, which allocates.
   *
   * @param column the column index
   * @param row the row index
   * @return the number of bytes, or -1 when the cell is null
   */
  default int getUtf8Length(int column, int row) {
    String s = getString(column, row);
    return s == null ? -1 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Copies a cell's text, the text {@link #getString} gives, as UTF-8 bytes into {@code dst} from {@code offset}. An
   * unpaired surrogate (possible in JSON through an escaped lone surrogate) is encoded as {@code ?}, as
   * {@link String#getBytes(java.nio.charset.Charset)} does; the core stores such text that way from the start, so that
   * {@code getString} and this method agree.
   *
   * @param column the column index
   * @param row the row index
   * @param dst where the bytes go; it needs {@link #getUtf8Length} bytes of room from {@code offset}
   * @param offset the index in {@code dst} of the first byte
   * @return the number of bytes written, or -1 (nothing written) when the cell is null
   * @throws IndexOutOfBoundsException if {@code dst} has too little room
   */
  default int getUtf8(int column, int row, byte[] dst, int offset) {
    String s = getString(column, row);
    if (s == null) {
      return -1;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, dst, offset, b.length);
    return b.length;
  }

  /**
   * Reads any cell boxed: {@link Boolean}, {@link Long}, {@link Double}, {@link BigDecimal}, {@link String} (for
   * {@code STRING} and {@code JSON}), {@link java.time.Instant} ({@code TIMESTAMP}) or {@link java.time.LocalDate}
   * ({@code DATE}). Convenient, but allocates; writers should prefer the typed getters.
   *
   * @param column the column index
   * @param row the row index
   * @return the value, or {@code null} when the cell is null
   */
  Object getValue(int column, int row);
}
