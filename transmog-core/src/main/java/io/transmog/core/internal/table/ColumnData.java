package io.transmog.core.internal.table;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.transmog.api.table.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One column's values: primitives in a {@code long[]} (booleans as 0/1, doubles as raw bits, timestamps as epoch
 * microseconds, dates as epoch days), {@code STRING} and {@code JSON} text as UTF-8 in one byte array per column with
 * each cell's (offset, length) packed in the {@code long[]}, other references (decimals, the input text of timestamps
 * and dates) in an {@code Object[]}, and a presence bit set. Only the arrays the current type needs are allocated.
 *
 * <p>Why text as bytes: every writer stores UTF-8, and a {@code String} per cell was the largest allocation per record
 * and cost an encoding pass in each writer. The parser's characters are encoded once, here, into an array that is
 * reused from batch to batch; {@link #text} makes a {@code String} only when asked. Text that is rewritten (a
 * duplicate key) or rolled back leaves its old bytes unused until the batch is cleared.
 *
 * <p>The type starts unknown and widens as values arrive, converting stored values in place; the lattice is documented
 * on {@link ColumnType}. Conversions keep every value exactly. In strict mode a widening throws
 * {@link TableData.TypeConflictException} instead.
 */
final class ColumnData {
  /** Integers of at most this magnitude are exact as doubles. */
  private static final long MAX_EXACT_DOUBLE_INT = 1L << 53;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  final String name;
  /** The table's name, for the strict-mode error. */
  private final String table;
  private final boolean strict;
  /** {@code null} while the column has seen only nulls. */
  ColumnType type;
  long[] prims;
  Object[] refs;
  /** STRING and JSON: the cells' UTF-8 bytes, {@link #textUsed} of them in use; prims holds (offset << 32 | length). */
  byte[] utf8;
  int textUsed;
  long[] present;
  /**
   * In a STRING column, marks cells whose text came from a number or boolean, so that widening to JSON leaves them
   * unquoted; allocated only when such a cell exists.
   */
  long[] scalarText;
  /** Number of rows whose arrays are allocated. */
  int capacity;
  /** For DECIMAL: the most digits before and after the point seen, giving precision and scale. */
  int decimalIntDigits;
  int decimalScale;
  /** Bumped whenever type, precision or scale change, so the table knows its schema changed. */
  int version;

  ColumnData(String table, String name, ColumnType fixedType, int capacity, boolean strict) {
    this.table = table;
    this.name = name;
    this.strict = strict;
    grow(capacity);
    if (fixedType != null) {
      become(fixedType);
    }
  }

  /** An empty column with this column's name, type, precision and scale (for the next batch while this one is written). */
  ColumnData emptyCopy(int newCapacity) {
    ColumnData c = new ColumnData(table, name, null, newCapacity, strict);
    if (type != null) {
      c.become(type);
      if (utf8 != null && c.utf8.length < textUsed) {
        c.utf8 = new byte[textUsed]; // the next batch is likely to hold as much text as this one
      }
    }
    c.decimalIntDigits = decimalIntDigits;
    c.decimalScale = decimalScale;
    c.version = version;
    return c;
  }

  /** Shrinks the arrays to {@code rows} (a finished in-memory table in low-memory mode). */
  void trim(int rows) {
    int n = Math.max(1, rows);
    if (n >= capacity) {
      return;
    }
    if (prims != null) {
      prims = Arrays.copyOf(prims, n);
    }
    if (refs != null) {
      refs = Arrays.copyOf(refs, n);
    }
    if (utf8 != null) {
      utf8 = Arrays.copyOf(utf8, Math.max(1, textUsed));
    }
    present = Arrays.copyOf(present, (n + 63) >>> 6);
    if (scalarText != null) {
      scalarText = Arrays.copyOf(scalarText, (n + 63) >>> 6);
    }
    capacity = n;
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
    if (utf8 != null && utf8.length > SHRINK_TEXT_ABOVE && textUsed < utf8.length / 4) {
      // one batch with huge text must not pin its array for the rest of the run
      utf8 = new byte[Math.max(64, 2 * textUsed)];
    }
    textUsed = 0;
  }

  /** Text storage larger than this is given back when a batch used less than a quarter of it. */
  static final int SHRINK_TEXT_ABOVE = 4 * 1024 * 1024;

  void clearFrom(int from, int to) {
    for (int r = from; r < to && r < capacity; r++) {
      clearCell(r);
    }
  }

