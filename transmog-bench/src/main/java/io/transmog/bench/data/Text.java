package io.transmog.bench.data;

/**
 * A reusable char buffer for composing values (timestamps, prices, e-mails) without intermediate strings. Not
 * thread-safe.
 */
final class Text {
  final char[] buf = new char[256];
  int len;

  Text clear() {
    len = 0;
    return this;
  }

  Text append(char c) {
    buf[len++] = c;
    return this;
  }

  Text append(String s) {
    s.getChars(0, s.length(), buf, len);
    len += s.length();
    return this;
  }

  /** Appends a non-negative number, left-padded with zeros to {@code width} digits. */
  Text digits(long v, int width) {
    int n = 1;
    for (long x = v; x >= 10; x /= 10) {
      n++;
    }
    for (int i = n; i < width; i++) {
      buf[len++] = '0';
    }
    int end = len + n;
    for (int i = end - 1; i >= len; i--) {
      buf[i] = (char) ('0' + (v % 10));
      v /= 10;
    }
    len = end;
    return this;
  }

  /** Appends a non-negative number. */
  Text number(long v) {
    return digits(v, 1);
  }

  /** Appends an amount in cents as {@code units.cc}. */
  Text cents(long cents) {
    number(cents / 100);
    buf[len++] = '.';
    return digits(cents % 100, 2);
  }

  /** Appends an ISO-8601 UTC instant {@code yyyy-MM-ddTHH:mm:ssZ} for epoch seconds (proleptic Gregorian). */
  Text isoInstant(long epochSecond) {
    long days = Math.floorDiv(epochSecond, 86_400);
    long secs = Math.floorMod(epochSecond, 86_400);
    // civil_from_days (H. Hinnant)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) {
      y++;
    }
    digits(y, 4).append('-').digits(m, 2).append('-').digits(d, 2).append('T');
    digits(secs / 3600, 2).append(':').digits(secs / 60 % 60, 2).append(':').digits(secs % 60, 2);
    return append('Z');
  }
}
