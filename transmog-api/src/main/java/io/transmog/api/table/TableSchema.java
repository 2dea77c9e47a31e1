package io.transmog.api.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The name and ordered, typed columns of one table. Immutable; looking a column up by name is a hash lookup.
 *
 * @param table the table name
 * @param parent the parent table's name, empty for the main table
 * @param columns the columns in order (generated ID columns first, then data columns in first-seen order)
 */
public record TableSchema(String table, Optional<String> parent, List<Column> columns) {

  /** Validates the components and copies the column list. */
  public TableSchema {
    Objects.requireNonNull(table, "table must not be null");
    Objects.requireNonNull(parent, "parent must not be null");
    columns = List.copyOf(columns);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      if (seen.put(columns.get(i).name(), i) != null) {
        throw new IllegalArgumentException("table " + table + ": duplicate column " + columns.get(i).name());
      }
    }
  }

  /**
   * Creates a schema.
   *
   * @param table the table name
   * @param parent the parent table name, or {@code null} for the main table
   * @param columns the columns in order
   * @return the schema
   */
  public static TableSchema of(String table, String parent, List<Column> columns) {
    return new TableSchema(table, Optional.ofNullable(parent), columns);
  }

  /** @return the number of columns */
  public int size() {
    return columns.size();
  }

  /**
   * Returns column {@code i}.
   *
   * @param i the 0-based column index
   * @return the column
   */
  public Column column(int i) {
    return columns.get(i);
  }

  /**
   * Finds a column's index by name.
   *
   * @param name the column name
   * @return the 0-based index, or {@code -1} if absent
   */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** @return the column names in order */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column c : columns) {
      names.add(c.name());
    }
    return Collections.unmodifiableList(names);
  }
}
