package io.transmog.io.parquet.internal;

import org.apache.parquet.io.api.Binary;

/**
 * Encodes one text cell at a time to UTF-8 in a reusable buffer and hands it to Parquet as a <em>reused</em>
 * {@link Binary}: no byte array and, for values up to {@value #MAX_VIEW_LENGTH} bytes, no {@code Binary} object is
 * allocated per cell. Used by one thread; each result is valid until the next {@link #encode}.
 *
 * <p>Why this is safe: a {@code Binary} made with {@link Binary#fromReusedByteArray} tells Parquet that its bytes will
 * change, and Parquet copies whatever it keeps beyond the call (the dictionary's new entries and the statistics'
 * min/max, through {@link Binary#copy()}); plain encoding copies the bytes into the page at once. The previous code
 * allocated a {@code byte[]} ({@link String#getBytes}) and a {@code Binary} for every text cell, which was 60 % of
 * the writer's allocation.
 *
 * <p>Text must be valid Unicode: {@link #encode} reports an unpaired surrogate instead of writing {@code ?} for it as
 * {@link String#getBytes} would.
 */
final class Utf8Buffer {
  /** The longest value with a cached view; longer values get a new (small) {@code Binary} object each. */
  static final int MAX_VIEW_LENGTH = 512;

  private byte[] buf = new byte[4 * 1024];
  /** views[n] reads buf[0, n); rebuilt when buf is replaced by a larger array. */
  private Binary[] views = new Binary[MAX_VIEW_LENGTH + 1];
  private int length;

  /**
   * Encodes {@code s}.
   *
   * @param s the text
   * @return the index of an unpaired surrogate in {@code s}, or -1 if the text was encoded (see {@link #binary()})
   */
  int encode(String s) {
    int n = s.length();
    if (3L * n > buf.length) {
      // 3 bytes per char is the worst case (a surrogate pair is 4 bytes for 2 chars)
      buf = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(3L * n, 2L * buf.length))];
      views = new Binary[MAX_VIEW_LENGTH + 1];
    }
    byte[] b = buf;
    int p = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | c >> 6);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        b[p++] = (byte) (0xE0 | c >> 12);
        b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else {
        char low;
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(low = s.charAt(i + 1))) {
          return i;
        }
        int cp = Character.toCodePoint(c, low);
        b[p++] = (byte) (0xF0 | cp >> 18);
        b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | cp & 0x3F);
        i++;
      }
    }
    length = p;
    return -1;
  }

  /** @return a copy of the bytes of the last {@link #encode}, for a value that is kept */
  byte[] copy() {
    return java.util.Arrays.copyOf(buf, length);
  }

  /** @return the bytes of the last {@link #encode}, as a reused {@code Binary} over this buffer */
  Binary binary() {
    int n = length;
    if (n > MAX_VIEW_LENGTH) {
      return Binary.fromReusedByteArray(buf, 0, n);
    }
    Binary v = views[n];
    if (v == null) {
      v = Binary.fromReusedByteArray(buf, 0, n);
      views[n] = v;
    }
    return v;
  }
}
