package io.transmog.core.internal.input;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;
import java.io.InputStream;

/**
 * Jackson's UTF-8 parser, which can also hand out a string value's UTF-8 bytes as they stand in the input, so that the
 * engine stores text without decoding it into characters and encoding it back ({@link #rawStringEnd()}). Created by
 * {@link TransmogJsonFactory} for every input that is plain UTF-8; parsing itself is Jackson's, unchanged.
 *
 * <p>Why this is safe: Jackson reads a string value lazily. On a {@code VALUE_STRING} token whose text was not asked for
 * yet, the parser's position is just after the opening quote, and the next {@code nextToken()} skips the string,
 * checking it. This class reads the bytes from that position to the closing quote, and moves the parser only in that
 * skip, past the quote it found. The bytes are used only when they are exactly the string's text:
 * <ul>
 *   <li>no escape and no control character (Jackson rejects an unescaped one; it then decodes the string and says so);
 *   <li>well-formed UTF-8: no overlong form, surrogate or code point beyond U+10FFFF, the rules of Jackson's decoder;
 *   <li>no longer than {@code maxStringLength} bytes (so no longer in characters either);
 *   <li>the closing quote among the bytes read so far.
 * </ul>
 * Anything else (a string split across two reads of the input, say) answers -1, and the caller takes the text from
 * Jackson as before. Costs: one pass over the string's bytes, which then replaces Jackson's skip of that string
 * ({@link #_skipString()}).
 */
public final class RawTextParser extends UTF8StreamJsonParser {
  /**
   * What each byte means inside a string: {@link #PLAIN} (printable ASCII), {@link #QUOTE}, {@link #STOP} (a
   * backslash or a control character: the bytes are not the text) or {@link #LEAD} (the first byte of a multi-byte
   * character, or a stray continuation byte). One lookup per byte, as in Jackson's own loops.
   */
  private static final byte[] STRING_BYTES = new byte[256];
  private static final byte PLAIN = 0;
  private static final byte QUOTE = 1;
  private static final byte STOP = 2;
  private static final byte LEAD = 3;

  static {
    for (int c = 0; c < 0x20; c++) {
      STRING_BYTES[c] = STOP;
    }
    STRING_BYTES['"'] = QUOTE;
    STRING_BYTES['\\'] = STOP;
    for (int c = 0x80; c < 0x100; c++) {
      STRING_BYTES[c] = LEAD;
    }
  }

  private final int maxStringLength;
  /**
   * Where the string whose closing quote {@link #rawStringEnd()} found starts, as an offset in the whole input
   * ({@code _currInputProcessed + _inputPtr}, unique even across buffer reloads), or -1; and that quote's index.
   */
  private long knownStart = -1;
  private int knownEnd;

  RawTextParser(IOContext ctxt, int features, InputStream in, ObjectCodec codec, ByteQuadsCanonicalizer sym,
      byte[] inputBuffer, int start, int end, boolean bufferRecyclable) {
    super(ctxt, features, in, codec, sym, inputBuffer, start, end, 0, bufferRecyclable);
    this.maxStringLength = ctxt.streamReadConstraints().getMaxStringLength();
  }

  /**
   * Tells where the current string value ends in {@link #rawBuffer()}, when its bytes there are its text.
   *
   * @return the index of the closing quote (the text is {@code [rawStart(), end)}), or -1 when the current token is
   *     not an unread string or its bytes cannot be used as they are
   */
  public int rawStringEnd() {
    if (_currToken != JsonToken.VALUE_STRING || !_tokenIncomplete) {
      return -1;
    }
    int from = _inputPtr;
    int end = stringEnd(_inputBuffer, from, _inputEnd);
    if (end < 0 || end - from > maxStringLength) {
      return -1;
    }
    knownStart = _currInputProcessed + from;
    knownEnd = end;
    return end;
  }

