package io.transmog.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.spi.TableWriterProvider;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ParquetWriterProviderTest {
  private static final String SERVICE_FILE = "META-INF/services/" + TableWriterProvider.class.getName();

  @Test
  void isDiscoveredByServiceLoader() {
    List<TableWriterProvider> parquet = ServiceLoader.load(TableWriterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.format().equals("parquet"))
        .toList();

    assertThat(parquet).hasSize(1);
    TableWriterProvider provider = parquet.get(0);
    assertThat(provider.getClass().getName()).isEqualTo("io.transmog.io.parquet.internal.ParquetWriterProvider");
    assertThat(provider.fileExtensions()).containsExactly("parquet");
    assertThat(provider.spiVersion()).isEqualTo(TableWriterProvider.SPI_VERSION);
    assertThat(provider.optionKeys())
        .containsExactly("compression", "zstdLevel", "rowGroupSize", "pageSize", "dictionary")
        .isEqualTo(ParquetOptions.KEYS);
    assertThat(provider.description()).contains("Parquet").contains("no Hadoop");
  }

  @Test
  void declaresTheProviderInMetaInfServices() throws Exception {
    String declared;
    try (InputStream in = ParquetWriterProviderTest.class.getClassLoader().getResourceAsStream(SERVICE_FILE)) {
      assertThat(in).as(SERVICE_FILE).isNotNull();
      declared = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    assertThat(declared).isEqualTo("io.transmog.io.parquet.internal.ParquetWriterProvider");
    assertThat(Class.forName(declared).getConstructor().newInstance()).isInstanceOf(TableWriterProvider.class);
  }

  @Test
  void runsOnTheClassPathWithoutAModuleDescriptor() {
    // Parquet's jars split packages (org.apache.parquet.hadoop.metadata and others), so no module-info is shipped.
    assertThat(ParquetOptions.class.getModule().isNamed()).isFalse();
    Path mainClasses = Path.of(System.getProperty("transmog.mainClasses", "target/classes"));
    assertThat(mainClasses.resolve("io/transmog/io/parquet/ParquetOptions.class")).exists();
    assertThat(mainClasses.resolve("module-info.class")).doesNotExist();
  }
}
