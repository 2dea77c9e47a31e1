package io.transmog.spark.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import java.math.BigDecimal;
import java.util.List;

/**
 * The values of one column of one chunk, converted step by step to a wider type exactly as the core converts a column
 * when it widens ({@code io.transmog.core.internal.table.ColumnData#widen}: same texts, same decimals, same quoting).
 *
 * <p>Why steps and not one conversion: the core's result for a value depends on the types its column went through, not
 * only on the final type ({@code 1} in a column that went LONG, DOUBLE, STRING prints as {@code 1.0}; LONG, STRING
 * prints {@code 1}). A partition flattened on its own starts from an untyped column, while the whole-input run reached
 * that partition with the types of the partitions before it; walking the same sequence of types reproduces the
 * whole-input text (see {@link Layout#path}).
 *
 * <p>Mutable, one per column and chunk; not thread-safe. Costs one pass over the column per step.
 */
final class Cells {
  /** Integers of at most this magnitude are exact as doubles (the core's rule). */
  private static final long MAX_EXACT_DOUBLE_INT = 1L << 53;
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int MAX_PLAIN_DIGITS = 1000;

  final int rows;
  final boolean[] isNull;
  ColumnType type;
  /** LONG, BOOLEAN (0/1), DOUBLE (raw bits), TIMESTAMP (micros), DATE (epoch days). */
  long[] prims;
  /** STRING and JSON text, DECIMAL values, and the original text of TIMESTAMP and DATE values. */
  Object[] refs;
  /** In a STRING column: the cells whose text came from a number or boolean (left unquoted when widened to JSON). */
  boolean[] scalarText;

  private Cells(int rows, ColumnType type) {
    this.rows = rows;
    this.isNull = new boolean[rows];
    this.type = type;
  }

  /**
   * Reads rows {@code [from, from + rows)} of a column of a batch with the typed getters of its type.
   *
   * @param batch the batch
   * @param column the column index
   * @param from the first row
   * @param rows the number of rows
   * @return the cells
   */
  static Cells read(RowBatch batch, int column, int from, int rows) {
    ColumnType t = batch.schema().column(column).type();
    Cells c = new Cells(rows, t);
    switch (t) {
      case LONG:
      case BOOLEAN:
      case DOUBLE:
        c.prims = new long[rows];
        break;
      case TIMESTAMP:
      case DATE:
        c.prims = new long[rows];
        c.refs = new Object[rows];
        break;
      default:
        c.refs = new Object[rows];
    }
    for (int i = 0; i < rows; i++) {
      int r = from + i;
      if (batch.isNull(column, r)) {
        c.isNull[i] = true;
        continue;
      }
      switch (t) {
        case LONG:
          c.prims[i] = batch.getLong(column, r);
          break;
        case BOOLEAN:
          c.prims[i] = batch.getBoolean(column, r) ? 1 : 0;
          break;
        case DOUBLE:
          c.prims[i] = Double.doubleToRawLongBits(batch.getDouble(column, r));
          break;
        case DECIMAL:
          c.refs[i] = batch.getDecimal(column, r);
          break;
        case TIMESTAMP:
        case DATE:
          c.prims[i] = batch.getLong(column, r);
          c.refs[i] = batch.getString(column, r);
          break;
        default: // STRING, JSON
          c.refs[i] = batch.getString(column, r);
      }
    }
    return c;
  }

  /**
   * Converts the cells along a sequence of ever wider types, one core widening at a time.
   *
   * @param path the types after the current one, each at least as wide as the one before
   */
  void widenAlong(List<ColumnType> path) {
    for (ColumnType t : path) {
      if (t != type) {
        widen(t);
      }
    }
  }

