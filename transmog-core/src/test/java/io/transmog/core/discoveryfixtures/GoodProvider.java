package io.transmog.core.discoveryfixtures;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import java.util.Set;

/** A well-behaved provider of format {@code good}. Loaded only through the separate class loader of {@code WriterDiscoveryTest}. */
public final class GoodProvider implements TableWriterProvider {
  /** Creates the provider. */
  public GoodProvider() {
    // nothing to do
  }

  @Override
  public String format() {
    return "good";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("good");
  }

  @Override
  public int spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public TableWriter open(WriterContext context) {
    throw new UnsupportedOperationException("fixture only");
  }
}
