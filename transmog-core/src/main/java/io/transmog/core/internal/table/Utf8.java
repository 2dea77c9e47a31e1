package io.transmog.core.internal.table;

/**
 * UTF-8 encoding of text into a caller's array, without the charset machinery: the parser's characters go straight into
 * a column's byte storage. An unpaired surrogate is encoded as {@code ?}, as {@link String#getBytes} does, so that the
 * bytes and the {@code String} read back from them agree. The destination must have room for three bytes per
 * character (a pair of surrogates, two characters, takes four).
 *
 * <p>The loop is written twice, over a {@code char[]} (the parser's buffer, the hot path) and over a {@code String}
 * (IDs from custom functions, transform results): a {@code CharSequence} version would pay an interface call per
 * character, and copying a String's characters out first would be one more pass.
 */
final class Utf8 {
  private Utf8() {}

  /** Encodes {@code length} characters from {@code offset}; returns the index after the last byte written. */
  static int encode(char[] chars, int offset, int length, byte[] dst, int p) {
    int end = offset + length;
    int i = offset;
    // ASCII runs are the common case; the loop stays branch-light until the first other character
    while (i < end) {
      char c = chars[i];
      if (c >= 0x80) {
        break;
      }
      dst[p++] = (byte) c;
      i++;
    }
    while (i < end) {
      char c = chars[i++];
      if (c < 0x80) {
        dst[p++] = (byte) c;
      } else if (c < 0x800) {
        dst[p++] = (byte) (0xC0 | c >> 6);
        dst[p++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        dst[p++] = (byte) (0xE0 | c >> 12);
        dst[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        dst[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(chars[i])) {
        p = pair(c, chars[i++], dst, p);
      } else {
        dst[p++] = '?';
      }
    }
    return p;
  }

  /** Encodes a whole String; returns the index after the last byte written. */
  static int encode(String s, byte[] dst, int p) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      dst[p++] = (byte) c;
      i++;
    }
    while (i < n) {
      char c = s.charAt(i++);
      if (c < 0x80) {
        dst[p++] = (byte) c;
      } else if (c < 0x800) {
        dst[p++] = (byte) (0xC0 | c >> 6);
        dst[p++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        dst[p++] = (byte) (0xE0 | c >> 12);
        dst[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        dst[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(s.charAt(i))) {
        p = pair(c, s.charAt(i++), dst, p);
      } else {
        dst[p++] = '?';
      }
    }
    return p;
  }

  /** The number of bytes {@link #encode(String, byte[], int)} writes. */
  static int length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes++;
        } else if (!Character.isSurrogate(c)) {
          bytes += 2;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // four bytes for the two characters
          i++;
        }
        // a lone surrogate is one '?'
      }
    }
    return bytes;
  }

  private static int pair(char high, char low, byte[] dst, int p) {
    int cp = Character.toCodePoint(high, low);
    dst[p] = (byte) (0xF0 | cp >> 18);
    dst[p + 1] = (byte) (0x80 | cp >> 12 & 0x3F);
    dst[p + 2] = (byte) (0x80 | cp >> 6 & 0x3F);
    dst[p + 3] = (byte) (0x80 | cp & 0x3F);
    return p + 4;
  }
}
