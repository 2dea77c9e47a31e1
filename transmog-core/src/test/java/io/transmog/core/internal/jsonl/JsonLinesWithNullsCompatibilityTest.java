package io.transmog.core.internal.jsonl;

import io.transmog.api.spi.FormatOptions;
import java.util.Map;

/** Runs the whole writer TCK once more with the JSON Lines writer's {@code nulls=true} option (null fields written). */
class JsonLinesWithNullsCompatibilityTest extends JsonLinesWriterCompatibilityTest {
  @Override
  protected FormatOptions formatOptions() {
    return FormatOptions.of(Map.of(JsonLinesWriterProvider.OPTION_NULLS, "true"));
  }
}
