package io.transmog.core.discoveryfixtures;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import java.util.Set;

/** The other provider claiming format {@code dup}. Loaded only through the separate class loader of {@code WriterDiscoveryTest}. */
public final class DupTwoProvider implements TableWriterProvider {
  /** Creates the provider. */
  public DupTwoProvider() {
    // nothing to do
  }

  @Override
  public String format() {
    return "dup";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("dup");
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
