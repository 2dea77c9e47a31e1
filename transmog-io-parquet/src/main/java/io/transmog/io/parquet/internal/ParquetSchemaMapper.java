package io.transmog.io.parquet.internal;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.math.BigInteger;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps a Transmog {@link TableSchema} to a flat Parquet {@link MessageType}, one {@code optional} primitive column per
 * table column, in order:
 *
 * <table>
 *   <caption>Column type mapping</caption>
 *   <tr><th>Transmog</th><th>Parquet</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@code boolean}</td></tr>
 *   <tr><td>LONG</td><td>{@code int64}</td></tr>
 *   <tr><td>DOUBLE</td><td>{@code double}</td></tr>
 *   <tr><td>STRING</td><td>{@code binary (STRING)}</td></tr>
 *   <tr><td>JSON</td><td>{@code binary (JSON)}</td></tr>
 *   <tr><td>DECIMAL, precision 1–9</td><td>{@code int32 (DECIMAL(p,s))}</td></tr>
 *   <tr><td>DECIMAL, precision 10–18</td><td>{@code int64 (DECIMAL(p,s))}</td></tr>
 *   <tr><td>DECIMAL, precision 19–38</td><td>{@code fixed_len_byte_array(n) (DECIMAL(p,s))}, n the fewest bytes</td></tr>
 *   <tr><td>DECIMAL, precision 0 (unknown) or over 38</td><td>{@code binary (STRING)}, the plain decimal text</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@code int64 (TIMESTAMP(isAdjustedToUTC=true, MICROS))}</td></tr>
 *   <tr><td>DATE</td><td>{@code int32 (DATE)}</td></tr>
 * </table>
 *
 * <p>The decimal backing follows the Parquet specification's recommendation (LogicalTypes.md, DECIMAL). Precision above
 * 38 is legal Parquet, but Spark, DuckDB, Trino and Hive cap their decimal type at 38 digits and refuse wider columns or
 * read them as floating point, so such columns are written as text that every reader can load and cast.
 */
final class ParquetSchemaMapper {
  /** The largest decimal precision that mainstream Parquet readers accept (Spark, DuckDB, Trino, Hive). */
  static final int MAX_DECIMAL_PRECISION = 38;
  /** Name of the root message; the table name goes into the key-value metadata instead (it may be any text). */
  static final String MESSAGE_NAME = "schema";

  /** How one column's cells are written; the order of the constants is irrelevant. */
  enum Kind { BOOLEAN, INT64, DOUBLE, TEXT, DECIMAL_INT32, DECIMAL_INT64, DECIMAL_FIXED, DECIMAL_TEXT, DATE }

  private ParquetSchemaMapper() {}

  /**
   * Plans how each column is written.
   *
   * @param schema the table schema
   * @return one plan per column, in column order
   */
  static ColumnPlan[] plan(TableSchema schema) {
    ColumnPlan[] plans = new ColumnPlan[schema.size()];
    for (int i = 0; i < plans.length; i++) {
      plans[i] = plan(schema.column(i));
    }
    return plans;
  }

  /**
   * Builds the Parquet schema for the plans.
   *
   * @param plans the column plans
   * @return the message type
   */
  static MessageType messageType(ColumnPlan[] plans) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (ColumnPlan p : plans) {
      builder.addField(p.parquetType());
    }
    return builder.named(MESSAGE_NAME);
  }

  private static ColumnPlan plan(Column column) {
    String name = column.name();
    ColumnType type = column.type();
    switch (type) {
      case BOOLEAN:
        return new ColumnPlan(name, type, Kind.BOOLEAN, Types.optional(PrimitiveTypeName.BOOLEAN).named(name));
      case LONG:
        return new ColumnPlan(name, type, Kind.INT64, Types.optional(PrimitiveTypeName.INT64).named(name));
      case DOUBLE:
        return new ColumnPlan(name, type, Kind.DOUBLE, Types.optional(PrimitiveTypeName.DOUBLE).named(name));
      case STRING:
        return text(name, type, Kind.TEXT);
      case JSON:
        // The JSON annotation tells readers the text is JSON: DuckDB gives a JSON column, Spark and Arrow a string.
        return new ColumnPlan(name, type, Kind.TEXT, Types.optional(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.jsonType()).named(name));
      case TIMESTAMP:
        return new ColumnPlan(name, type, Kind.INT64, Types.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name));
      case DATE:
        return new ColumnPlan(name, type, Kind.DATE, Types.optional(PrimitiveTypeName.INT32)
            .as(LogicalTypeAnnotation.dateType()).named(name));
      case DECIMAL:
        return decimal(column);
      default:
        // A type added to the API later: text is lossless for every type (RowBatch.getString reads any cell).
        return text(name, type, Kind.TEXT);
    }
  }

  private static ColumnPlan text(String name, ColumnType type, Kind kind) {
    return new ColumnPlan(name, type, kind, Types.optional(PrimitiveTypeName.BINARY)
        .as(LogicalTypeAnnotation.stringType()).named(name));
  }

  private static ColumnPlan decimal(Column column) {
    int p = column.precision();
    int s = column.scale();
    String name = column.name();
    if (p == 0 || p > MAX_DECIMAL_PRECISION) {
      return text(name, ColumnType.DECIMAL, Kind.DECIMAL_TEXT);
    }
    LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(s, p);
    if (p <= 9) {
      return new ColumnPlan(name, ColumnType.DECIMAL, Kind.DECIMAL_INT32, p, s, 0,
          Types.optional(PrimitiveTypeName.INT32).as(decimal).named(name));
    }
    if (p <= 18) {
      return new ColumnPlan(name, ColumnType.DECIMAL, Kind.DECIMAL_INT64, p, s, 0,
          Types.optional(PrimitiveTypeName.INT64).as(decimal).named(name));
    }
    int length = bytesFor(p);
    return new ColumnPlan(name, ColumnType.DECIMAL, Kind.DECIMAL_FIXED, p, s, length,
        Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(length).as(decimal).named(name));
  }

  /**
   * Returns the fewest bytes whose two's complement holds every unscaled value of {@code precision} digits, i.e. the
   * smallest n with 2^(8n-1) &gt; 10^precision - 1 (16 for precision 38).
   */
  static int bytesFor(int precision) {
    BigInteger limit = BigInteger.TEN.pow(precision);
    int n = 1;
    while (BigInteger.ONE.shiftLeft(8 * n - 1).compareTo(limit) < 0) {
      n++;
    }
    return n;
  }

  /**
   * How one column is written.
   *
   * @param name the column name
   * @param type the Transmog type
   * @param kind how cells are read and written
   * @param precision decimal precision (decimal kinds only)
   * @param scale decimal scale (decimal kinds only)
   * @param fixedLength bytes of a {@code fixed_len_byte_array} decimal, else 0
   * @param parquetType the Parquet column type
   */
  record ColumnPlan(
      String name, ColumnType type, Kind kind, int precision, int scale, int fixedLength, Type parquetType) {
    ColumnPlan(String name, ColumnType type, Kind kind, Type parquetType) {
      this(name, type, kind, 0, 0, 0, parquetType);
    }
  }
}
