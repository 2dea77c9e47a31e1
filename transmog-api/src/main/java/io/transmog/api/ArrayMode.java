package io.transmog.api;

/**
 * How arrays inside a record are turned into tables.
 *
 * <p>Empty arrays produce no rows and no columns in every mode.
 */
public enum ArrayMode {
  /**
   * The default. An array whose elements are all scalars or {@code null} stays in the row as one JSON-text value; any
   * other array becomes a child table with one row per element. An object element is flattened into its row, a scalar
   * element goes into a {@code value} column, and an array element is treated as {@code {"value": <that array>}} so the
   * same rules recurse.
   */
  SMART,
  /** Every non-empty array becomes a child table, scalar arrays included (their elements go into {@code value}). */
  SEPARATE,
  /** Every non-empty array stays in its row as one JSON-text value; no child tables are made. */
  INLINE,
  /** Arrays are dropped. */
  SKIP
}
