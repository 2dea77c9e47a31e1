package io.transmog.io.arrow;

import io.transmog.api.spi.FormatOptions;
import java.util.Map;

/**
 * The writer TCK with the IPC file format, dictionary-encoded strings (whole dictionaries after the last record batch)
 * and lz4 bodies, in record batches of 64 rows. (Arrow Java's lz4 codec sets up a frame per buffer, which costs about
 * a millisecond; much smaller batches would only make the kit slow.)
 */
class ArrowFileDictionaryLz4CompatibilityTest extends ArrowWriterCompatibilityTest {
  @Override
  protected FormatOptions formatOptions() {
    return FormatOptions.of(Map.of(ArrowOptions.DICTIONARY, "true", ArrowOptions.COMPRESSION, "lz4",
        ArrowOptions.BATCH_ROWS, "64"));
  }
}
