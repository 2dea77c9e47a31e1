package io.transmog.io.tck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a format's own reader found in a written file: the column names in file order and the rows as boxed values,
 * {@code null} for a null cell. Returned by {@link TableWriterCompatibilityKit#readBack(java.nio.file.Path)}; values
 * are compared with {@link TableWriterCompatibilityKit#expected(io.transmog.api.table.Column, Object)}.
 *
 * <p>Rows may hold {@code null}s, so the lists are copied into unmodifiable lists that permit them. Immutable.
 *
 * @param columnNames the column names as the file records them, in order (empty if the file records none)
 * @param rows every row, each a list with one value per entry of {@code columnNames}
 */
public record ReadBack(List<String> columnNames, List<List<Object>> rows) {
  /** Validates and copies the components; every row must have one value per column name. */
  public ReadBack {
    Objects.requireNonNull(columnNames, "columnNames must not be null");
    Objects.requireNonNull(rows, "rows must not be null");
    columnNames = List.copyOf(columnNames);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      List<Object> row = Objects.requireNonNull(rows.get(r), "row " + r + " must not be null");
      if (row.size() != columnNames.size()) {
        throw new IllegalArgumentException(
            "row " + r + " has " + row.size() + " values but there are " + columnNames.size() + " column names");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /** @return the number of rows read */
  public int rowCount() {
    return rows.size();
  }

  /**
   * Returns the values of one column, by name.
   *
   * @param name the column name
   * @return the values in row order, {@code null} for null cells
   * @throws IllegalArgumentException if there is no such column
   */
  public List<Object> column(String name) {
    int i = columnNames.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columnNames);
    }
    List<Object> values = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      values.add(row.get(i));
    }
    return Collections.unmodifiableList(values);
  }
}
