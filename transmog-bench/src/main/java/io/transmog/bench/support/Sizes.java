package io.transmog.bench.support;

import java.util.Locale;

/** Parses and prints sizes. Suffixes are decimal ({@code k}=10^3, {@code m}=10^6, {@code g}=10^9), like MB/s. */
public final class Sizes {
  private Sizes() {}

  /**
   * Parses {@code 1g}, {@code 200m}, {@code 200MB}, {@code 512k}, {@code 1GiB} (binary when {@code i} is given) or a
   * plain byte count.
   *
   * @param s the text
   * @return bytes
   */
  public static long parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    boolean binary = t.endsWith("i");
    if (binary) {
      t = t.substring(0, t.length() - 1);
    }
    long unit = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
      int power = "kmgt".indexOf(last) + 1;
      for (int i = 0; i < power; i++) {
        unit *= binary ? 1024 : 1000;
      }
      t = t.substring(0, t.length() - 1);
    }
    double v = Double.parseDouble(t.trim());
    return Math.round(v * unit);
  }

  /**
   * Formats bytes as decimal megabytes with one decimal.
   *
   * @param bytes bytes
   * @return e.g. {@code 1000.0}
   */
  public static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
  }
}
