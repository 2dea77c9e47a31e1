package io.transmog.core.internal.table;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.transmog.api.table.ColumnType;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One column's values: primitives in a {@code long[]} (booleans as 0/1, doubles as raw bits), references (text,
 * decimals) in an {@code Object[]}, and a presence bit set. Only the array the current type needs is allocated.
 *
 * <p>The column's type starts unknown and widens as values arrive, converting the stored values in place; the lattice
 * is documented on {@link ColumnType}. Conversions keep every value exactly.
 */
final class ColumnData {
  /** Integers of at most this magnitude are exact as doubles. */
  private static final long MAX_EXACT_DOUBLE_INT = 1L << 53;

  final String name;
  /** {@code null} while the column has seen only nulls. */
  ColumnType type;
  long[] prims;
  Object[] refs;
  long[] present;
  /**
   * In a STRING column, marks cells whose text came from a number or boolean, so that widening to JSON leaves them
   * unquoted; allocated only when such a cell exists.
   */
  long[] scalarText;
  /** Number of rows whose arrays are allocated. */
  int capacity;

  ColumnData(String name, ColumnType fixedType, int capacity) {
    this.name = name;
    grow(capacity);
    if (fixedType != null) {
      become(fixedType);
    }
  }

  void grow(int newCapacity) {
    if (newCapacity <= capacity) {
      return;
    }
    if (prims != null) {
      prims = Arrays.copyOf(prims, newCapacity);
    }
    if (refs != null) {
      refs = Arrays.copyOf(refs, newCapacity);
    }
    int words = (newCapacity + 63) >>> 6;
    present = present == null ? new long[words] : Arrays.copyOf(present, words);
    if (scalarText != null) {
      scalarText = Arrays.copyOf(scalarText, words);
    }
    capacity = newCapacity;
  }

  /** Forgets every value but keeps the type and the arrays, for the next batch. */
  void clear(int rows) {
    Arrays.fill(present, 0, Math.min(present.length, (rows + 63) >>> 6), 0L);
    if (scalarText != null) {
      Arrays.fill(scalarText, 0L);
    }
    if (refs != null) {
      Arrays.fill(refs, 0, Math.min(rows, refs.length), null);
    }
  }

  boolean isNull(int row) {
    return row >= capacity || (present[row >>> 6] & (1L << row)) == 0;
  }

  private void mark(int row) {
    present[row >>> 6] |= 1L << row;
  }

  /** Stores a number's or boolean's text in a STRING or JSON column. */
  private void scalarAsText(int row, String text) {
    refs[row] = text;
    if (type == ColumnType.STRING) {
      markScalarText(row);
    }
  }

  private void markScalarText(int row) {
    if (scalarText == null) {
      scalarText = new long[present.length];
    }
    scalarText[row >>> 6] |= 1L << row;
  }

  private boolean isScalarText(int row) {
    return scalarText != null && (scalarText[row >>> 6] & (1L << row)) != 0;
  }

  ColumnType effectiveType() {
    return type == null ? ColumnType.STRING : type;
  }

  // ---- writes -------------------------------------------------------------------------------------------

  void setLong(int row, long v) {
    if (type == null) {
      become(ColumnType.LONG);
    }
    switch (type) {
      case LONG:
        prims[row] = v;
        break;
      case DOUBLE:
        if (Math.abs(v) <= MAX_EXACT_DOUBLE_INT) {
          prims[row] = Double.doubleToRawLongBits(v);
        } else {
          widen(ColumnType.DECIMAL);
          refs[row] = BigDecimal.valueOf(v);
        }
        break;
      case DECIMAL:
        refs[row] = BigDecimal.valueOf(v);
        break;
      case BOOLEAN:
        widen(ColumnType.STRING);
        scalarAsText(row, Long.toString(v));
        break;
      default: // STRING, JSON: a number's text is also its JSON text
        scalarAsText(row, Long.toString(v));
        break;
    }
    mark(row);
  }

  /** Stores a double that holds its input value exactly (the caller checked). */
  void setDouble(int row, double v) {
    if (type == null) {
      become(ColumnType.DOUBLE);
    }
    switch (type) {
      case LONG:
        widen(ColumnType.DOUBLE);
        if (type == ColumnType.DOUBLE) {
          prims[row] = Double.doubleToRawLongBits(v);
        } else {
          refs[row] = exactDecimal(v);
        }
        break;
      case DOUBLE:
        prims[row] = Double.doubleToRawLongBits(v);
        break;
      case DECIMAL:
        refs[row] = exactDecimal(v);
        break;
      case BOOLEAN:
        widen(ColumnType.STRING);
        scalarAsText(row, Double.toString(v));
        break;
      default:
        scalarAsText(row, Double.toString(v));
        break;
    }
    mark(row);
  }

