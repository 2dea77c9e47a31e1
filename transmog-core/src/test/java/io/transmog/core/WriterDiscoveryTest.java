package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.core.discoveryfixtures.BrokenProvider;
import io.transmog.core.discoveryfixtures.DupOneProvider;
import io.transmog.core.discoveryfixtures.DupTwoProvider;
import io.transmog.core.discoveryfixtures.FutureSpiProvider;
import io.transmog.core.discoveryfixtures.GoodProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writer discovery as a plugin user meets it: explicit registration always works, {@link java.util.ServiceLoader}
 * fills in the rest, a broken provider does not break the others and its error is shown when a format is missing, two
 * providers of one format fail naming both classes, and a missing format names the artifact to add.
 *
 * <p>The providers come from {@code io.transmog.core.discoveryfixtures}: each test copies the classes it needs into a
 * temporary directory next to its own {@code META-INF/services} file and discovers through a child-first class loader
 * over that directory, so the fixtures are class-path providers (in that loader's unnamed module, whether or not the
 * tests run on the module path) and no other test ever sees them.
 */
class WriterDiscoveryTest {
  private static final String SERVICES = "META-INF/services/" + TableWriterProvider.class.getName();
  private static final String FIXTURES = GoodProvider.class.getPackageName() + ".";

  @TempDir Path dir;
  private URLClassLoader loader;

  @AfterEach
  void closeLoader() throws IOException {
    if (loader != null) {
      loader.close();
    }
  }

  @Test
  void discover_brokenProviderDoesNotBreakTheOthers() {
    WriterRegistry registry = WriterRegistry.builder().discover(pluginLoader(BrokenProvider.class.getName(),
        GoodProvider.class.getName())).build();

    assertThat(registry.formats()).contains("good", "jsonl").doesNotContain("broken");
    assertThat(registry.provider("good").getClass().getName()).isEqualTo(GoodProvider.class.getName());
    assertThat(registry.loadErrors()).singleElement().asString()
        .contains(BrokenProvider.class.getName())
        .contains("broken on purpose: its native library is missing");
  }

  @Test
  void provider_brokenProvidersErrorShowsWhenItsFormatIsRequested() {
    WriterRegistry registry = WriterRegistry.builder().discover(pluginLoader(BrokenProvider.class.getName(),
        GoodProvider.class.getName())).build();

    assertThatThrownBy(() -> registry.provider("broken"))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("format \"broken\" requested")
        .hasMessageContaining(BrokenProvider.class.getName())
        .hasMessageContaining("broken on purpose: its native library is missing")
        .hasMessageContaining("good");
  }

  @Test
  void discover_servicesFileNamingAMissingClassDoesNotBreakTheOthers() {
    WriterRegistry registry = WriterRegistry.builder()
        .discover(pluginLoader("com.example.transmog.NotThere", GoodProvider.class.getName())).build();

    assertThat(registry.formats()).contains("good", "jsonl");
    assertThat(registry.loadErrors()).singleElement().asString().contains("com.example.transmog.NotThere");
  }

  @Test
  void discover_providerOfAnotherSpiVersionIsKeptAsLoadError() {
    WriterRegistry registry = WriterRegistry.builder().discover(pluginLoader(FutureSpiProvider.class.getName(),
        GoodProvider.class.getName())).build();

    assertThat(registry.formats()).contains("good").doesNotContain("future");
    assertThat(registry.loadErrors()).singleElement().asString()
        .contains(FutureSpiProvider.class.getName())
        .contains("SPI version " + (TableWriterProvider.SPI_VERSION + 1))
        .contains("supports version " + TableWriterProvider.SPI_VERSION);
  }

  @Test
  void discover_twoProvidersOfOneFormatFailNamingBothClasses() {
    ClassLoader plugins = pluginLoader(DupOneProvider.class.getName(), DupTwoProvider.class.getName());

    assertThatThrownBy(() -> WriterRegistry.builder().discover(plugins))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("format \"dup\"")
        .hasMessageContaining(DupOneProvider.class.getName())
        .hasMessageContaining(DupTwoProvider.class.getName());
  }

