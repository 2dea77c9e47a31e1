package io.transmog.core.discoveryfixtures;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import java.util.Set;

/** A provider whose format name breaks the lower-case rule. Loaded only through the separate class loader of {@code WriterDiscoveryTest}. */
public final class UpperCaseProvider implements TableWriterProvider {
  /** Creates the provider. */
  public UpperCaseProvider() {
    // nothing to do
  }

  @Override
  public String format() {
    return "Shouting";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("Shouting");
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