  void setDecimal(int row, BigDecimal v) {
    if (type == null) {
      become(ColumnType.DECIMAL);
    }
    switch (type) {
      case LONG:
      case DOUBLE:
        widen(ColumnType.DECIMAL);
        refs[row] = v;
        break;
      case DECIMAL:
        refs[row] = v;
        break;
      case BOOLEAN:
        widen(ColumnType.STRING);
        scalarAsText(row, v.toString());
        break;
      default:
        scalarAsText(row, v.toString());
        break;
    }
    mark(row);
  }

  void setBoolean(int row, boolean v) {
    if (type == null) {
      become(ColumnType.BOOLEAN);
    }
    switch (type) {
      case BOOLEAN:
        prims[row] = v ? 1 : 0;
        break;
      case LONG:
      case DOUBLE:
      case DECIMAL:
        widen(ColumnType.STRING);
        scalarAsText(row, Boolean.toString(v));
        break;
      default:
        scalarAsText(row, Boolean.toString(v));
        break;
    }
    mark(row);
  }

  void setString(int row, String v) {
    if (type == null) {
      become(ColumnType.STRING);
    }
    switch (type) {
      case STRING:
        refs[row] = v;
        if (scalarText != null) {
          scalarText[row >>> 6] &= ~(1L << row); // a duplicate key's later value replaces the earlier one
        }
        break;
      case JSON:
        refs[row] = quote(v);
        break;
      default:
        widen(ColumnType.STRING);
        refs[row] = v;
        break;
    }
    mark(row);
  }

  void setJson(int row, String jsonText) {
    if (type != ColumnType.JSON) {
      if (type == null) {
        become(ColumnType.JSON);
      } else {
        widen(ColumnType.JSON);
      }
    }
    refs[row] = jsonText;
    mark(row);
  }

  /** Creates the storage of a column that has held nothing but nulls so far. */
  private void become(ColumnType t) {
    type = t;
    if (isPrimitive(t)) {
      prims = new long[capacity];
      refs = null;
    } else {
      refs = new Object[capacity];
      prims = null;
    }
  }

  private static boolean isPrimitive(ColumnType t) {
    return t == ColumnType.LONG || t == ColumnType.DOUBLE || t == ColumnType.BOOLEAN;
  }

  /**
   * Widens the column to {@code target} (or further, when a value does not fit: LONG to DOUBLE becomes DECIMAL if an
   * integer exceeds 2^53), converting stored values.
   */
  private void widen(ColumnType target) {
    ColumnType from = type;
    if (from == ColumnType.LONG && target == ColumnType.DOUBLE) {
      for (int i = 0; i < capacity; i++) {
        if (!isNull(i) && Math.abs(prims[i]) > MAX_EXACT_DOUBLE_INT) {
          target = ColumnType.DECIMAL;
          break;
        }
      }
      if (target == ColumnType.DOUBLE) {
        for (int i = 0; i < capacity; i++) {
          if (!isNull(i)) {
            prims[i] = Double.doubleToRawLongBits(prims[i]);
          }
        }
        type = ColumnType.DOUBLE;
        return;
      }
    }
    Object[] out = new Object[capacity];
    boolean fromScalars = target == ColumnType.STRING && from != ColumnType.STRING && from != ColumnType.JSON;
    for (int i = 0; i < capacity; i++) {
      if (!isNull(i)) {
        out[i] = convert(from, i, target);
        if (fromScalars) {
          markScalarText(i);
        }
      }
    }
    refs = out;
    prims = null;
    type = target;
    if (target == ColumnType.JSON) {
      scalarText = null;
    }
  }

  private Object convert(ColumnType from, int i, ColumnType target) {
    switch (target) {
      case DECIMAL:
        return from == ColumnType.LONG ? BigDecimal.valueOf(prims[i])
            : from == ColumnType.DOUBLE ? exactDecimal(Double.longBitsToDouble(prims[i])) : refs[i];
      case STRING:
        return text(from, i);
      case JSON:
        return from == ColumnType.STRING && !isScalarText(i) ? quote((String) refs[i]) : text(from, i);
      default:
        throw new IllegalStateException("cannot widen " + from + " to " + target);
    }
  }

  /** The value's text: numbers and booleans as they print in JSON, strings and JSON text as they are. */
  String text(int row) {
    return text(type, row);
  }

  private String text(ColumnType t, int row) {
    switch (t) {
      case LONG:
        return Long.toString(prims[row]);
      case DOUBLE:
        return Double.toString(Double.longBitsToDouble(prims[row]));
      case BOOLEAN:
        return prims[row] != 0 ? "true" : "false";
      case DECIMAL:
        return ((BigDecimal) refs[row]).toString();
      default:
        return (String) refs[row];
    }
  }

  /** The decimal a double holds exactly as the shortest text that reads back to it (the input's value). */
  static BigDecimal exactDecimal(double v) {
    return new BigDecimal(Double.toString(v));
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.append('"').toString();
  }
}