  @Test
  void provider_unknownFormatNamesTheArtifactAndTheAvailableFormats() {
    WriterRegistry registry =
        WriterRegistry.builder().discover(pluginLoader(GoodProvider.class.getName())).build();

    assertThatThrownBy(() -> registry.provider("orc"))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("format \"orc\" requested")
        .hasMessageContaining("io.transmog:transmog-io-orc")
        .hasMessageContaining("class path or module path")
        .hasMessageContaining("Available formats: good, jsonl");
  }

  @Test
  void register_explicitProviderWinsOverADiscoveredOne() {
    TableWriterProvider mine = new ExplicitGood();
    WriterRegistry registry = WriterRegistry.builder()
        .register(mine)
        .discover(pluginLoader(GoodProvider.class.getName(), BrokenProvider.class.getName()))
        .build();

    assertThat(registry.provider("good")).isSameAs(mine);
  }

  @Test
  void register_explicitProviderWinsWhateverTheOrder() {
    TableWriterProvider mine = new ExplicitGood();
    WriterRegistry registry = WriterRegistry.builder()
        .discover(pluginLoader(GoodProvider.class.getName()))
        .register(mine)
        .build();

    assertThat(registry.provider("good")).isSameAs(mine);
  }

  @Test
  void register_worksWithoutAnyDiscovery() {
    TableWriterProvider mine = new ExplicitGood();
    WriterRegistry registry = WriterRegistry.builder().register(mine).build();

    assertThat(registry.formats()).containsExactly("good", "jsonl");
    assertThat(registry.provider("GOOD")).as("format names are case-insensitive").isSameAs(mine);
  }

  @Test
  void discover_theDefaultRegistryIsUnaffectedByTheFixtures() {
    // the fixtures live in test-classes but no services file on the test class path names them
    assertThat(WriterRegistry.discover().formats()).doesNotContain("good", "broken", "dup", "future");
  }

  /** An explicitly registered provider for the fixtures' format {@code good}. */
  static final class ExplicitGood implements TableWriterProvider {
    @Override
    public String format() {
      return "good";
    }

    @Override
    public Set<String> fileExtensions() {
      return Set.of("good");
    }

    @Override
    public TableWriter open(WriterContext context) {
      throw new UnsupportedOperationException("not needed");
    }
  }

  private ClassLoader pluginLoader(String... providers) {
    loader = (URLClassLoader) pluginLoader(dir, providers);
    return loader;
  }

  /**
   * Copies the named fixture classes into {@code dir}, writes a services file listing {@code providers} (which may
   * name classes that do not exist) and returns a child-first loader over {@code dir}; the caller closes it.
   */
  static ClassLoader pluginLoader(Path dir, String... providers) {
    try {
      Path classes = Files.createDirectories(dir.resolve("plugins"));
      for (String name : providers) {
        if (!name.startsWith(FIXTURES)) {
          continue;
        }
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = WriterDiscoveryTest.class.getResourceAsStream("/" + resource)) {
          if (in == null) {
            throw new IllegalStateException("fixture class file not found: " + resource);
          }
          Path target = classes.resolve(resource);
          Files.createDirectories(target.getParent());
          Files.write(target, in.readAllBytes());
        }
      }
      Path services = classes.resolve(SERVICES);
      Files.createDirectories(services.getParent());
      Files.writeString(services, "# test fixture\n" + String.join("\n", providers) + "\n", StandardCharsets.UTF_8);
      return new ChildFirstLoader(new URL[] {classes.toUri().toURL()}, WriterDiscoveryTest.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Defines the fixture classes itself instead of asking its parent, which would find them in test-classes (and, on
   * the module path, inside the patched io.transmog.core module, where ServiceLoader ignores class-path providers).
   */
  private static final class ChildFirstLoader extends URLClassLoader {
    ChildFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(FIXTURES)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }

}
