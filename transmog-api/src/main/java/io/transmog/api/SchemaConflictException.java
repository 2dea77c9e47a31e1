package io.transmog.api;

import io.transmog.api.table.ColumnType;
import java.util.Objects;

/**
 * With strict typing on, a value's type would have widened its column. Names the table, the column, both types and
 * the input location (including the record number).
 */
public class SchemaConflictException extends TransmogException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String column;
  private final ColumnType columnType;
  private final ColumnType valueType;
  private final InputLocation location;

  /**
   * Creates the exception.
   *
   * @param table the table
   * @param column the column
   * @param columnType the type the column had
   * @param valueType the type the value needed
   * @param location where the value is
   */
  public SchemaConflictException(String table, String column, ColumnType columnType, ColumnType valueType,
      InputLocation location) {
    super(location.describe() + ": table " + table + ", column " + column + " is " + columnType
        + " but this value needs " + valueType + " (strict types are on; turn them off to widen the column)");
    this.table = Objects.requireNonNull(table, "table must not be null");
    this.column = Objects.requireNonNull(column, "column must not be null");
    this.columnType = Objects.requireNonNull(columnType, "columnType must not be null");
    this.valueType = Objects.requireNonNull(valueType, "valueType must not be null");
    this.location = location;
  }

  /** @return the table */
  public String table() {
    return table;
  }

  /** @return the column */
  public String column() {
    return column;
  }

  /** @return the column's type before the value */
  public ColumnType columnType() {
    return columnType;
  }

  /** @return the type the value needed */
  public ColumnType valueType() {
    return valueType;
  }

  /** @return where the value is */
  public InputLocation location() {
    return location;
  }
}
