package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.transmog.core.discoveryfixtures.BrokenProvider;
import io.transmog.core.discoveryfixtures.GoodProvider;
import io.transmog.core.discoveryfixtures.UpperCaseProvider;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken or invalid discovered provider is kept as a load error that says why, and never hides the others. */
class WriterRegistryLoadErrorsTest {
  @TempDir Path dir;

  @Test
  void loadError_namesTheCauseOfAFailedConstructor() throws Exception {
    try (URLClassLoader plugins = loader(BrokenProvider.class.getName(), GoodProvider.class.getName())) {
      WriterRegistry registry = WriterRegistry.builder().discover(plugins).build();
      assertThat(registry.loadErrors()).singleElement().asString()
          .contains("broken on purpose: its native library is missing");
    }
  }

  @Test
  void discover_providerWithAnInvalidFormatNameDoesNotBreakTheOthers() throws Exception {
    try (URLClassLoader plugins = loader(UpperCaseProvider.class.getName(), GoodProvider.class.getName())) {
      assertThatCode(() -> {
        WriterRegistry registry = WriterRegistry.builder().discover(plugins).build();
        assertThat(registry.formats()).contains("good");
        assertThat(registry.loadErrors()).singleElement().asString().contains(UpperCaseProvider.class.getName());
      }).doesNotThrowAnyException();
    }
  }

  private URLClassLoader loader(String... providers) throws Exception {
    return (URLClassLoader) WriterDiscoveryTest.pluginLoader(dir, providers);
  }
}
