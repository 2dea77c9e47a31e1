package io.transmog.core.internal.flatten;

import java.math.BigDecimal;

/** Decides, without allocating on the common path, whether a JSON number's text is held exactly by a type. */
final class Numbers {
  private static final int DOUBLE_SAFE_DIGITS = 15;

  private Numbers() {}

  /**
   * Tells whether {@code v}, parsed from the number text, holds that decimal value exactly when written back. Any
   * decimal of at most 15 significant digits within the normal double range does (IEEE 754, DBL_DIG = 15); longer ones
   * are compared exactly against the double's shortest text.
   */
  static boolean isExactDouble(double v, char[] buf, int off, int len) {
    if (!Double.isFinite(v)) {
      return false;
    }
    int digits = 0;
    int pendingZeros = 0;
    boolean leading = true;
    boolean nonZero = false;
    for (int i = off; i < off + len; i++) {
      char c = buf[i];
      if (c == 'e' || c == 'E') {
        break;
      }
      if (c >= '0' && c <= '9') {
        if (c == '0') {
          if (!leading) {
            pendingZeros++;
          }
        } else {
          leading = false;
          nonZero = true;
          digits += pendingZeros + 1;
          pendingZeros = 0;
        }
      }
    }
    if (!nonZero) {
      return true; // a zero, whatever its notation
    }
    if (v == 0.0) {
      return false; // underflow
    }
    if (digits <= DOUBLE_SAFE_DIGITS && Math.abs(v) >= Double.MIN_NORMAL) {
      return true;
    }
    return new BigDecimal(buf, off, len).compareTo(new BigDecimal(Double.toString(v))) == 0;
  }

  /** Tells whether integer text fits a long, without exceptions for the common short case. */
  static boolean fitsLong(String text) {
    int len = text.length() - (text.startsWith("-") ? 1 : 0);
    if (len < 19) {
      return true;
    }
    try {
      Long.parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
