package io.transmog.core.internal.flatten;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Recognises ISO-8601 dates and offset date-times in strings, for {@code inferTimestamps}. A cheap shape check on
 * fixed positions rejects ordinary strings before any parser runs (no regex, no exception on the common path).
 */
final class Temporals {
  /** Returned when the text is not a date. */
  static final long NONE = Long.MIN_VALUE;

  private Temporals() {}

  /** @return days since the epoch for {@code yyyy-MM-dd}, or {@link #NONE} */
  static long date(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-' || !digits(s, 0, 4) || !digits(s, 5, 7)
        || !digits(s, 8, 10)) {
      return NONE;
    }
    try {
      return LocalDate.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10)).toEpochDay();
    } catch (DateTimeException e) {
      return NONE; // 2023-02-30 and the like are strings, not dates
    }
  }

  /**
   * @return microseconds since the epoch for an offset date-time ({@code 2024-05-01T10:00:00Z},
   *     {@code 2024-05-01 10:00:00.123+02:00}), or {@link #NONE} when not one, lacking an offset, or finer than a
   *     microsecond
   */
  static long timestamp(String s) {
    int n = s.length();
    if (n < 20 || n > 40 || s.charAt(4) != '-' || s.charAt(7) != '-' || !digits(s, 0, 4)
        || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':') {
      return NONE;
    }
    char last = s.charAt(n - 1);
    boolean zulu = last == 'Z' || last == 'z';
    boolean offset = !zulu && n >= 25 && (s.charAt(n - 6) == '+' || s.charAt(n - 6) == '-') && s.charAt(n - 3) == ':';
    if (!zulu && !offset) {
      return NONE;
    }
    try {
      String iso = s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
      Instant i = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      if (i.getNano() % 1000 != 0) {
        return NONE; // nanoseconds would be rounded away
      }
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    } catch (DateTimeException | ArithmeticException e) {
      return NONE;
    }
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }
}
