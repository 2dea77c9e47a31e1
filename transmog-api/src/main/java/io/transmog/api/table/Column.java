package io.transmog.api.table;

import java.util.Objects;

/**
 * One named, typed column of a table.
 *
 * <p>For {@link ColumnType#DECIMAL} columns, {@code precision} and {@code scale} give the smallest decimal type that
 * holds every value seen: {@code scale} digits after the point and {@code precision} digits in all (a writer whose format
 * caps precision, such as Parquet readers at 38, falls back to text beyond it). For other types both are 0.
 *
 * @param name the column name, unique within its table
 * @param type the column's type
 * @param precision total decimal digits (DECIMAL only, else 0)
 * @param scale digits after the decimal point (DECIMAL only, else 0)
 */
public record Column(String name, ColumnType type, int precision, int scale) {
  /** Validates the components. */
  public Column {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(type, "type must not be null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name must not be empty");
    }
    if (precision < 0 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "column " + name + ": invalid precision " + precision + " / scale " + scale);
    }
  }

  /**
   * Creates a column of a non-decimal type (or a decimal with unknown precision, 0/0).
   *
   * @param name the column name
   * @param type the type
   */
  public Column(String name, ColumnType type) {
    this(name, type, 0, 0);
  }
}
