package io.transmog.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.io.parquet.ParquetOptions.Compression;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParquetOptionsTest {

  @Test
  void emptyOptionsGiveTheDocumentedDefaults() {
    ParquetOptions options = ParquetOptions.parse(FormatOptions.empty());

    assertThat(options).isEqualTo(ParquetOptions.defaults());
    assertThat(options.compression()).isEqualTo(Compression.ZSTD);
    assertThat(options.zstdLevel()).isEqualTo(3);
    assertThat(options.rowGroupSize()).isEqualTo(ParquetOptions.defaultRowGroupSize(Runtime.getRuntime().maxMemory()));
    assertThat(options.pageSize()).isEqualTo(1024 * 1024);
    assertThat(options.dictionary()).isTrue();
  }

  @Test
  void parsesEveryKeyWithSizeSuffixes() {
    ParquetOptions options = ParquetOptions.parse(FormatOptions.of(Map.of(
        ParquetOptions.COMPRESSION, "Snappy",
        ParquetOptions.ZSTD_LEVEL, "19",
        ParquetOptions.ROW_GROUP_SIZE, "1g",
        ParquetOptions.PAGE_SIZE, "64k",
        ParquetOptions.DICTIONARY, "FALSE")));

    assertThat(options).isEqualTo(new ParquetOptions(Compression.SNAPPY, 19, 1024L * 1024 * 1024, 64 * 1024, false));
    assertThat(ParquetOptions.parse(FormatOptions.of(Map.of(ParquetOptions.ROW_GROUP_SIZE, "256M"))).rowGroupSize())
        .isEqualTo(256L * 1024 * 1024);
    assertThat(ParquetOptions.parse(FormatOptions.of(Map.of(ParquetOptions.PAGE_SIZE, "8192"))).pageSize())
        .isEqualTo(8192);
  }

  @ParameterizedTest(name = "{index} - {0}")
  @CsvSource({"zstd, ZSTD", "snappy, SNAPPY", "gzip, GZIP", "uncompressed, UNCOMPRESSED", "none, UNCOMPRESSED",
      "' GZip ', GZIP", "NONE, UNCOMPRESSED"})
  void compressionValuesIgnoreCaseAndNoneMeansUncompressed(String value, Compression expected) {
    assertThat(Compression.parse(value)).isEqualTo(expected);
  }

  @Test
  void toFormatOptionsRoundTrips() {
    ParquetOptions custom = new ParquetOptions(Compression.GZIP, 7, 4L * 1024 * 1024, 8 * 1024, false);

    assertThat(ParquetOptions.parse(custom.toFormatOptions())).isEqualTo(custom);
    assertThat(ParquetOptions.parse(ParquetOptions.defaults().toFormatOptions())).isEqualTo(ParquetOptions.defaults());
    assertThat(ParquetOptions.defaults().toFormatOptions().keys())
        .containsExactlyInAnyOrderElementsOf(ParquetOptions.KEYS);
  }

  @Test
  void unknownKeyNamesTheKeyAndTheAcceptedOnes() {
    assertThatThrownBy(() -> ParquetOptions.parse(FormatOptions.of(Map.of("rowgroupsize", "1m"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("\"rowgroupsize\"")
        .hasMessageContaining("compression, zstdLevel, rowGroupSize, pageSize, dictionary");
  }

  @Test
  void badValuesNameOptionValueAndWhatIsAccepted() {
    assertThatThrownBy(() -> ParquetOptions.parse(FormatOptions.of(Map.of(ParquetOptions.COMPRESSION, "lzo"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("compression").hasMessageContaining("\"lzo\"")
        .hasMessageContaining("zstd, snappy, gzip or uncompressed");
    assertThatThrownBy(() -> ParquetOptions.parse(FormatOptions.of(Map.of(ParquetOptions.ZSTD_LEVEL, "99999999999"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("zstdLevel").hasMessageContaining("1 to 22").hasMessageContaining("99999999999");
    assertThatThrownBy(() -> ParquetOptions.parse(FormatOptions.of(Map.of(ParquetOptions.ROW_GROUP_SIZE, "512"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("rowGroupSize").hasMessageContaining("1k to 1g");
    assertThatThrownBy(() -> ParquetOptions.parse(FormatOptions.of(Map.of(ParquetOptions.PAGE_SIZE, "4t"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("pageSize").hasMessageContaining("\"4t\"");
    assertThatThrownBy(() -> ParquetOptions.parse(FormatOptions.of(Map.of(ParquetOptions.DICTIONARY, "1"))))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("dictionary");
  }

  @Test
  void constructorChecksRanges() {
    assertThatThrownBy(() -> new ParquetOptions(Compression.ZSTD, 0, 1 << 20, 1 << 20, true))
        .isInstanceOf(TransmogConfigurationException.class).hasMessageContaining("zstdLevel");
    assertThatThrownBy(() -> new ParquetOptions(Compression.ZSTD, 3, 100, 1 << 20, true))
        .isInstanceOf(TransmogConfigurationException.class).hasMessageContaining("rowGroupSize");
    assertThatThrownBy(() -> new ParquetOptions(Compression.ZSTD, 3, 1 << 20, 0, true))
        .isInstanceOf(TransmogConfigurationException.class).hasMessageContaining("pageSize");
    assertThatThrownBy(() -> new ParquetOptions(null, 3, 1 << 20, 1 << 20, true))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("compression");
  }

  @Test
  void theDefaultRowGroupIsAThirtySecondOfTheHeapBetween1And128MiB() {
    long mib = 1024L * 1024;
    assertThat(ParquetOptions.defaultRowGroupSize(8192 * mib)).isEqualTo(128 * mib);
    assertThat(ParquetOptions.defaultRowGroupSize(256 * mib)).isEqualTo(8 * mib);
    assertThat(ParquetOptions.defaultRowGroupSize(16 * mib)).isEqualTo(mib);
  }
}
