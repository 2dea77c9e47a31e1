package io.transmog.core.internal.ids;

/**
 * The 36-character text of a UUID ({@code 8-4-4-4-12} lowercase hex digits) written as ASCII bytes: the one format of
 * every generated row ID, random ({@link RandomIds}) or hashed ({@link Murmur3}). Two hex digits per table lookup.
 */
final class UuidText {
  /** The characters of a UUID's text. */
  static final int LENGTH = 36;

  /** The two lowercase hex digits of each byte value {@code b} at {@code 2b} and {@code 2b + 1}. */
  private static final byte[] HEX_PAIRS = new byte[512];

  static {
    byte[] hex = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int b = 0; b < 256; b++) {
      HEX_PAIRS[2 * b] = hex[b >>> 4];
      HEX_PAIRS[2 * b + 1] = hex[b & 0xF];
    }
  }

  private UuidText() {}

  /**
   * Writes the text of the UUID {@code (msb, lsb)} into {@code dst[0, 36)}.
   *
   * @param msb the most significant 64 bits
   * @param lsb the least significant 64 bits
   * @param dst at least 36 bytes
   */
  static void write(long msb, long lsb, byte[] dst) {
    hex(dst, msb >>> 32, 4, 0);
    dst[8] = '-';
    hex(dst, msb >>> 16, 2, 9);
    dst[13] = '-';
    hex(dst, msb, 2, 14);
    dst[18] = '-';
    hex(dst, lsb >>> 48, 2, 19);
    dst[23] = '-';
    hex(dst, lsb, 6, 24);
  }

  /** Writes the low {@code bytes} bytes of {@code v}, most significant first, as two hex digits each from {@code at}. */
  private static void hex(byte[] dst, long v, int bytes, int at) {
    for (int i = at + 2 * bytes - 2; i >= at; i -= 2) {
      int b = (int) (v & 0xFF) << 1;
      dst[i] = HEX_PAIRS[b];
      dst[i + 1] = HEX_PAIRS[b + 1];
      v >>>= 8;
    }
  }
}
