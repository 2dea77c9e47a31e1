package io.transmog.core.internal.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The one Jackson {@link JsonFactory} Transmog parses with, configured with explicit limits so that behaviour does not
 * drift with Jackson's defaults. A {@code JsonFactory} is thread-safe and caches symbol tables, so it is shared.
 *
 * <p>Limits: nesting depth 1,000 containers (deeper input is rejected; content deeper than {@code maxDepth} is kept
 * as JSON text long before that), one string 100 MB, one number 1,000 characters, one field name 50,000 characters.
 */
public final class Parsers {
  /** Maximum container nesting the parser accepts. */
  public static final int MAX_NESTING_DEPTH = 1000;

  /** The shared factory. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxStringLength(100_000_000)
          .maxNumberLength(1000)
          .maxNameLength(50_000)
          .build())
      // a caller's stream is the caller's to close; Transmog closes only what it opened itself
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      // messages carry our own location; never echo input content into them
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private Parsers() {}
}
