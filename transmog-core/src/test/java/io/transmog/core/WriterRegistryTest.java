package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriterRegistryTest {
  static class Fake implements TableWriterProvider {
    private final String format;
    private final int version;

    Fake(String format, int version) {
      this.format = format;
      this.version = version;
    }

    @Override
    public String format() {
      return format;
    }

    @Override
    public Set<String> fileExtensions() {
      return Set.of("fake");
    }

    @Override
    public int spiVersion() {
      return version;
    }

    @Override
    public TableWriter open(WriterContext context) {
      throw new UnsupportedOperationException("fake");
    }
  }

  static class OtherFake extends Fake {
    OtherFake(String format) {
      super(format, SPI_VERSION);
    }
  }

  @Test
  void jsonLinesIsAlwaysBuiltIn() {
    assertThat(WriterRegistry.builder().build().formats()).containsExactly("jsonl");
    assertThat(WriterRegistry.discover().formats()).contains("jsonl");
  }

  @Test
  void unknownFormatNamesTheAvailableOnes() {
    assertThatThrownBy(() -> WriterRegistry.builder().build().provider("parquet"))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("format \"parquet\" requested")
        .hasMessageContaining("io.transmog:transmog-io-parquet")
        .hasMessageContaining("Available formats: jsonl");
  }

  @Test
  void explicitRegistrationWinsOverBuiltIn() {
    Fake mine = new Fake("jsonl", TableWriterProvider.SPI_VERSION);
    assertThat(WriterRegistry.builder().register(mine).build().provider("JSONL")).isSameAs(mine);
  }

  @Test
  void twoExplicitProvidersForOneFormatFailNamingBoth() {
    assertThatThrownBy(() -> WriterRegistry.builder()
            .register(new Fake("x", TableWriterProvider.SPI_VERSION))
            .register(new OtherFake("x")))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining(Fake.class.getName())
        .hasMessageContaining(OtherFake.class.getName());
  }

  @Test
  void unsupportedSpiVersionIsRefused() {
    assertThatThrownBy(() -> WriterRegistry.builder().register(new Fake("x", 99)))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("SPI version 99");
  }

  @Test
  void formatNamesMustBeLowerCase() {
    assertThatThrownBy(() -> WriterRegistry.builder().register(new Fake("CSV", TableWriterProvider.SPI_VERSION)))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("lower-case");
  }
}
