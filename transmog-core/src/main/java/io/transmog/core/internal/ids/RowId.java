package io.transmog.core.internal.ids;

import java.nio.charset.StandardCharsets;

/**
 * A row's ID while the row and its children are made. An ID made as ASCII (random, location and content IDs) is kept
 * as bytes, copied into the {@code _id} column of its row and the {@code _parent_id} column of its children without a
 * {@code String}; the {@code String} is made only when something asks for it (a natural key under it, a custom ID
 * function). Other IDs (natural keys, custom functions: the user's text) are kept as given.
 *
 * <p>Why: a {@code String} per row was 60 % of the engine's allocation per record. The engine keeps one instance per
 * nesting level and reuses it from row to row, so an instance is valid until the next ID is made at its level. Not
 * thread-safe.
 */
public final class RowId {
  private byte[] ascii = new byte[36];
  /** The ASCII length, or -1 when the ID is held as {@link #text} only. */
  private int length = -1;
  private String text;

  /** @return whether the ID is held as ASCII bytes ({@link #asciiBytes()}, {@link #asciiLength()}) */
  public boolean isAscii() {
    return length >= 0;
  }

  /** @return the ASCII bytes, valid up to {@link #asciiLength()} when {@link #isAscii()} */
  public byte[] asciiBytes() {
    return ascii;
  }

  /** @return the number of ASCII bytes, or -1 when the ID is not held as bytes */
  public int asciiLength() {
    return length;
  }

  /** @return the ID as text (made from the bytes on the first call after each change) */
  public String text() {
    if (text == null) {
      text = new String(ascii, 0, length, StandardCharsets.ISO_8859_1);
    }
    return text;
  }

  /**
   * Sets an ID of any text.
   *
   * @param id the ID
   */
  public void set(String id) {
    text = id;
    length = -1;
  }

  /** Returns the array to write an ASCII ID of {@code n} bytes into; the ID is then those bytes. */
  byte[] buffer(int n) {
    if (ascii.length < n) {
      ascii = new byte[n];
    }
    length = n;
    text = null;
    return ascii;
  }
}
