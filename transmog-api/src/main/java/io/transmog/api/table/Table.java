package io.transmog.api.table;

import java.util.List;
import java.util.Map;

/**
 * A finished, in-memory table: all its rows as one {@link RowBatch}, plus convenience views by name. Immutable once
 * returned from a flatten call, and safe to read from many threads.
 *
 * <p>The views {@link #row(int)} and {@link #rows()} build a {@link Map} per row on demand; they are meant for tests,
 * notebooks and small results, not for bulk export (use a writer).
 */
public interface Table extends RowBatch {
  /** @return the table name, e.g. {@code orders_line_items} */
  default String name() {
    return schema().table();
  }

  /**
   * Returns one row as an ordered map from column name to value (see {@link RowBatch#getValue(int, int)}); null cells
   * are present with a {@code null} value.
   *
   * @param row the row index
   * @return an unmodifiable ordered map
   */
  Map<String, Object> row(int row);

  /** @return every row as ordered maps (built on demand) */
  List<Map<String, Object>> rows();

  /**
   * Returns one column's values, boxed, in row order.
   *
   * @param name the column name
   * @return the values, with {@code null} for null cells
   * @throws IllegalArgumentException if the table has no such column
   */
  List<Object> column(String name);
}
