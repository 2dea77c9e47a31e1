package io.transmog.io.orc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.FormatOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrcOptionsTest {

  @Test
  void defaultsAreZstd64MiBStripesAnIndexEvery10000RowsAndNoBloomFilters() {
    OrcOptions o = OrcOptions.parse(FormatOptions.empty());

    assertThat(o).isEqualTo(OrcOptions.defaults());
    assertThat(o.compression()).isEqualTo(OrcOptions.Compression.ZSTD);
    assertThat(o.stripeSize()).isEqualTo(64L * 1024 * 1024);
    assertThat(o.rowIndexStride()).isEqualTo(10_000);
    assertThat(o.bloomFilterColumns()).isEmpty();
  }

  @Test
  void parsesEveryOption() {
    OrcOptions o = OrcOptions.parse(FormatOptions.of(Map.of(
        "compression", "Snappy", "stripeSize", "8m", "rowIndexStride", "1000", "bloomFilterColumns", " id , name ")));

    assertThat(o).isEqualTo(new OrcOptions(OrcOptions.Compression.SNAPPY, 8L << 20, 1000, List.of("id", "name")));
    assertThat(OrcOptions.parse(o.toFormatOptions())).isEqualTo(o);
    assertThat(OrcOptions.parse(OrcOptions.defaults().toFormatOptions())).isEqualTo(OrcOptions.defaults());
  }

  @ParameterizedTest(name = "{index} - {0}")
  @CsvSource({"zstd, ZSTD", "snappy, SNAPPY", "zlib, ZLIB", "none, NONE", "uncompressed, NONE", "' NONE ', NONE"})
  void acceptsEachCodecName(String value, OrcOptions.Compression expected) {
    assertThat(OrcOptions.Compression.parse(value)).isEqualTo(expected);
  }

  @Test
  void anEmptyBloomFilterListMeansNone() {
    assertThat(OrcOptions.parse(FormatOptions.of(Map.of("bloomFilterColumns", " "))).bloomFilterColumns()).isEmpty();
  }

  @Test
  void errorsNameTheKeyAndTheAcceptedValues() {
    assertThatThrownBy(() -> OrcOptions.parse(FormatOptions.of(Map.of("compression", "lzo"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("compression").hasMessageContaining("zstd, snappy, zlib or none").hasMessageContaining("lzo");
    assertThatThrownBy(() -> OrcOptions.parse(FormatOptions.of(Map.of("rowIndexStride", "10"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("rowIndexStride").hasMessageContaining("1000");
    assertThatThrownBy(() -> OrcOptions.parse(FormatOptions.of(Map.of("codec", "zstd"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("codec").hasMessageContaining("compression, stripeSize, rowIndexStride, bloomFilterColumns");
  }
}
