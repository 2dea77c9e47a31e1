package io.transmog.spark.internal;

/**
 * Integer digits and scale of numbers as the exact decimals the core would turn them into when their column widens to
 * {@code DECIMAL} ({@code BigDecimal.valueOf(long)}, {@code ColumnData.exactDecimal(double)}), without building a
 * {@code BigDecimal}: the inference pass runs this on every number of every partition. Stateless.
 */
final class Digits {
  private Digits() {}

  /** @return the integer digits of {@code BigDecimal.valueOf(v)} (1 for 0) */
  static int ofLong(long v) {
    if (v == Long.MIN_VALUE) {
      return 19;
    }
    long a = Math.abs(v);
    int n = 1;
    while (a >= 10) {
      a /= 10;
      n++;
    }
    return n;
  }

  /**
   * Returns the integer digits (high 32 bits) and the scale (low 32 bits) of
   * {@code new BigDecimal(Double.toString(v)).stripTrailingZeros()}, negative scales set to 0.
   *
   * @param v a finite double
   * @return {@code intDigits << 32 | scale}
   */
  static long ofDouble(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (long) ofLong((long) v) << 32; // an integral double prints as "123.0": no fraction digits
    }
    String s = Double.toString(v);
    int start = s.charAt(0) == '-' ? 1 : 0;
    int e = s.indexOf('E');
    int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
    String mantissa = e < 0 ? s.substring(start) : s.substring(start, e);
    int dot = mantissa.indexOf('.');
    String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
    String fracPart = dot < 0 ? "" : mantissa.substring(dot + 1);
    String all = intPart + fracPart;
    int lead = 0;
    while (lead < all.length() && all.charAt(lead) == '0') {
      lead++;
    }
    if (lead == all.length()) {
      return 1L << 32; // zero: precision 1, scale 0
    }
    int trail = 0;
    while (all.charAt(all.length() - 1 - trail) == '0') {
      trail++;
    }
    int precision = all.length() - lead - trail;
    int scale = fracPart.length() - exp - trail;
    if (scale < 0) {
      precision -= scale; // setScale(0) appends the zeros back
      scale = 0;
    }
    int intDigits = Math.max(0, precision - scale);
    return ((long) intDigits << 32) | scale;
  }
}
