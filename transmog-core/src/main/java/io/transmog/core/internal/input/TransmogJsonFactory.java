package io.transmog.core.internal.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Jackson's factory, except that byte input in plain UTF-8 is parsed by a {@link RawTextParser}, which can hand the
 * engine a string's bytes as they are. Everything else (UTF-16 or UTF-32 input, a byte order mark, fewer than four
 * bytes, character input) goes to Jackson's own bootstrapping, unchanged.
 *
 * <p>"Plain UTF-8" is decided as Jackson's bootstrapper would decide it: its first four bytes hold no zero byte (UTF-16
 * and UTF-32 text starting with an ASCII character has one) and it does not start with a byte order mark ({@code EF},
 * {@code FE} or {@code FF}, none of which can start a JSON value in UTF-8). The parser gets the same arguments
 * Jackson's bootstrapper would give it.
 */
final class TransmogJsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  TransmogJsonFactory(JsonFactoryBuilder builder) {
    super(builder);
  }

  /**
   * The read buffer of a stream parser: 64 KiB, not Jackson's 8,000 bytes. Why: Transmog's streams are buffered by 64
   * KiB (8 KiB in low-memory mode), and a {@code BufferedInputStream} asked for at least its own size reads straight
   * into the caller's array, so every input byte is copied once less; a string also straddles the end of the buffer
   * (and is then decoded by Jackson rather than copied) eight times less often.
   */
  static final int READ_BUFFER = 64 * 1024;

  @Override
  protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
    byte[] buf = new byte[READ_BUFFER];
    int end = 0;
    while (end < 4) {
      int n = in.read(buf, end, buf.length - end);
      if (n <= 0) {
        break;
      }
      end += n;
    }
    if (plainUtf8(buf, 0, end)) {
      return new RawTextParser(ctxt, _parserFeatures, in, _objectCodec,
          _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures), buf, 0, end, false);
    }
    // the bytes read so far go first again, so that Jackson's bootstrapper sees the input from its start
    InputStream whole = new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(buf, end)), in);
    return super._createParser(whole, ctxt);
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
    if (plainUtf8(data, offset, len)) {
      return new RawTextParser(ctxt, _parserFeatures, null, _objectCodec,
          _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures), data, offset, offset + len, false);
    }
    return super._createParser(data, offset, len, ctxt);
  }

  /** Whether {@code b[offset, offset + len)} starts like UTF-8 JSON without a byte order mark; see the class comment. */
  static boolean plainUtf8(byte[] b, int offset, int len) {
    if (len < 4) {
      return false;
    }
    int first = b[offset] & 0xFF;
    if (first == 0xEF || first == 0xFE || first == 0xFF) {
      return false;
    }
    return b[offset] != 0 && b[offset + 1] != 0 && b[offset + 2] != 0 && b[offset + 3] != 0;
  }
}
