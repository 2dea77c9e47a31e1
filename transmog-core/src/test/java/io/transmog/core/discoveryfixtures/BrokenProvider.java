package io.transmog.core.discoveryfixtures;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import java.util.Set;

/** A provider whose constructor throws, like one missing a native library. Loaded only through the separate class loader of {@code WriterDiscoveryTest}. */
public final class BrokenProvider implements TableWriterProvider {
  /** Always throws. */
  public BrokenProvider() {
    throw new IllegalStateException("broken on purpose: its native library is missing");
  }

  @Override
  public String format() {
    return "broken";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("broken");
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
