package io.transmog.io.orc.internal;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.orc.TypeDescription;

/**
 * Maps a {@link TableSchema} to an ORC {@code struct} type, one field per column in schema order, and records how each
 * column's cells are stored. See the README's type mapping table.
 */
final class OrcSchemaMapper {
  /** Largest decimal precision ORC (and Hive, Spark, Trino) supports. */
  static final int MAX_DECIMAL_PRECISION = 38;

  /** How the cells of one column reach their ORC column vector. */
  enum Kind {
    /** {@code boolean}, in a {@code LongColumnVector} as 0/1. */
    BOOLEAN,
    /** {@code bigint}, in a {@code LongColumnVector}. */
    LONG,
    /** {@code double}, in a {@code DoubleColumnVector}. */
    DOUBLE,
    /** {@code decimal(p,s)}, in a {@code DecimalColumnVector}, rescaled exactly. */
    DECIMAL,
    /** {@code string} holding the plain decimal text (precision 0 or above 38). */
    DECIMAL_TEXT,
    /** {@code string}, UTF-8 (also JSON text). */
    STRING,
    /** {@code timestamp with local time zone}, in a {@code TimestampColumnVector}. */
    TIMESTAMP,
    /** {@code date}, in a {@code DateColumnVector}. */
    DATE
  }

  /**
   * The ORC type of a table and the storage kind of each column.
   *
   * @param type the {@code struct} type, fields in schema order
   * @param kinds the storage kind per column index
   * @param jsonColumns the names of the {@code JSON} columns, in schema order
   */
  record Plan(TypeDescription type, List<Kind> kinds, List<String> jsonColumns) {}

  private OrcSchemaMapper() {}

  /**
   * Maps a schema.
   *
   * @param schema the table schema
   * @return the ORC type and per-column kinds
   */
  static Plan plan(TableSchema schema) {
    TypeDescription struct = TypeDescription.createStruct();
    List<Kind> kinds = new ArrayList<>(schema.size());
    List<String> json = new ArrayList<>();
    for (Column column : schema.columns()) {
      Kind kind = kind(column);
      kinds.add(kind);
      struct.addField(fieldName(column.name()), type(column, kind));
      if (column.type() == ColumnType.JSON) {
        json.add(column.name());
      }
    }
    return new Plan(struct, List.copyOf(kinds), List.copyOf(json));
  }

  /**
   * Returns the name stored in the file for a column. ORC Java's reader parses every stored field name as if it were
   * backtick-quoted ({@code OrcUtils.convertTypeFromProtobuf} wraps a name in backticks unless it starts with one), so a
   * name holding a backtick would come back cut short, or not at all. Such names are stored quoted, with backticks
   * doubled, which ORC Java reads back exactly; every other name is stored as it is.
   *
   * @param name the column name
   * @return the ORC field name
   */
  static String fieldName(String name) {
    return name.indexOf('`') < 0 ? name : "`" + name.replace("`", "``") + "`";
  }

  static Kind kind(Column column) {
    switch (column.type()) {
      case BOOLEAN:
        return Kind.BOOLEAN;
      case LONG:
        return Kind.LONG;
      case DOUBLE:
        return Kind.DOUBLE;
      case DECIMAL:
        // ORC's decimal tops out at 38 digits, as do the engines that read it; wider (or unknown, 0) precision is
        // written as exact text rather than rounded.
        return column.precision() >= 1 && column.precision() <= MAX_DECIMAL_PRECISION ? Kind.DECIMAL : Kind.DECIMAL_TEXT;
      case TIMESTAMP:
        return Kind.TIMESTAMP;
      case DATE:
        return Kind.DATE;
      case STRING:
      case JSON:
      default:
        return Kind.STRING;
    }
  }

  private static TypeDescription type(Column column, Kind kind) {
    switch (kind) {
      case BOOLEAN:
        return TypeDescription.createBoolean();
      case LONG:
        return TypeDescription.createLong();
      case DOUBLE:
        return TypeDescription.createDouble();
      case DECIMAL:
        // scale first down to 0: withPrecision refuses a precision below the current scale (default 10)
        return TypeDescription.createDecimal()
            .withScale(0).withPrecision(column.precision()).withScale(column.scale());
      case TIMESTAMP:
        // the UTC-instant type: no writer or reader time zone is applied to its values
        return TypeDescription.createTimestampInstant();
      case DATE:
        return TypeDescription.createDate();
      case DECIMAL_TEXT:
      case STRING:
      default:
        return TypeDescription.createString();
    }
  }
}
