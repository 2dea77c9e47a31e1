package io.transmog.api.table;

import java.util.Objects;

/**
 * One named, typed column of a table.
 *
 * @param name the column name, unique within its table
 * @param type the column's type
 */
public record Column(String name, ColumnType type) {
  /** Validates the components. */
  public Column {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(type, "type must not be null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name must not be empty");
    }
  }
}
