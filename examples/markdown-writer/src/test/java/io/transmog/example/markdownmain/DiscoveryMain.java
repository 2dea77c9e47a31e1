package io.transmog.example.markdownmain;

import io.transmog.api.spi.TableWriterProvider;
import java.util.ServiceLoader;

/**
 * In its own package, so that on the module path it is not hidden by the plugin module's package. Started in a fresh JVM by {@code MarkdownDiscoveryTest}: prints one line per {@link TableWriterProvider} that
 * {@link ServiceLoader} finds, as {@code format class module}, where module is {@code unnamed} on the class path.
 */
public final class DiscoveryMain {
  private DiscoveryMain() {}

  /**
   * Lists the providers found.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    for (TableWriterProvider p : ServiceLoader.load(TableWriterProvider.class)) {
      Module m = p.getClass().getModule();
      System.out.println(p.format() + " " + p.getClass().getName() + " " + (m.isNamed() ? m.getName() : "unnamed"));
    }
  }
}
