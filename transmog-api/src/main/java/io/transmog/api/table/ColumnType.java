package io.transmog.api.table;

/**
 * The type of a column, inferred from the JSON values it holds.
 *
 * <p>When one column sees values of different types, the narrower type widens; no value is ever lost or rounded:
 *
 * <ul>
 *   <li>{@link #LONG} with {@link #DOUBLE} gives {@code DOUBLE} while every integer fits a double exactly
 *       ({@code |v| <= 2^53}), {@link #DECIMAL} otherwise;
 *   <li>any number with {@code DECIMAL} gives {@code DECIMAL};
 *   <li>{@link #BOOLEAN} with a number, or any scalar with {@link #STRING}, gives {@code STRING} (numbers in their
 *       decimal text, booleans as {@code true}/{@code false});
 *   <li>anything with {@link #JSON} (inline arrays, content deeper than {@code maxDepth}) gives {@code JSON}: every value
 *       becomes its JSON text, so strings keep their quotes and stay distinguishable from numbers;
 *   <li>{@link #DATE} with {@link #TIMESTAMP} gives {@code TIMESTAMP} (a date is its midnight UTC); either with any
 *       other type gives {@code STRING}, holding each value's original input text.
 * </ul>
 *
 * <p>{@code TIMESTAMP} and {@code DATE} appear only when timestamp recognition is switched on
 * ({@code TransmogOptions.Builder#inferTimestamps}).
 */
public enum ColumnType {
  /** {@code true} or {@code false}; read with {@link RowBatch#getBoolean(int, int)}. */
  BOOLEAN,
  /** A 64-bit signed integer; read with {@link RowBatch#getLong(int, int)}. */
  LONG,
  /** A 64-bit IEEE 754 number that holds its input value exactly; read with {@link RowBatch#getDouble(int, int)}. */
  DOUBLE,
  /** An exact decimal number that fits neither a long nor a double; read with {@link RowBatch#getDecimal(int, int)}. */
  DECIMAL,
  /** Unicode text; read with {@link RowBatch#getString(int, int)}. */
  STRING,
  /** JSON text of an array, an object or a mixed value; read with {@link RowBatch#getString(int, int)}. */
  JSON,
  /**
   * An instant, from an ISO-8601 date-time string with a zone offset or {@code Z}; read as microseconds since the Unix
   * epoch (UTC) with {@link RowBatch#getLong(int, int)}, or as the original text with
   * {@link RowBatch#getString(int, int)}.
   */
  TIMESTAMP,
  /**
   * A calendar date, from an ISO-8601 {@code yyyy-MM-dd} string; read as days since 1970-01-01 with
   * {@link RowBatch#getLong(int, int)}, or as the original text with {@link RowBatch#getString(int, int)}.
   */
  DATE
}
