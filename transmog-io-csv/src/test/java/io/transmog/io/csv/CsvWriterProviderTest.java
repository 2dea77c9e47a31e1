package io.transmog.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.spi.TableWriterProvider;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CsvWriterProviderTest {
  private static final String SERVICE_FILE = "META-INF/services/" + TableWriterProvider.class.getName();

  @Test
  void isDiscoveredByServiceLoader() {
    // On the module path the tests are patched into io.transmog.io.csv, which provides but does not `uses` the
    // service; a module may add that edge for itself at run time (on the class path this is a no-op).
    CsvWriterProviderTest.class.getModule().addUses(TableWriterProvider.class);

    List<TableWriterProvider> csv = ServiceLoader.load(TableWriterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.format().equals("csv"))
        .toList();

    assertThat(csv).hasSize(1);
    TableWriterProvider provider = csv.get(0);
    assertThat(provider.getClass().getName()).isEqualTo("io.transmog.io.csv.internal.CsvWriterProvider");
    assertThat(provider.fileExtensions()).containsExactly("csv");
    assertThat(provider.spiVersion()).isEqualTo(TableWriterProvider.SPI_VERSION);
    assertThat(provider.optionKeys())
        .containsExactly("delimiter", "header", "lineSeparator", "bom", "formulaGuard")
        .isEqualTo(CsvOptions.KEYS);
    assertThat(provider.description()).contains("RFC 4180").contains("UTF-8");
  }

  @Test
  void declaresTheProviderForTheClassPathToo() throws Exception {
    // ServiceLoader on the module path reads module-info, so the services file needs its own check.
    String declared;
    try (InputStream in = CsvWriterProviderTest.class.getClassLoader().getResourceAsStream(SERVICE_FILE)) {
      assertThat(in).as(SERVICE_FILE).isNotNull();
      declared = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    assertThat(declared).isEqualTo("io.transmog.io.csv.internal.CsvWriterProvider");
    Object instance = Class.forName(declared).getConstructor().newInstance();
    assertThat(instance).isInstanceOf(TableWriterProvider.class);
  }

  @Test
  void moduleExportsOnlyTheOptionsPackage() throws IOException {
    Module module = CsvOptions.class.getModule();
    if (!module.isNamed()) {
      return; // on the class path there is no module descriptor to check
    }
    assertThat(module.getName()).isEqualTo("io.transmog.io.csv");
    assertThat(module.getDescriptor().exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.transmog.io.csv");
    assertThat(module.getDescriptor().provides())
        .extracting(ModuleDescriptor.Provides::service)
        .containsExactly(TableWriterProvider.class.getName());
  }
}
