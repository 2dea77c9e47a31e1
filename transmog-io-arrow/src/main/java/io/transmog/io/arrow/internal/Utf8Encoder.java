package io.transmog.io.arrow.internal;

import io.transmog.api.table.RowBatch;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Holds one text value at a time as UTF-8 in a reused buffer: copied from a batch that has it as UTF-8
 * ({@link #read}, no {@code String}), or encoded from a string ({@link #encode}). Either way an unpaired surrogate is
 * {@code ?}, as {@link String#getBytes(java.nio.charset.Charset)} and {@link RowBatch#getUtf8} write it, so the bytes
 * are valid UTF-8, which Arrow's {@code utf8} type requires. Not thread-safe: one per writer.
 */
final class Utf8Encoder {
  /** Buffers up to this size are kept between calls; a longer value gets a buffer of its own. */
  private static final int KEPT_CAPACITY = 1 << 20;

  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer kept = ByteBuffer.allocate(1024);
  private ByteBuffer last = kept;

  /**
   * Copies a cell's text as the batch holds it, UTF-8 ({@link RowBatch#getUtf8}); the bytes are then
   * {@code bytes()[0 .. length)} until the next call.
   *
   * @param batch the batch
   * @param column the column index
   * @param row the row index
   * @return the number of bytes, or -1 if the batch has no text for the cell (a null)
   */
  int read(RowBatch batch, int column, int row) {
    int n = batch.getUtf8Length(column, row);
    if (n < 0) {
      return -1;
    }
    last = room(n);
    return batch.getUtf8(column, row, last.array(), 0);
  }

  /**
   * Encodes a string, an unpaired surrogate as {@code ?}; the bytes are then {@code bytes()[0 .. length)} until the
   * next call.
   *
   * @param s the text
   * @return the number of bytes
   * @throws CharacterCodingException if the text is too long for one Arrow value
   */
  int encode(String s) throws CharacterCodingException {
    // UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair, 2 units, becomes 4 bytes)
    long max = 3L * s.length();
    if (max > Integer.MAX_VALUE - 16) {
      throw new CharacterCodingException() {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
          return "a text of " + s.length() + " characters is too long for one Arrow value";
        }
      };
    }
    ByteBuffer out = room((int) max);
    out.clear();
    encoder.reset();
    CoderResult result = encoder.encode(CharBuffer.wrap(s), out, true);
    if (result.isError()) {
      result.throwException();
    }
    result = encoder.flush(out);
    if (result.isError()) {
      result.throwException();
    }
    last = out;
    return out.position();
  }

  /** A buffer of at least {@code n} bytes: the kept one, grown up to {@link #KEPT_CAPACITY}, or one of its own. */
  private ByteBuffer room(int n) {
    if (n <= kept.capacity()) {
      return kept;
    }
    if (n <= KEPT_CAPACITY) {
      kept = ByteBuffer.allocate(Integer.highestOneBit(n) << 1);
      return kept;
    }
    return ByteBuffer.allocate(n);
  }

  /** @return the array holding the bytes of the last {@link #read} or {@link #encode} */
  byte[] bytes() {
    return last.array();
  }
}
