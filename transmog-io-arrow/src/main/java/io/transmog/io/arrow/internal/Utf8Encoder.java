package io.transmog.io.arrow.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes strings as UTF-8 into a reused buffer, refusing text that is not valid Unicode (an unpaired surrogate), which
 * {@link String#getBytes(java.nio.charset.Charset)} would silently replace with {@code ?}. Arrow's {@code utf8} type
 * must hold valid UTF-8. Not thread-safe: one per writer.
 */
final class Utf8Encoder {
  /** Buffers up to this size are kept between calls; a longer string gets a buffer of its own. */
  private static final int KEPT_CAPACITY = 1 << 20;

  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private ByteBuffer kept = ByteBuffer.allocate(1024);
  private ByteBuffer last = kept;

  /**
   * Encodes a string; the bytes are then {@code bytes()[0 .. length)} until the next call.
   *
   * @param s the text
   * @return the number of bytes
   * @throws CharacterCodingException if the text holds an unpaired surrogate
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
    ByteBuffer out;
    if (max <= kept.capacity()) {
      out = kept;
    } else if (max <= KEPT_CAPACITY) {
      kept = ByteBuffer.allocate(Integer.highestOneBit((int) max) << 1);
      out = kept;
    } else {
      out = ByteBuffer.allocate((int) max);
    }
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

  /** @return the array holding the bytes of the last {@link #encode} */
  byte[] bytes() {
    return last.array();
  }
}
