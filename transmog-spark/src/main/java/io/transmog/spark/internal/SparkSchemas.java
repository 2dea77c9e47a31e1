package io.transmog.spark.internal;

import io.transmog.api.table.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark schema of each table of a {@link Layout}, and the mapping of the core's column types to Spark's:
 *
 * <ul>
 *   <li>{@code LONG} → {@code LongType}, {@code DOUBLE} → {@code DoubleType}, {@code BOOLEAN} → {@code BooleanType};
 *   <li>{@code DECIMAL(p, s)} → {@code DecimalType(p, s)} up to Spark's precision 38; wider → {@code StringType}
 *       holding the exact value in plain text (Spark cannot hold it; rounding would lose what the core kept);
 *   <li>{@code STRING} and {@code JSON} → {@code StringType};
 *   <li>{@code TIMESTAMP} → {@code TimestampType} (UTC microseconds), {@code DATE} → {@code DateType}.
 * </ul>
 *
 * <p>Every field is nullable and carries the core's type in its metadata ({@code transmog.type}, and
 * {@code transmog.precision}/{@code transmog.scale} for decimals), so JSON text and wide decimals stay recognisable.
 * Stateless.
 */
public final class SparkSchemas {
  /** Metadata key holding the core's {@link ColumnType} name. */
  public static final String TYPE_KEY = "transmog.type";

  private SparkSchemas() {}

  /**
   * The Spark schema of a table.
   *
   * @param table the table
   * @return its schema, columns in order
   */
  public static StructType structType(Layout.TableLayout table) {
    List<StructField> fields = new ArrayList<>(table.columns.size());
    for (Layout.ColumnLayout c : table.columns) {
      MetadataBuilder m = new MetadataBuilder().putString(TYPE_KEY, c.type().name());
      if (c.type() == ColumnType.DECIMAL) {
        m.putLong("transmog.precision", c.precision()).putLong("transmog.scale", c.scale());
      }
      fields.add(DataTypes.createStructField(c.name, dataType(c.type(), c.precision(), c.scale()), true, m.build()));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * Maps a core column type to Spark's.
   *
   * @param type the core's type
   * @param precision a DECIMAL's precision
   * @param scale a DECIMAL's scale
   * @return the Spark type
   */
  public static DataType dataType(ColumnType type, int precision, int scale) {
    switch (type) {
      case LONG:
        return DataTypes.LongType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case DECIMAL:
        return precision <= ChunkConverter.MAX_SPARK_PRECISION
            ? DataTypes.createDecimalType(precision, scale) : DataTypes.StringType;
      case TIMESTAMP:
        return DataTypes.TimestampType;
      case DATE:
        return DataTypes.DateType;
      default: // STRING, JSON
        return DataTypes.StringType;
    }
  }

  /**
   * The rejects table: one row per bad record, the fields of the core's {@code _transmog_rejects.jsonl}.
   *
   * @return source, line, column, byteOffset, record, path, reason, raw
   */
  public static StructType rejectsSchema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("source", DataTypes.StringType, true, Metadata.empty()),
        DataTypes.createStructField("line", DataTypes.LongType, true, Metadata.empty()),
        DataTypes.createStructField("column", DataTypes.LongType, true, Metadata.empty()),
        DataTypes.createStructField("byteOffset", DataTypes.LongType, true, Metadata.empty()),
        DataTypes.createStructField("record", DataTypes.LongType, true, Metadata.empty()),
        DataTypes.createStructField("path", DataTypes.StringType, true, Metadata.empty()),
        DataTypes.createStructField("reason", DataTypes.StringType, true, Metadata.empty()),
        DataTypes.createStructField("raw", DataTypes.StringType, true, Metadata.empty())));
  }
}
