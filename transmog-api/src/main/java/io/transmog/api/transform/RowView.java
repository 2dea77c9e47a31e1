package io.transmog.api.transform;

/**
 * Read access to the row being finished, by column name, for {@link Transform#filter} and {@link Transform#derive}.
 * Valid only during the call; not thread-safe.
 */
public interface RowView {
  /** @return the table the row belongs to */
  String table();

  /**
   * Returns a cell's value: {@link Boolean}, {@link Long}, {@link Double}, {@link java.math.BigDecimal},
   * {@link String} (text and JSON), {@link java.time.Instant} or {@link java.time.LocalDate}.
   *
   * @param column the (final, after renames) column name
   * @return the value, or {@code null} if the cell is null or the column does not exist
   */
  Object get(String column);
}
