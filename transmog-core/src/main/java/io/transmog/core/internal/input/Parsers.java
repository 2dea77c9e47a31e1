package io.transmog.core.internal.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.transmog.api.TransmogOptions;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Jackson {@link JsonFactory} instances Transmog parses with, configured with explicit limits from the options so
 * that behaviour does not drift with Jackson's defaults. Factories are thread-safe and cache symbol tables, so one is
 * shared per distinct set of limits. They are {@link TransmogJsonFactory} instances: UTF-8 byte input is parsed by a
 * {@link RawTextParser}, which can hand out a string's bytes without decoding them.
 *
 * <p>Limits passed to Jackson: {@code maxNestingDepth} (default 1,000), {@code maxStringLength} (default 20,000,000
 * characters); fixed: one number 1,000 characters, one field name 50,000 characters.
 */
public final class Parsers {
  /** The factory for the default limits (also used to write JSON). */
  public static final JsonFactory FACTORY = create(TransmogOptions.DEFAULT_MAX_NESTING_DEPTH,
      TransmogOptions.DEFAULT_MAX_STRING_LENGTH);

  private static final ConcurrentHashMap<Long, JsonFactory> BY_LIMITS = new ConcurrentHashMap<>();

  private Parsers() {}

  /**
   * Returns the factory for an option set's limits.
   *
   * @param options the options
   * @return a shared factory
   */
  public static JsonFactory factory(TransmogOptions options) {
    int depth = options.maxNestingDepth();
    int len = options.maxStringLength();
    if (depth == TransmogOptions.DEFAULT_MAX_NESTING_DEPTH && len == TransmogOptions.DEFAULT_MAX_STRING_LENGTH) {
      return FACTORY;
    }
    return BY_LIMITS.computeIfAbsent(((long) depth << 32) | len, k -> create(depth, len));
  }

  private static JsonFactory create(int depth, int stringLength) {
    JsonFactoryBuilder builder = new JsonFactoryBuilder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(depth)
            .maxStringLength(stringLength)
            .maxNumberLength(1000)
            .maxNameLength(50_000)
            .build())
        // a caller's stream is the caller's to close; Transmog closes only what it opened itself
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        // FastDoubleParser: the same correctly rounded doubles without building a String per number
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        // messages carry our own location; never echo input content into them
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
    // Jackson's factory, but UTF-8 bytes are read by a parser that can hand out a string's bytes undecoded
    return new TransmogJsonFactory(builder);
  }

  /**
   * Rewords a breached parser limit so that it names the Transmog option that raises it.
   *
   * @param e the parser's exception
   * @return the reason for the error message
   */
  static String limitReason(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("nesting depth")) {
      return m + "; raise the limit with option maxNestingDepth (--max-nesting-depth)";
    }
    if (m.contains("String value length")) {
      return m + "; raise the limit with option maxStringLength (--max-string-length)";
    }
    return m;
  }
}
