package io.transmog.spark.internal;

import io.transmog.api.table.ColumnType;
import java.io.Serializable;
import java.util.Objects;

/**
 * What one column's values in one part of the input (a partition, or the input so far) say about the column's final
 * type, so that parts flattened apart can agree on the type the core would give the whole input: the type, and the
 * facts about the values that decide how it widens with other types.
 *
 * <p>The core's widening ({@code ColumnType} javadoc, {@code ColumnData.widen}) depends on the values, not only on the
 * types: {@code LONG} with {@code DOUBLE} is {@code DOUBLE} unless some integer exceeds 2^53, then {@code DECIMAL};
 * and a {@code DECIMAL}'s precision and scale cover every value converted into it, longs and doubles included. So a
 * state also carries whether a long beyond 2^53 was seen, and the integer digits and scale of its numbers as exact
 * decimals. {@link #join} is associative and commutative, like the core's lattice on a whole input.
 *
 * <p>Immutable; {@code type} is {@code null} while the column has held nothing but nulls (the core's untyped column).
 */
public final class TypeState implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The state of a column that has held only nulls so far. */
  public static final TypeState NONE = new TypeState(null, false, 0, 0);

  private final ColumnType type;
  private final boolean bigLong;
  private final int intDigits;
  private final int scale;

  private TypeState(ColumnType type, boolean bigLong, int intDigits, int scale) {
    this.type = type;
    this.bigLong = bigLong;
    this.intDigits = intDigits;
    this.scale = scale;
  }

  /**
   * Creates a state.
   *
   * @param type the type, {@code null} for a column of nulls only
   * @param bigLong whether an integer beyond 2^53 was seen (as a {@code LONG} value)
   * @param intDigits the most integer digits of a number as an exact decimal
   * @param scale the most fraction digits of a number as an exact decimal
   * @return the state
   */
  public static TypeState of(ColumnType type, boolean bigLong, int intDigits, int scale) {
    if (type == null && !bigLong && intDigits == 0 && scale == 0) {
      return NONE;
    }
    return new TypeState(type, bigLong, Math.max(0, intDigits), Math.max(0, scale));
  }

  /** @return the type, or {@code null} for a column of nulls only */
  public ColumnType type() {
    return type;
  }

  /** @return the type as the core reports it: {@code STRING} for a column of nulls only */
  public ColumnType effectiveType() {
    return type == null ? ColumnType.STRING : type;
  }

  /** @return whether a long beyond 2^53 was seen */
  public boolean bigLong() {
    return bigLong;
  }

  /** @return the most integer digits of the numbers seen, as exact decimals */
  public int intDigits() {
    return intDigits;
  }

  /** @return the most fraction digits of the numbers seen, as exact decimals */
  public int scale() {
    return scale;
  }

  /** @return the precision of a DECIMAL column in this state, as the core computes it; 0 for other types */
  public int precision() {
    return type == ColumnType.DECIMAL ? Math.max(1, intDigits + scale) : 0;
  }

  /**
   * Joins two states: the state of a column that held both parts' values, whatever their order.
   *
   * @param other the other state
   * @return the joined state
   */
  public TypeState join(TypeState other) {
    if (other.type == null && type == null) {
      return of(null, bigLong || other.bigLong, Math.max(intDigits, other.intDigits), Math.max(scale, other.scale));
    }
    boolean big = bigLong || other.bigLong;
    ColumnType t = joinTypes(type, other.type, big);
    return of(t, big, Math.max(intDigits, other.intDigits), Math.max(scale, other.scale));
  }

  /**
   * The core's lattice on types ({@code ColumnType} javadoc).
   *
   * @param a a type or {@code null}
   * @param b a type or {@code null}
   * @param bigLong whether an integer beyond 2^53 is among the values
   * @return the joined type
   */
  static ColumnType joinTypes(ColumnType a, ColumnType b, boolean bigLong) {
    if (a == null) {
      return b;
    }
    if (b == null || a == b) {
      return a;
    }
    if (a == ColumnType.JSON || b == ColumnType.JSON) {
      return ColumnType.JSON;
    }
    if (a == ColumnType.STRING || b == ColumnType.STRING) {
      return ColumnType.STRING;
    }
    if (isTemporal(a) && isTemporal(b)) {
      return ColumnType.TIMESTAMP; // DATE with TIMESTAMP
    }
    if (isTemporal(a) || isTemporal(b) || a == ColumnType.BOOLEAN || b == ColumnType.BOOLEAN) {
      return ColumnType.STRING;
    }
    // two different numeric types
    if (a == ColumnType.DECIMAL || b == ColumnType.DECIMAL) {
      return ColumnType.DECIMAL;
    }
    return bigLong ? ColumnType.DECIMAL : ColumnType.DOUBLE; // LONG with DOUBLE
  }

  private static boolean isTemporal(ColumnType t) {
    return t == ColumnType.DATE || t == ColumnType.TIMESTAMP;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypeState s && s.type == type && s.bigLong == bigLong && s.intDigits == intDigits
        && s.scale == scale;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, bigLong, intDigits, scale);
  }

  @Override
  public String toString() {
    return (type == null ? "NULL" : type.name()) + (bigLong ? "+big" : "")
        + (intDigits > 0 || scale > 0 ? "(" + intDigits + "." + scale + ")" : "");
  }
}
