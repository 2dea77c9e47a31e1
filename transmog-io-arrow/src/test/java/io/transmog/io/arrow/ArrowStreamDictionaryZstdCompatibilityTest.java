package io.transmog.io.arrow;

import io.transmog.api.spi.FormatOptions;
import java.util.Map;

/**
 * The writer TCK with the IPC stream format, dictionary-encoded strings (delta dictionary batches) and zstd bodies, in
 * small record batches so that the kit's larger tables span many batches and dictionary deltas.
 */
class ArrowStreamDictionaryZstdCompatibilityTest extends ArrowWriterCompatibilityTest {
  @Override
  protected FormatOptions formatOptions() {
    return FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, "stream", ArrowOptions.DICTIONARY, "true",
        ArrowOptions.COMPRESSION, "zstd", ArrowOptions.BATCH_ROWS, "100"));
  }
}
