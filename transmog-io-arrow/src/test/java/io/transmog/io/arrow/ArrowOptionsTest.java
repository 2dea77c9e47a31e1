package io.transmog.io.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.FormatOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrowOptionsTest {
  @Test
  void defaults_areFileFormatNoDictionaryNoCompression65536Rows() {
    ArrowOptions d = ArrowOptions.parse(FormatOptions.empty());
    assertThat(d).isEqualTo(ArrowOptions.defaults());
    assertThat(d.ipcFormat()).isEqualTo(ArrowOptions.IpcFormat.FILE);
    assertThat(d.dictionary()).isFalse();
    assertThat(d.compression()).isEqualTo(ArrowOptions.Compression.NONE);
    assertThat(d.batchRows()).isEqualTo(65_536);
  }

  @Test
  void keys_areDocumentedInOrder() {
    assertThat(ArrowOptions.KEYS).containsExactly("ipcFormat", "dictionary", "compression", "batchRows");
  }

  @Test
  void parse_readsEveryOptionIgnoringCase() {
    ArrowOptions o = ArrowOptions.parse(FormatOptions.of(Map.of("ipcFormat", "STREAM", "dictionary", "True",
        "compression", "ZSTD", "batchRows", "4k")));
    assertThat(o).isEqualTo(new ArrowOptions(ArrowOptions.IpcFormat.STREAM, true, ArrowOptions.Compression.ZSTD,
        4096));
    assertThat(ArrowOptions.parse(FormatOptions.of(Map.of("compression", "lz4"))).compression())
        .isEqualTo(ArrowOptions.Compression.LZ4);
    assertThat(ArrowOptions.parse(FormatOptions.of(Map.of("compression", "uncompressed"))).compression())
        .isEqualTo(ArrowOptions.Compression.NONE);
    assertThat(ArrowOptions.parse(FormatOptions.of(Map.of("batchRows", "16m"))).batchRows())
        .isEqualTo(ArrowOptions.MAX_BATCH_ROWS);
  }

  @Test
  void toFormatOptions_roundTrips() {
    ArrowOptions o = new ArrowOptions(ArrowOptions.IpcFormat.STREAM, true, ArrowOptions.Compression.LZ4, 10);
    assertThat(ArrowOptions.parse(o.toFormatOptions())).isEqualTo(o);
    assertThat(o.toFormatOptions().asMap()).containsOnlyKeys(ArrowOptions.KEYS);
  }

  @ParameterizedTest(name = "{index} - {0}={1}")
  @CsvSource({
    "ipcFormat, feather, 'expected file or stream'",
    "dictionary, yes, 'expected true or false'",
    "compression, snappy, 'expected none, lz4 or zstd'",
    "batchRows, 0, 'expected 1 to 16777216'",
    "batchRows, -5, 'expected 1 to 16777216'",
    "batchRows, 17m, 'expected 1 to 16777216'",
    "batchRows, 99999999999999999999, 'expected a number'",
    "batchRows, many, 'expected a number'",
  })
  void parse_rejectsBadValuesNamingKeyAndValue(String key, String value, String accepted) {
    assertThatThrownBy(() -> ArrowOptions.parse(FormatOptions.of(Map.of(key, value))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(value)
        .hasMessageContaining(accepted);
  }

  @Test
  void parse_rejectsUnknownKeysListingTheAcceptedOnes() {
    assertThatThrownBy(() -> ArrowOptions.parse(FormatOptions.of(Map.of("batchrows", "10"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("unknown arrow format option \"batchrows\"")
        .hasMessageContaining("ipcFormat, dictionary, compression, batchRows");
  }

  @Test
  void constructor_checksBatchRows() {
    assertThatThrownBy(() -> new ArrowOptions(ArrowOptions.IpcFormat.FILE, false, ArrowOptions.Compression.NONE, 0))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("batchRows");
  }
}