  void clearCell(int row) {
    present[row >>> 6] &= ~(1L << row);
    notScalarText(row);
    if (refs != null) {
      refs[row] = null;
    }
  }

  boolean isNull(int row) {
    return row >= capacity || (present[row >>> 6] & (1L << row)) == 0;
  }

  /** Whether a long is exact as a double under the documented rule |v| <= 2^53 (no Math.abs: Long.MIN_VALUE). */
  private static boolean exact(long v) {
    return v >= -MAX_EXACT_DOUBLE_INT && v <= MAX_EXACT_DOUBLE_INT;
  }

  ColumnType effectiveType() {
    return type == null ? ColumnType.STRING : type;
  }

  int precision() {
    return type == ColumnType.DECIMAL ? Math.max(1, decimalIntDigits + decimalScale) : 0;
  }

  int scale() {
    return type == ColumnType.DECIMAL ? decimalScale : 0;
  }

  private void mark(int row) {
    present[row >>> 6] |= 1L << row;
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
        if (exact(v)) {
          prims[row] = Double.doubleToRawLongBits(v);
        } else {
          widen(ColumnType.DECIMAL);
          storeDecimal(row, BigDecimal.valueOf(v));
        }
        break;
      case DECIMAL:
        storeDecimal(row, BigDecimal.valueOf(v));
        break;
      default:
        scalarAsText(row, Long.toString(v));
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
          storeDecimal(row, exactDecimal(v));
        }
        break;
      case DOUBLE:
        prims[row] = Double.doubleToRawLongBits(v);
        break;
      case DECIMAL:
        storeDecimal(row, exactDecimal(v));
        break;
      default:
        scalarAsText(row, Double.toString(v));
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
        storeDecimal(row, v);
        break;
      case DECIMAL:
        storeDecimal(row, v);
        break;
      default:
        scalarAsText(row, v.toString());
    }
    mark(row);
  }

  void setBoolean(int row, boolean v) {
    if (type == null) {
      become(ColumnType.BOOLEAN);
    }
    if (type == ColumnType.BOOLEAN) {
      prims[row] = v ? 1 : 0;
    } else {
      scalarAsText(row, Boolean.toString(v));
    }
    mark(row);
  }

  void setString(int row, String v) {
    if (type == null) {
      become(ColumnType.STRING);
    }
    switch (type) {
      case STRING:
        putText(row, v);
        notScalarText(row);
        break;
      case JSON:
        putText(row, quote(v));
        break;
      default:
        widen(ColumnType.STRING);
        putText(row, v);
    }
    mark(row);
  }

  /** {@link #setString} for text given as characters (the parser's buffer), without making a String. */
  void setChars(int row, char[] chars, int offset, int length) {
    if (type == null) {
      become(ColumnType.STRING);
    }
    if (type != ColumnType.STRING) {
      setString(row, new String(chars, offset, length));
      return;
    }
    int start = reserve(3L * length);
    slice(row, start, Utf8.encode(chars, offset, length, utf8, start));
    notScalarText(row);
    mark(row);
  }

  /**
   * {@link #setString} for text given as its UTF-8 bytes (a string's bytes in the input, well-formed UTF-8), copied
   * with one array copy.
   */
  void setUtf8(int row, byte[] bytes, int offset, int length) {
    if (type == null) {
      become(ColumnType.STRING);
    }
    if (type != ColumnType.STRING) {
      setString(row, new String(bytes, offset, length, StandardCharsets.UTF_8)); // JSON quoting or a widening: rare
      return;
    }
    int start = reserve(length);
    System.arraycopy(bytes, offset, utf8, start, length);
    slice(row, start, start + length);
    notScalarText(row);
    mark(row);
  }

  /**
   * {@link #setString} for text known to be ASCII (generated IDs, the run timestamp): its characters are copied as
   * bytes, one array copy for a compact string.
   */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies Latin-1 characters as bytes
  void setAscii(int row, String v) {
    if (type != ColumnType.STRING) {
      setString(row, v);
      return;
    }
    int n = v.length();
    int start = reserve(n);
    v.getBytes(0, n, utf8, start);
    slice(row, start, start + n);
    notScalarText(row);
    mark(row);
  }

  /** Marks a STRING cell as text again: a duplicate key's later value replaces a number's text stored before it. */
  private void notScalarText(int row) {
    if (scalarText != null) {
      scalarText[row >>> 6] &= ~(1L << row);
    }
  }

  /** Encodes text into the text storage (STRING or JSON) of a cell. */
  private void putText(int row, String v) {
    int n = v.length();
    int start = reserve(3L * n);
    int end = Utf8.encode(v, utf8, start);
    slice(row, start, end);
  }

  private void slice(int row, int start, int end) {
    prims[row] = (long) start << 32 | (end - start);
    textUsed = end;
  }

  /** Makes room for {@code bytes} more text bytes and returns the offset where they go. */
  private int reserve(long bytes) {
    long need = textUsed + bytes;
    if (need > utf8.length) {
      if (need > MAX_TEXT_BYTES) {
        throw new IllegalStateException("column " + name + " of table " + table + " would hold more than "
            + MAX_TEXT_BYTES + " bytes of text in one batch; flatten in chunks (a smaller chunkSize, or streaming)");
      }
      utf8 = Arrays.copyOf(utf8, (int) Math.min(MAX_TEXT_BYTES, Math.max(need, 2L * utf8.length)));
    }
    return textUsed;
  }

  /** The most text bytes one column holds in one batch: an array's limit. */
  private static final int MAX_TEXT_BYTES = Integer.MAX_VALUE - 8;

  /** @return the UTF-8 length of a STRING cell's text */
  int textLength(int row) {
    return (int) prims[row];
  }

  /** Copies a STRING cell's UTF-8 bytes; returns how many. */
  int copyText(int row, byte[] dst, int offset) {
    long s = prims[row];
    int n = (int) s;
    System.arraycopy(utf8, (int) (s >>> 32), dst, offset, n);
    return n;
  }

  void setJson(int row, String jsonText) {
    if (type != ColumnType.JSON) {
      if (type == null) {
        become(ColumnType.JSON);
      } else {
        widen(ColumnType.JSON);
      }
    }
    putText(row, jsonText);
    mark(row);
  }

  /** {@link #setJson} for JSON text given as characters, without making a String. */
  void setJsonChars(int row, char[] chars, int offset, int length) {
    if (type != ColumnType.JSON) {
      setJson(row, new String(chars, offset, length)); // the first value, or a widening: rare
      return;
    }
    int start = reserve(3L * length);
    slice(row, start, Utf8.encode(chars, offset, length, utf8, start));
    mark(row);
  }

  void setTimestamp(int row, long micros, String text) {
    if (type == null) {
      become(ColumnType.TIMESTAMP);
    }
    if (type == ColumnType.DATE) {
      widen(ColumnType.TIMESTAMP);
    }
    if (type == ColumnType.TIMESTAMP) {
      prims[row] = micros;
      refs[row] = text;
      mark(row);
    } else {
      setString(row, text);
    }
  }

  void setDate(int row, long epochDay, String text) {
    if (type == null) {
      become(ColumnType.DATE);
    }
    switch (type) {
      case DATE:
        prims[row] = epochDay;
        refs[row] = text;
        mark(row);
        break;
      case TIMESTAMP:
        prims[row] = epochDay * MICROS_PER_DAY;
        refs[row] = text;
        mark(row);
        break;
      default:
        setString(row, text);
    }
  }

  /** Stores a number's or boolean's text, widening to STRING unless the column is STRING or JSON already. */
  private void scalarAsText(int row, String text) {
    if (type != ColumnType.STRING && type != ColumnType.JSON) {
      widen(ColumnType.STRING);
    }
    putText(row, text);
    if (type == ColumnType.STRING) {
      markScalarText(row);
    }
  }

  private void storeDecimal(int row, BigDecimal v) {
    refs[row] = v;
    trackDecimal(v);
  }

  private void trackDecimal(BigDecimal v) {
    int scale = Math.max(0, v.scale());
    int intDigits = Math.max(0, v.precision() - v.scale());
    if (scale > decimalScale || intDigits > decimalIntDigits) {
      decimalScale = Math.max(scale, decimalScale);
      decimalIntDigits = Math.max(intDigits, decimalIntDigits);
      version++;
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

  /** Creates the storage of a column that has held nothing but nulls so far. */
  private void become(ColumnType t) {
    type = t;
    version++;
    boolean prim = t == ColumnType.LONG || t == ColumnType.DOUBLE || t == ColumnType.BOOLEAN
        || t == ColumnType.TIMESTAMP || t == ColumnType.DATE || isText(t);
    boolean ref = !(t == ColumnType.LONG || t == ColumnType.DOUBLE || t == ColumnType.BOOLEAN || isText(t));
    prims = prim ? new long[capacity] : null;
    refs = ref ? new Object[capacity] : null;
    utf8 = isText(t) ? new byte[Math.max(64, Math.min(capacity, 1 << 16) * 16)] : null;
    textUsed = 0;
  }

  /**
   * Widens the column to {@code target} (or further, when a value does not fit: LONG to DOUBLE becomes DECIMAL if an
   * integer exceeds 2^53), converting stored values.
   */
  private void widen(ColumnType target) {
    ColumnType from = type;
    if (strict) {
      throw new TableData.TypeConflictException(table, name, from, target);
    }
    version++;
    if (from == ColumnType.LONG && target == ColumnType.DOUBLE) {
      for (int i = 0; i < capacity; i++) {
        if (!isNull(i) && !exact(prims[i])) {
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
    if (from == ColumnType.DATE && target == ColumnType.TIMESTAMP) {
      for (int i = 0; i < capacity; i++) {
        if (!isNull(i)) {
          prims[i] *= MICROS_PER_DAY;
        }
      }
      type = ColumnType.TIMESTAMP;
      return;
    }
    Object[] out = new Object[capacity];
    boolean fromScalars = target == ColumnType.STRING && (from == ColumnType.LONG || from == ColumnType.DOUBLE
        || from == ColumnType.DECIMAL || from == ColumnType.BOOLEAN);
    for (int i = 0; i < capacity; i++) {
      if (!isNull(i)) {
        out[i] = convert(from, i, target);
        if (fromScalars) {
          markScalarText(i);
        }
      }
    }
    if (target == ColumnType.JSON) {
      scalarText = null;
    }
    if (isText(target)) {
      type = target;
      refs = null;
      prims = new long[capacity];
      utf8 = new byte[Math.max(64, Math.min(capacity, 1 << 16) * 16)];
      textUsed = 0;
      for (int i = 0; i < capacity; i++) {
        if (out[i] != null) {
          putText(i, (String) out[i]);
        }
      }
      return;
    }
    type = target;
    refs = out;
    prims = null;
    utf8 = null;
    textUsed = 0;
  }

  /** Whether a type's cells are text kept as UTF-8 bytes. */
  static boolean isText(ColumnType t) {
    return t == ColumnType.STRING || t == ColumnType.JSON;
  }

  private Object convert(ColumnType from, int i, ColumnType target) {
    switch (target) {
      case DECIMAL: {
        BigDecimal d = from == ColumnType.LONG ? BigDecimal.valueOf(prims[i])
            : from == ColumnType.DOUBLE ? exactDecimal(Double.longBitsToDouble(prims[i])) : (BigDecimal) refs[i];
        trackDecimal(d);
        return d;
      }
      case STRING:
        return text(from, i);
      case JSON: {
        boolean isText = (from == ColumnType.STRING && !isScalarText(i))
            || from == ColumnType.TIMESTAMP || from == ColumnType.DATE;
        return isText ? quote(text(from, i)) : text(from, i);
      }
      default:
        throw new IllegalStateException("cannot widen " + from + " to " + target);
    }
  }

  /** The value's text: numbers and booleans as they print in JSON, everything else as its stored text. */
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
        return plain((BigDecimal) refs[row]);
      case STRING:
      case JSON: {
        long sl = prims[row];
        return new String(utf8, (int) (sl >>> 32), (int) sl, StandardCharsets.UTF_8);
      }
      default:
        return (String) refs[row];
    }
  }

  /**
   * The decimal a double holds exactly as the shortest text that reads back to it (the input's value), without the
   * trailing zero {@link Double#toString} adds ({@code 1.0E-9}), so it does not widen a column's scale.
   */
  static BigDecimal exactDecimal(double v) {
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  /** Longest plain form written out digit by digit; beyond it (1e400 has 401 digits, fine; 1e99999999 is not) the
   *  scientific form keeps the text finite. */
  private static final int MAX_PLAIN_DIGITS = 1000;

  /** A decimal's text in plain form ({@code 0.0000001}, {@code 1500…0}), scientific only past 1,000 digits. */
  static String plain(BigDecimal d) {
    int digits = Math.abs(d.scale()) + d.precision();
    return digits <= MAX_PLAIN_DIGITS ? d.toPlainString() : d.toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.append('"').toString();
  }
}
