package io.transmog.io.csv.internal;

import io.transmog.api.table.RowBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * The byte level of the CSV writer: cells are encoded as UTF-8 straight into one reusable byte buffer, which goes to the
 * file in large blocks. Not thread-safe; one instance per open file.
 *
 * <p>Why not a {@code Writer}: a {@code BufferedWriter} copies every cell into its {@code char[]}, the charset encoder
 * then runs a second loop over it (and its ASCII fast path ends for the rest of the buffer at the first non-ASCII
 * character), and deciding whether a cell needs quotes was a third loop. Here a text cell that the batch holds as UTF-8
 * is copied into the buffer and then scanned for the bytes that force quotes ({@link #utf8Text}); text given as a
 * {@code String} is encoded and scanned in one loop ({@link #text}); numbers are written as digits without an
 * intermediate {@code String}.
 *
 * <p>The bytes are exactly what the earlier Commons CSV based writer produced: quoting follows Commons CSV's
 * {@code QuoteMode.MINIMAL} for RFC 4180 (see {@link #text}), longs are {@link Long#toString(long)}, doubles
 * {@link Double#toString(double)} (see {@link #doubleValue}). An unpaired surrogate in text is written as {@code ?},
 * as {@link String#getBytes(java.nio.charset.Charset)} and {@link RowBatch#getUtf8} write it; only a delimiter that is
 * an unpaired surrogate, which has no UTF-8 form at all, fails (with a {@link MalformedInputException}).
 */
final class CsvOutput {
  /** Bytes buffered before a write to the file: large enough that system calls are rare even for narrow rows. */
  static final int BUFFER_BYTES = 128 * 1024;

  /**
   * Doubles whose shortest decimal form has at most this many fraction digits are formatted without
   * {@code Double.toString}; see {@link #doubleValue}.
   */
  static final int FAST_FRACTION_DIGITS = 4;

  private static final double FAST_SCALE = 1e4; // 10^FAST_FRACTION_DIGITS
  private static final long[] POWERS_OF_TEN = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
    10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
    1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
  };
  /** "00" to "99": the two ASCII digits of {@code n < 100} at {@code 2n} and {@code 2n + 1}. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int n = 0; n < 100; n++) {
      DIGIT_PAIRS[2 * n] = (byte) ('0' + n / 10);
      DIGIT_PAIRS[2 * n + 1] = (byte) ('0' + n % 10);
    }
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
  /** Room for any long (20 bytes), any double text (at most 25) and a delimiter, so one capacity check suffices. */
  private static final int NUMBER_ROOM = 32;

  private final OutputStream out;
  private final byte[] buf;
  private int pos;
  private final char delimiter;
  private final byte[] delimiterBytes;
  private final byte[] recordSeparator;
  /**
   * ASCII characters (and, by the same index, UTF-8 bytes) that force quotes anywhere in a value: the quote, CR, LF
   * and an ASCII delimiter (Commons CSV MINIMAL). 256 entries so that a byte indexes it unsigned; those from 0x80 are
   * false, as the bytes of multi-byte characters never force quotes. A table lookup keeps the per-character test to
   * one load and one branch.
   */
  private final boolean[] special = new boolean[256];

  /**
   * Creates the output.
   *
   * @param out where full blocks go; not closed by this class
   * @param delimiter the field separator (never the quote, CR or LF; checked by {@code CsvOptions})
   * @param recordSeparator the characters ending a record
   * @param bufferBytes the buffer size, at least 64
   */
  CsvOutput(OutputStream out, char delimiter, String recordSeparator, int bufferBytes) {
    this.out = out;
    this.buf = new byte[Math.max(64, bufferBytes)];
    this.delimiter = delimiter;
    // A lone surrogate has no UTF-8 form: such a delimiter fails when it is first written, as before (see delimiter()).
    this.delimiterBytes = Character.isSurrogate(delimiter)
        ? null : String.valueOf(delimiter).getBytes(StandardCharsets.UTF_8);
    this.recordSeparator = recordSeparator.getBytes(StandardCharsets.US_ASCII);
    special['"'] = true;
    special['\r'] = true;
    special['\n'] = true;
    if (delimiter < 0x80) {
      special[delimiter] = true;
    }
  }

  /**
   * Tells whether {@link #utf8Text} may be used: only with an ASCII delimiter, whose byte can be searched for alone
   * (any other delimiter's cells go through {@link #text}).
   *
   * @return whether text cells may be copied as UTF-8 bytes
   */
  boolean copiesUtf8() {
    return delimiter < 0x80;
  }

  /**
   * The leading characters OWASP lists as starting a formula in common spreadsheet programs: {@code = + - @}, tab and
   * CR. All are ASCII, so the first UTF-8 byte of a text tells as well as its first character.
   *
   * @param first the first character (or the first byte, unsigned) of a text
   * @return whether the formula guard prefixes the text
   */
  static boolean looksLikeFormula(int first) {
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  }

  /** @return the bytes buffered and not yet handed to the stream */
  int buffered() {
    return pos;
  }

  /** Hands the buffered bytes to the stream. */
  void flush() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }

  /** Writes the field separator. */
  void delimiter() throws IOException {
    byte[] d = delimiterBytes;
    if (d == null) {
      throw new MalformedInputException(1);
    }
    if (buf.length - pos < d.length) {
      flush();
    }
    for (byte x : d) {
      buf[pos++] = x;
    }
  }

  /** Ends a record. */
  void recordEnd() throws IOException {
    bytes(recordSeparator);
  }

  /** Writes the UTF-8 byte order mark. */
  void byteOrderMark() throws IOException {
    bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
  }

  /** Writes {@code ""}, the empty string (distinct from null, an empty field). */
  void quotedEmpty() throws IOException {
    if (buf.length - pos < 2) {
      flush();
    }
    buf[pos++] = '"';
    buf[pos++] = '"';
  }

  /** Writes {@code true} or {@code false}. */
  void booleanValue(boolean v) throws IOException {
    bytes(v ? TRUE : FALSE);
  }

  private void bytes(byte[] b) throws IOException {
    if (buf.length - pos < b.length) {
      flush();
    }
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /** Writes a long exactly as {@link Long#toString(long)} does, digit by digit into the buffer. */
  void longValue(long v) throws IOException {
    if (buf.length - pos < NUMBER_ROOM) {
      flush();
    }
    if (v == Long.MIN_VALUE) {
      // the one value whose magnitude does not fit a long
      System.arraycopy(LONG_MIN, 0, buf, pos, LONG_MIN.length);
      pos += LONG_MIN.length;
      return;
    }
    int p = pos;
    if (v < 0) {
      buf[p++] = '-';
      v = -v;
    }
    pos = digits(buf, p, v);
  }

  /**
   * Writes a double exactly as {@link Double#toString(double)} does.
   *
   * <p>Fast path, without {@code Double.toString} and without allocating: zero, and every value from 10<sup>-3</sup>
   * (inclusive) to 10<sup>7</sup> (exclusive) in magnitude, the range {@code Double.toString} writes without an
   * exponent, whose shortest decimal form has at most {@value #FAST_FRACTION_DIGITS} fraction digits (prices, weights,
   * percentages). Such a value {@code a} is found by {@code m = rint(a * 10^4)} and the check {@code m / 10^4 == a}:
   * {@code m} and {@code 10^4} are exact doubles, so the division is correctly rounded and equals {@code a} exactly
   * when the decimal {@code m / 10^4} reads back as {@code a}. Decimals with fewer fraction digits that read back as
   * {@code a} are the same number with trailing zeros stripped (two distinct decimals 10<sup>-4</sup> apart cannot
   * both round to one double below 10<sup>7</sup>, whose spacing is under 2·10<sup>-9</sup>), so stripping the
   * zeros of {@code m} gives the shortest form, which is what {@code Double.toString} prints: one digit after the
   * point at least, and no more than needed to tell the value from its neighbours. Every other value (and any value
   * where the product rounds unluckily, which only makes the check fail) goes through {@code Double.toString}.
   * {@code CsvOutputTest} compares both over hundreds of millions of values.
   */
  void doubleValue(double d) throws IOException {
    if (buf.length - pos < NUMBER_ROOM) {
      flush();
    }
    if (d == 0) {
      int p = pos;
      if (Double.doubleToRawLongBits(d) < 0) {
        buf[p++] = '-';
      }
      buf[p++] = '0';
      buf[p++] = '.';
      buf[p++] = '0';
      pos = p;
      return;
    }
    double a = Math.abs(d);
    if (a >= 1e-3 && a < 1e7) {
      double r = Math.rint(a * FAST_SCALE);
      if (r / FAST_SCALE == a) {
        long m = (long) r;
        int k = FAST_FRACTION_DIGITS;
        while (k > 0 && m % 10 == 0) {
          m /= 10;
          k--;
        }
        int p = pos;
        if (d < 0) {
          buf[p++] = '-';
        }
        long scale = POWERS_OF_TEN[k];
        p = digits(buf, p, m / scale);
        buf[p++] = '.';
        if (k == 0) {
          buf[p++] = '0';
        } else {
          int f = (int) (m % scale); // below 10^4
          // k fraction digits, leading zeros included (0.05 has m = 5, k = 2)
          for (int i = p + k - 1; i >= p; i--) {
            int next = f / 10;
            buf[i] = (byte) ('0' + f - next * 10);
            f = next;
          }
          p += k;
        }
        pos = p;
        return;
      }
    }
    String s = Double.toString(d);
    for (int i = 0, n = s.length(); i < n; i++) {
      buf[pos++] = (byte) s.charAt(i); // Double.toString is ASCII and at most 25 characters
    }
  }

  /**
   * Writes the non-negative {@code v} in decimal at {@code p}; returns the position after the last digit.
   *
   * <p>Why not one digit per long division: IDs, quantities and prices are most of a table's numbers, and a digit at a
   * time (with a 64-bit division each) was the writer's largest cost. Values below 10<sup>8</sup> go two digits per
   * 32-bit division through {@link #DIGIT_PAIRS}; larger ones are cut into 8-digit groups first.
   */
  private static int digits(byte[] b, int p, long v) {
    if (v < 100_000_000L) {
      return smallDigits(b, p, (int) v);
    }
    long high = v / 100_000_000L;
    int low = (int) (v - high * 100_000_000L);
    int q = digits(b, p, high); // at most twice more: a long has at most 19 digits
    eightDigits(b, q, low);
    return q + 8;
  }

  /** {@link #digits} for {@code 0 <= v < 10^8}. */
  private static int smallDigits(byte[] b, int p, int v) {
    int n = v < 10_000
        ? v < 100 ? v < 10 ? 1 : 2 : v < 1_000 ? 3 : 4
        : v < 1_000_000 ? v < 100_000 ? 5 : 6 : v < 10_000_000 ? 7 : 8;
    int q = p + n;
    while (v >= 100) {
      int next = v / 100;
      int pair = (v - next * 100) << 1;
      b[--q] = DIGIT_PAIRS[pair + 1];
      b[--q] = DIGIT_PAIRS[pair];
      v = next;
    }
    if (v >= 10) {
      int pair = v << 1;
      b[--q] = DIGIT_PAIRS[pair + 1];
      b[--q] = DIGIT_PAIRS[pair];
    } else {
      b[--q] = (byte) ('0' + v);
    }
    return p + n;
  }

  /** Writes {@code 0 <= v < 10^8} as exactly eight digits, leading zeros included. */
  private static void eightDigits(byte[] b, int p, int v) {
    for (int q = p + 8; q > p; ) {
      int next = v / 100;
      int pair = (v - next * 100) << 1;
      b[--q] = DIGIT_PAIRS[pair + 1];
      b[--q] = DIGIT_PAIRS[pair];
      v = next;
    }
  }

  /**
   * Writes text that never needs quotes, such as a decimal's plain form: no quoting rule is applied (numbers are data,
   * never formulas, and hold no delimiter, quote or line break), only UTF-8 encoding.
   */
  void plain(String s) throws IOException {
    int n = s.length();
    int start = 0;
    while (start < n) {
      int room = (buf.length - pos) / 3;
      if (room < 2) {
        flush();
        continue;
      }
      int end = Math.min(n, start + room - 1); // -1: a surrogate pair may end the chunk
      int p = pos;
      byte[] b = buf;
      int i = start;
      for (; i < end; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          b[p++] = (byte) c;
        } else {
          int q = nonAscii(s, i, c, b, p);
          if (q - p == 4) {
            i++; // the low surrogate of the pair just written
          }
          p = q;
        }
      }
      pos = p;
      start = i;
    }
  }

  /**
   * Writes a {@code STRING} or {@code JSON} cell from the batch's UTF-8 bytes ({@link RowBatch#getUtf8}), with the
   * quoting and formula guard of {@link #text}: the same bytes {@code text(batch.getString(column, row), ...)} writes.
   * Only with {@link #copiesUtf8()}.
   *
   * <p>Costs: no allocation, one copy of the cell into the buffer and one table lookup per byte to find the bytes that
   * force quotes; a cell that needs quotes (rare for IDs, timestamps and most names) is then rewritten in place. A
   * cell whose worst case (every byte a quote) does not fit the buffer goes through an array of its own
   * ({@link #largeUtf8Text}).
   *
   * @param batch the batch
   * @param column the column index
   * @param row the row index, a cell that is not null
   * @param formulaGuard whether the guard is on; it applies when the text starts like a formula
   */
  void utf8Text(RowBatch batch, int column, int row, boolean formulaGuard) throws IOException {
    int n = batch.getUtf8Length(column, row);
    if (n <= 0) {
      if (n == 0) {
        quotedEmpty(); // "" keeps the empty string apart from null
      }
      return; // -1: the batch holds no text after all, and null is an empty field
    }
    // worst case: every byte a quote, doubled, plus the two enclosing quotes and the guard
    long worst = 2L * n + 3;
    if (worst > buf.length - pos) {
      flush();
      if (worst > buf.length) {
        largeUtf8Text(batch, column, row, n, formulaGuard);
        return;
      }
    }
    byte[] b = buf;
    int start = pos;
    n = batch.getUtf8(column, row, b, start);
    int first = b[start] & 0xFF;
    boolean guard = formulaGuard && looksLikeFormula(first);
    // Commons CSV MINIMAL: a first character up to '#' (not with the guard, whose ' comes first), a last one up to
    // ' ', or a quote, CR, LF or delimiter anywhere. Bytes of multi-byte characters are >= 0x80 and never match.
    boolean quote = !guard && first <= '#' || (b[start + n - 1] & 0xFF) <= ' ' || hasSpecial(b, start, n);
    if (quote || guard) {
      pos = rewrite(b, start, n, guard, quote);
    } else {
      pos = start + n;
    }
  }

  /**
   * Tells whether {@code b[from, from + n)} holds a quote, CR, LF or the (ASCII) delimiter: one table lookup per byte.
   *
   * <p>Why not 8 bytes at a time: a SWAR scan (a {@code long} read through a byte-array view {@code VarHandle}, and
   * the has-zero-byte test of {@code word ^ (c * 0x0101010101010101L)} for each of the four bytes) measured slower
   * than this loop on JDK 17 with JMH: 14 against 10 ns a cell for UUIDs, timestamps and SKUs, 10 against 6 ns for
   * short names, 42 against 33 ns for 130-byte text. The four tests cost about 20 operations per 8 bytes, while C2
   * unrolls this loop and the lookups of successive bytes run in parallel.
   */
  private boolean hasSpecial(byte[] b, int from, int n) {
    boolean[] sp = special;
    for (int i = from, end = from + n; i < end; i++) {
      if (sp[b[i] & 0xFF]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Rewrites the text at {@code b[start, start + n)} in place as {@code ["]['](text, quotes doubled when quoted)["]},
   * from its end backwards, so every byte moves right and none is overwritten before it is read; the caller made room
   * for the worst case.
   *
   * @return the position after the cell
   */
  private static int rewrite(byte[] b, int start, int n, boolean guard, boolean quote) {
    int quotes = 0;
    if (quote) {
      for (int i = start; i < start + n; i++) {
        if (b[i] == '"') {
          quotes++;
        }
      }
    }
    int lead = (quote ? 1 : 0) + (guard ? 1 : 0);
    int end = start + lead + n + quotes + (quote ? 1 : 0);
    int j = end;
    if (quote) {
      b[--j] = '"';
    }
    if (quotes == 0) {
      System.arraycopy(b, start, b, start + lead, n);
    } else {
      for (int i = start + n - 1; i >= start; i--) {
        byte x = b[i];
        b[--j] = x;
        if (x == '"') {
          b[--j] = '"';
        }
      }
    }
    j = start;
    if (quote) {
      b[j++] = '"';
    }
    if (guard) {
      b[j] = '\'';
    }
    return end;
  }

  /**
   * {@link #utf8Text} for a cell whose worst case does not fit the buffer: its bytes go into an array of their own,
   * which decides the quoting before anything is written (what was written before a flush cannot be rewritten), then
   * they are copied into the buffer a block at a time.
   */
  private void largeUtf8Text(RowBatch batch, int column, int row, int length, boolean formulaGuard)
      throws IOException {
    byte[] s = new byte[length];
    int n = batch.getUtf8(column, row, s, 0);
    int first = s[0] & 0xFF;
    boolean guard = formulaGuard && looksLikeFormula(first);
    boolean quote = !guard && first <= '#' || (s[n - 1] & 0xFF) <= ' ' || hasSpecial(s, 0, n);
    if (buf.length - pos < 2) {
      flush();
    }
    if (quote) {
      buf[pos++] = '"';
    }
    if (guard) {
      buf[pos++] = '\'';
    }
    int i = 0;
    while (i < n) {
      if (buf.length - pos < 2) {
        flush();
      }
      if (!quote) {
        int k = Math.min(n - i, buf.length - pos);
        System.arraycopy(s, i, buf, pos, k);
        pos += k;
        i += k;
        continue;
      }
      byte x = s[i++];
      buf[pos++] = x;
      if (x == '"') {
        buf[pos++] = '"';
      }
    }
    if (quote) {
      if (buf.length - pos < 1) {
        flush();
      }
      buf[pos++] = '"';
    }
  }

  /**
   * Writes a text cell, quoted exactly when Commons CSV's {@code QuoteMode.MINIMAL} for RFC 4180 would quote it: when
   * the first character is {@code #} or below (control characters, space, {@code !}, {@code "}), when any character
   * is the quote, CR, LF or the delimiter, or when the last character is a space or below. A quoted value has every
   * quote doubled. With {@code guard}, the value is written as {@code '} followed by the text (the formula guard),
   * and the rules apply to that.
   *
   * <p>One pass in the common case: the characters are encoded while they are scanned; if one of them forces quotes,
   * the cell is rewritten from its start, quoted (rare, and never for IDs, numbers or most names).
   *
   * @param s the text, not empty
   * @param guard whether to prefix {@code '}
   */
  void text(String s, boolean guard) throws IOException {
    int n = s.length();
    // worst case: 3 bytes per char (a doubled quote takes 2, a surrogate pair 4 for its 2 chars), quotes and guard
    long worst = 3L * n + 3;
    if (worst > buf.length - pos) {
      flush();
      if (worst > buf.length) {
        largeText(s, guard);
        return;
      }
    }
    byte[] b = buf;
    int start = pos;
    int p = start;
    boolean quote;
    if (guard) {
      b[p++] = '\'';
      quote = false; // the first character is now ' (above #)
    } else {
      quote = s.charAt(0) <= '#';
    }
    if (!quote) {
      boolean[] sp = special;
      char delim = delimiter;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          if (sp[c]) {
            quote = true;
            break;
          }
          b[p++] = (byte) c;
        } else if (c == delim) {
          quote = true;
          break;
        } else {
          int q = nonAscii(s, i, c, b, p);
          if (q - p == 4) {
            i++; // the low surrogate of the pair just written
          }
          p = q;
        }
      }
      if (!quote && s.charAt(n - 1) <= ' ') {
        quote = true;
      }
      if (!quote) {
        pos = p;
        return;
      }
    }
    p = start;
    b[p++] = '"';
    if (guard) {
      b[p++] = '\'';
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
        if (c == '"') {
          b[p++] = '"';
        }
      } else {
        int q = nonAscii(s, i, c, b, p);
        if (q - p == 4) {
          i++;
        }
        p = q;
      }
    }
    b[p++] = '"';
    pos = p;
  }

  /**
   * {@link #text} for a cell larger than the buffer: the quoting is decided by a scan first, since what was written
   * before a flush cannot be rewritten, then the cell is encoded with a capacity check per character.
   */
  private void largeText(String s, boolean guard) throws IOException {
    int n = s.length();
    boolean quote = !guard && s.charAt(0) <= '#' || s.charAt(n - 1) <= ' ';
    for (int i = 0; i < n && !quote; i++) {
      char c = s.charAt(i);
      quote = c < 0x80 ? special[c] : c == delimiter;
    }
    if (buf.length - pos < 8) {
      flush();
    }
    if (quote) {
      buf[pos++] = '"';
    }
    if (guard) {
      buf[pos++] = '\'';
    }
    for (int i = 0; i < n; i++) {
      if (buf.length - pos < 8) {
        flush();
      }
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[pos++] = (byte) c;
        if (quote && c == '"') {
          buf[pos++] = '"';
        }
      } else {
        int q = nonAscii(s, i, c, buf, pos);
        if (q - pos == 4) {
          i++;
        }
        pos = q;
      }
    }
    if (quote) {
      if (buf.length - pos < 1) {
        flush();
      }
      buf[pos++] = '"';
    }
  }

  /**
   * Encodes the non-ASCII character {@code c} at index {@code i} of {@code s}, with its low surrogate if it is the high
   * half of a pair, and returns the position after it: 4 bytes were written exactly when a pair was (the caller then
   * skips the low surrogate). An unpaired surrogate is written as {@code ?}, as {@link String#getBytes} writes it.
   */
  private static int nonAscii(String s, int i, char c, byte[] b, int p) {
    if (c < 0x800) {
      b[p] = (byte) (0xC0 | c >> 6);
      b[p + 1] = (byte) (0x80 | c & 0x3F);
      return p + 2;
    }
    if (!Character.isSurrogate(c)) {
      b[p] = (byte) (0xE0 | c >> 12);
      b[p + 1] = (byte) (0x80 | c >> 6 & 0x3F);
      b[p + 2] = (byte) (0x80 | c & 0x3F);
      return p + 3;
    }
    char low;
    if (!Character.isHighSurrogate(c) || i + 1 >= s.length() || !Character.isLowSurrogate(low = s.charAt(i + 1))) {
      b[p] = '?';
      return p + 1;
    }
    int cp = Character.toCodePoint(c, low);
    b[p] = (byte) (0xF0 | cp >> 18);
    b[p + 1] = (byte) (0x80 | cp >> 12 & 0x3F);
    b[p + 2] = (byte) (0x80 | cp >> 6 & 0x3F);
    b[p + 3] = (byte) (0x80 | cp & 0x3F);
    return p + 4;
  }

}
