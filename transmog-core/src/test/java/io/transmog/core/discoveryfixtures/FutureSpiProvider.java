package io.transmog.core.discoveryfixtures;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import java.util.Set;

/** A provider built against a newer SPI version than this engine supports. Loaded only through the separate class loader of {@code WriterDiscoveryTest}. */
public final class FutureSpiProvider implements TableWriterProvider {
  /** Creates the provider. */
  public FutureSpiProvider() {
    // nothing to do
  }

  @Override
  public String format() {
    return "future";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("future");
  }

  @Override
  public int spiVersion() {
    return SPI_VERSION + 1;
  }

  @Override
  public TableWriter open(WriterContext context) {
    throw new UnsupportedOperationException("fixture only");
  }
}