  /**
   * Skips the current string: for the one whose bytes {@link #rawStringEnd()} has checked, by going past its closing
   * quote (the check covered everything Jackson's skip checks, and more); any other one as Jackson does.
   */
  @Override
  protected void _skipString() throws IOException {
    if (knownStart == _currInputProcessed + _inputPtr) {
      knownStart = -1;
      _tokenIncomplete = false;
      _inputPtr = knownEnd + 1;
      return;
    }
    super._skipString();
  }

  /**
   * {@code currentTokenLocation().getByteOffset()} without making a {@code JsonLocation} (the reader asks for it once
   * or twice per record).
   *
   * @return the byte offset of the current token's first byte
   */
  public long tokenByteOffset() {
    return _currToken == JsonToken.FIELD_NAME ? currentTokenLocation().getByteOffset() : _tokenInputTotal - 1;
  }

  /**
   * {@code currentTokenLocation().getLineNr()} without making a {@code JsonLocation}.
   *
   * @return the 1-based line of the current token
   */
  public int tokenLine() {
    return _currToken == JsonToken.FIELD_NAME ? currentTokenLocation().getLineNr() : _tokenInputRow;
  }

  /** @return the buffer holding the current string's bytes (valid until the next call to {@code nextToken()}) */
  public byte[] rawBuffer() {
    return _inputBuffer;
  }

  /** @return the index of the current string's first byte in {@link #rawBuffer()} */
  public int rawStart() {
    return _inputPtr;
  }

  /**
   * Finds the closing quote of a JSON string whose text starts at {@code from}, if the bytes up to it can be used as the
   * text unchanged.
   *
   * @param b the bytes
   * @param from the first byte after the opening quote
   * @param limit the end of the bytes available
   * @return the index of the closing quote, or -1 for an escape, a control character, malformed UTF-8 or no quote
   *     before {@code limit}
   */
  static int stringEnd(byte[] b, int from, int limit) {
    byte[] kinds = STRING_BYTES;
    int i = from;
    while (i < limit) {
      byte kind = kinds[b[i] & 0xFF];
      if (kind == PLAIN) {
        i++;
      } else if (kind == QUOTE) {
        return i;
      } else if (kind == STOP) {
        return -1; // an escape, or a control character (which must be escaped; Jackson reports it)
      } else {
        int n = sequence(b, i, limit);
        if (n == 0) {
          return -1;
        }
        i += n;
      }
    }
    return -1;
  }

  /**
   * The length of the well-formed UTF-8 sequence of two to four bytes at {@code i} (RFC 3629, table 3-7 of the Unicode
   * standard), or 0.
   */
  private static int sequence(byte[] b, int i, int limit) {
    int lead = b[i] & 0xFF;
    if (lead < 0xC2 || lead > 0xF4) {
      return 0; // a continuation byte, an overlong two-byte lead (C0, C1) or beyond U+10FFFF
    }
    if (lead < 0xE0) {
      return i + 1 < limit && continuation(b[i + 1]) ? 2 : 0;
    }
    if (lead < 0xF0) {
      if (i + 2 >= limit) {
        return 0;
      }
      int second = b[i + 1] & 0xFF;
      // E0: A0..BF (no overlong form); ED: 80..9F (no surrogate); others: 80..BF
      boolean ok = lead == 0xE0 ? second >= 0xA0 && second <= 0xBF
          : lead == 0xED ? second >= 0x80 && second <= 0x9F
          : (second & 0xC0) == 0x80;
      return ok && continuation(b[i + 2]) ? 3 : 0;
    }
    if (i + 3 >= limit) {
      return 0;
    }
    int second = b[i + 1] & 0xFF;
    // F0: 90..BF (no overlong form); F4: 80..8F (not beyond U+10FFFF); F1..F3: 80..BF
    boolean ok = lead == 0xF0 ? second >= 0x90 && second <= 0xBF
        : lead == 0xF4 ? second >= 0x80 && second <= 0x8F
        : (second & 0xC0) == 0x80;
    return ok && continuation(b[i + 2]) && continuation(b[i + 3]) ? 4 : 0;
  }

  private static boolean continuation(byte x) {
    return (x & 0xC0) == 0x80;
  }
}
