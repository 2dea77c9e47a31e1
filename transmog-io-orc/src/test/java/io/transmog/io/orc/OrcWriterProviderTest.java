package io.transmog.io.orc;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.io.orc.internal.OrcWriterProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrcWriterProviderTest {

  @Test
  void isFoundByServiceLoaderUnderItsFormatName() {
    List<TableWriterProvider> orc = ServiceLoader.load(TableWriterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.format().equals("orc"))
        .collect(Collectors.toList());

    assertThat(orc).singleElement().isInstanceOf(OrcWriterProvider.class);
  }

  @Test
  void describesItself() {
    OrcWriterProvider provider = new OrcWriterProvider();

    assertThat(provider.format()).isEqualTo("orc");
    assertThat(provider.fileExtensions()).containsExactly("orc");
    assertThat(provider.spiVersion()).isEqualTo(TableWriterProvider.SPI_VERSION);
    assertThat(provider.optionKeys())
        .containsExactly("compression", "stripeSize", "rowIndexStride", "bloomFilterColumns");
    assertThat(provider.description()).contains("ORC");
  }
}