  /** One widening, as {@code ColumnData.widen}: LONG to DOUBLE becomes DECIMAL when an integer exceeds 2^53. */
  void widen(ColumnType target) {
    ColumnType from = type;
    if (from == ColumnType.LONG && target == ColumnType.DOUBLE) {
      boolean exact = true;
      for (int i = 0; i < rows && exact; i++) {
        exact = isNull[i] || (prims[i] >= -MAX_EXACT_DOUBLE_INT && prims[i] <= MAX_EXACT_DOUBLE_INT);
      }
      if (exact) {
        for (int i = 0; i < rows; i++) {
          if (!isNull[i]) {
            prims[i] = Double.doubleToRawLongBits(prims[i]);
          }
        }
        type = ColumnType.DOUBLE;
        return;
      }
      target = ColumnType.DECIMAL;
    }
    if (from == ColumnType.DATE && target == ColumnType.TIMESTAMP) {
      for (int i = 0; i < rows; i++) {
        if (!isNull[i]) {
          prims[i] *= MICROS_PER_DAY;
        }
      }
      type = ColumnType.TIMESTAMP;
      return;
    }
    Object[] out = new Object[rows];
    boolean fromScalars = target == ColumnType.STRING && (from == ColumnType.LONG || from == ColumnType.DOUBLE
        || from == ColumnType.DECIMAL || from == ColumnType.BOOLEAN);
    boolean[] marks = fromScalars ? new boolean[rows] : null;
    for (int i = 0; i < rows; i++) {
      if (!isNull[i]) {
        out[i] = convert(from, i, target);
        if (fromScalars) {
          marks[i] = true;
        }
      }
    }
    if (target == ColumnType.STRING && fromScalars) {
      scalarText = marks;
    } else if (target == ColumnType.JSON) {
      scalarText = null;
    }
    type = target;
    refs = out;
    prims = null;
  }

  /**
   * Decimals that arrive in a column that is already non-numeric (BOOLEAN, DATE, TIMESTAMP, STRING, JSON): the core
   * stores them as text with {@code BigDecimal.toString()} ({@code ColumnData.setDecimal}: {@code 1E+400}), where
   * widening a DECIMAL column prints them in plain form ({@code 1000…0}). Every other type arrives as it widens.
   *
   * @param target STRING or JSON
   */
  void arriveAsText(ColumnType target) {
    if (type != ColumnType.DECIMAL) {
      widen(target);
      return;
    }
    boolean[] marks = target == ColumnType.STRING ? new boolean[rows] : null;
    for (int i = 0; i < rows; i++) {
      if (!isNull[i]) {
        refs[i] = refs[i].toString();
        if (marks != null) {
          marks[i] = true;
        }
      }
    }
    scalarText = marks;
    type = target;
  }

  private Object convert(ColumnType from, int i, ColumnType target) {
    switch (target) {
      case DECIMAL:
        if (from == ColumnType.LONG) {
          return BigDecimal.valueOf(prims[i]);
        }
        if (from == ColumnType.DOUBLE) {
          return exactDecimal(Double.longBitsToDouble(prims[i]));
        }
        if (from == ColumnType.DECIMAL) {
          return refs[i];
        }
        break;
      case STRING:
        return text(from, i);
      case JSON: {
        boolean isText = (from == ColumnType.STRING && (scalarText == null || !scalarText[i]))
            || from == ColumnType.TIMESTAMP || from == ColumnType.DATE;
        return isText ? quote(text(from, i)) : text(from, i);
      }
      default:
        break;
    }
    throw new IllegalStateException("cannot widen " + from + " to " + target);
  }

  private String text(ColumnType t, int i) {
    switch (t) {
      case LONG:
        return Long.toString(prims[i]);
      case DOUBLE:
        return Double.toString(Double.longBitsToDouble(prims[i]));
      case BOOLEAN:
        return prims[i] != 0 ? "true" : "false";
      case DECIMAL:
        return plain((BigDecimal) refs[i]);
      default:
        return (String) refs[i];
    }
  }

  /** The decimal a double holds exactly, as the core's {@code ColumnData.exactDecimal}. */
  static BigDecimal exactDecimal(double v) {
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  /** A decimal's text in plain form, scientific only past 1,000 digits, as the core's {@code ColumnData.plain}. */
  static String plain(BigDecimal d) {
    int digits = Math.abs(d.scale()) + d.precision();
    return digits <= MAX_PLAIN_DIGITS ? d.toPlainString() : d.toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.append('"').toString();
  }

  /** @return whether cell {@code i} is null */
  boolean nullAt(int i) {
    return isNull[i];
  }

  /** @return cell {@code i} of a DECIMAL, STRING or JSON column */
  Object refAt(int i) {
    return refs[i];
  }
}
