package io.transmog.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.TransmogOptions;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins each shipped module descriptor (after Caffeine's {@code ModuleTest}): name, exact exports, no qualified exports,
 * requires, {@code uses} and {@code provides}, and that every {@code provides} is mirrored by a
 * {@code META-INF/services} file for class-path users. The descriptors are read from the same jars (or class
 * directories) this module's tests run against.
 */
class ModuleDescriptorTest {
  private static final String SPI = "io.transmog.api.spi.TableWriterProvider";
  private static final String SERVICES_FILE = "META-INF/services/" + SPI;
  private static final String CSV_PROVIDER = "io.transmog.io.csv.internal.CsvWriterProvider";

  @Test
  void api_requiresOnlyJavaBase() {
    ModuleDescriptor api = descriptor(TransmogOptions.class, "io.transmog.api");
    assertThat(requiredNames(api)).containsExactly("java.base");
    assertThat(api.isOpen()).isFalse();
  }

  @Test
  void api_exportsExactlyItsPackagesUnqualified() {
    ModuleDescriptor api = descriptor(TransmogOptions.class, "io.transmog.api");
    // the exported API: adding a package here is a deliberate API change, never a side effect
    assertThat(exportedPackages(api)).containsExactlyInAnyOrder(
        "io.transmog.api", "io.transmog.api.table", "io.transmog.api.spi", "io.transmog.api.id",
        "io.transmog.api.transform");
    assertThat(api.packages()).as("every api package is exported").isEqualTo(exportedPackages(api));
    assertThat(api.exports()).noneMatch(Exports::isQualified);
    assertThat(api.opens()).isEmpty();
    // ServiceLoader is called by core, so the `uses` belongs there
    assertThat(api.uses()).isEmpty();
    assertThat(api.provides()).isEmpty();
  }

  @Test
  void core_exportsOnlyItsEntryPackage() {
    ModuleDescriptor core = descriptor(Transmog.class, "io.transmog.core");
    assertThat(exportedPackages(core)).containsExactly("io.transmog.core");
    assertThat(core.exports()).noneMatch(Exports::isQualified);
    assertThat(core.opens()).isEmpty();
    assertThat(core.isOpen()).isFalse();
    assertThat(core.packages()).anyMatch(p -> p.startsWith("io.transmog.core.internal"));
  }

  @Test
  void core_requiresApiTransitivelyAndJacksonCore() {
    ModuleDescriptor core = descriptor(Transmog.class, "io.transmog.core");
    assertThat(requiredNames(core))
        .containsExactlyInAnyOrder("java.base", "io.transmog.api", "com.fasterxml.jackson.core");
    assertThat(requires(core, "io.transmog.api").modifiers()).contains(Requires.Modifier.TRANSITIVE);
    assertThat(requires(core, "com.fasterxml.jackson.core").modifiers())
        .doesNotContain(Requires.Modifier.TRANSITIVE, Requires.Modifier.STATIC);
  }

  @Test
  void core_usesTheWriterSpi() {
    ModuleDescriptor core = descriptor(Transmog.class, "io.transmog.core");
    assertThat(core.uses()).containsExactly(SPI);
    // the built-in JSON Lines writer, if declared, lives in core's internal packages
    for (Provides p : core.provides()) {
      assertThat(p.service()).isEqualTo(SPI);
      assertThat(p.providers()).allMatch(c -> c.startsWith("io.transmog.core.internal."));
    }
  }

  @Test
  void csv_providesTheWriterAndDoesNotRequireCore() {
    ModuleDescriptor csv = descriptor(csvProviderClass(), "io.transmog.io.csv");
    assertThat(csv.provides()).hasSize(1);
    Provides p = csv.provides().iterator().next();
    assertThat(p.service()).isEqualTo(SPI);
    assertThat(p.providers()).containsExactly(CSV_PROVIDER);
    assertThat(requiredNames(csv)).contains("io.transmog.api").doesNotContain("io.transmog.core");
    assertThat(requiredNames(csv)).noneMatch(n -> n.startsWith("io.transmog.") && !n.equals("io.transmog.api"));
    // a plugin exports at most its own typed-options package, never internal ones
    assertThat(exportedPackages(csv)).isSubsetOf(Set.of("io.transmog.io.csv"));
    assertThat(csv.exports()).noneMatch(Exports::isQualified);
    assertThat(csv.opens()).isEmpty();
  }

  @Test
  void everyPlugin_isAModuleThatProvidesAWriterWithoutCore() throws IOException {
    // every writer plugin on the test class path, found by its services file, not by a list kept here
    Map<String, ModuleReference> plugins = new LinkedHashMap<>();
    for (URL url : Collections.list(ModuleDescriptorTest.class.getClassLoader().getResources(SERVICES_FILE))) {
      ModuleReference ref = moduleAt(containerOf(url, SERVICES_FILE));
      plugins.putIfAbsent(ref.descriptor().name(), ref);
    }
    plugins.remove("io.transmog.core"); // the built-in jsonl writer
    assertThat(plugins).as("writer plugins on the test class path").containsKey("io.transmog.io.csv");
    for (ModuleReference ref : plugins.values()) {
      ModuleDescriptor d = ref.descriptor();
      // the name comes from module-info or, for an automatic module, from Automatic-Module-Name (not the file name)
      assertThat(d.name()).as("plugin module name").startsWith("io.transmog.io.");
      assertThat(d.provides()).as(d.name() + " provides").anyMatch(p -> p.service().equals(SPI));
      if (d.isAutomatic()) {
        // allowed where the format library cannot live on the module path (Parquet's jars split packages): the
        // provider then comes from the services file alone, and ArchUnit checks what the plugin depends on
        continue;
      }
      assertThat(requiredNames(d)).as(d.name() + " requires").contains("io.transmog.api")
          .noneMatch(n -> n.startsWith("io.transmog.") && !n.equals("io.transmog.api"));
      assertThat(exportedPackages(d)).as(d.name() + " exports at most its typed-options package")
          .isSubsetOf(Set.of(d.name()));
      assertThat(d.exports()).noneMatch(Exports::isQualified);
      assertThat(servicesFile(ref)).as(d.name() + ": services file vs. provides")
          .contains(d.provides().stream().filter(p -> p.service().equals(SPI))
              .flatMap(p -> p.providers().stream()).collect(Collectors.toCollection(TreeSet::new)));
    }
  }

  @Test
  void cli_exportsNothingAndReachesWritersOnlyThroughCore() {
    ModuleDescriptor cli = descriptor(cliClass(), "io.transmog.cli");
    assertThat(cli.exports()).isEmpty();
    assertThat(requiredNames(cli)).contains("io.transmog.core", "info.picocli")
        .noneMatch(n -> n.startsWith("io.transmog.io."));
    // picocli injects the annotated fields reflectively; nothing else may look inside
    for (ModuleDescriptor.Opens o : cli.opens()) {
      assertThat(o.targets()).as("opens " + o.source()).containsExactly("info.picocli");
    }
    assertThat(cli.provides()).isEmpty();
  }

  @Test
  void everyProvides_isMirroredByAServicesFile() throws IOException {
    Map<String, ModuleReference> modules = shippedModules();
    List<String> checked = new ArrayList<>();
    for (ModuleReference ref : modules.values()) {
      ModuleDescriptor d = ref.descriptor();
      Set<String> declared = d.provides().stream()
          .filter(p -> p.service().equals(SPI))
          .flatMap(p -> p.providers().stream())
          .collect(Collectors.toCollection(TreeSet::new));
      Optional<Set<String>> listed = servicesFile(ref);
      if (declared.isEmpty()) {
        assertThat(listed).as(d.name() + " has a services file but no provides").isEmpty();
        continue;
      }
      assertThat(listed).as(d.name() + ": " + SERVICES_FILE + " (class-path discovery)").isPresent();
      assertThat(listed.get()).as(d.name() + ": services file vs. module-info provides").isEqualTo(declared);
      checked.add(d.name());
    }
    assertThat(checked).contains("io.transmog.io.csv");
  }

  @Test
  void classPath_discoversCsvAndJsonl() {
    Set<String> viaServiceLoader = ServiceLoader.load(TableWriterProvider.class).stream()
        .map(p -> p.get().format())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(viaServiceLoader).contains("csv", "jsonl");
    assertThat(WriterRegistry.discover().formats()).contains("csv", "jsonl");
    assertThat(WriterRegistry.discover().loadErrors()).isEmpty();
  }

  @Test
  void modulePath_resolvesAndBindsTheCsvWriter() throws Exception {
    ModuleFinder finder = classPathModules();
    Configuration cf = ModuleLayer.boot().configuration()
        .resolveAndBind(finder, ModuleFinder.of(), Set.of("io.transmog.cli"));
    // the CLI names no plugin: service binding pulls csv in through core's `uses` and csv's `provides`
    assertThat(cf.findModule("io.transmog.io.csv")).isPresent();
    assertThat(cf.findModule("io.transmog.core").orElseThrow().reads())
        .anyMatch(m -> m.name().equals("io.transmog.api"))
        .anyMatch(m -> m.name().equals("com.fasterxml.jackson.core"));

    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Class<?> spi = layer.findLoader("io.transmog.api").loadClass(SPI);
    assertThat(spi.getModule().getName()).isEqualTo("io.transmog.api");
    Set<String> formats = new TreeSet<>();
    for (ServiceLoader.Provider<?> p : ServiceLoader.load(layer, spi).stream().collect(Collectors.toList())) {
      Object provider = p.get();
      assertThat(provider.getClass().getModule().isNamed()).isTrue();
      formats.add((String) spi.getMethod("format").invoke(provider));
    }
    assertThat(formats).contains("csv", "jsonl");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static ModuleDescriptor descriptor(Class<?> anchor, String expectedName) {
    ModuleReference ref = moduleOf(anchor);
    assertThat(ref.descriptor().name()).isEqualTo(expectedName);
    assertThat(ref.descriptor().isAutomatic()).as(expectedName + " must have a module-info.class").isFalse();
    return ref.descriptor();
  }

  private static Class<?> cliClass() {
    try {
      return Class.forName("io.transmog.cli.Main");
    } catch (ClassNotFoundException e) {
      throw new AssertionError("transmog-cli is not on the test class path: " + e, e);
    }
  }

  private static Class<?> csvProviderClass() {
    try {
      return Class.forName(CSV_PROVIDER);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("transmog-io-csv is not on the test class path: " + e, e);
    }
  }

  /** The module in the jar or class directory a class was loaded from. */
  private static ModuleReference moduleOf(Class<?> anchor) {
    return moduleAt(location(anchor));
  }

  private static ModuleReference moduleAt(Path location) {
    Set<ModuleReference> found = ModuleFinder.of(location).findAll();
    assertThat(found).as("module in " + location).hasSize(1);
    return found.iterator().next();
  }

  /** The jar or directory holding a resource found at {@code url}. */
  private static Path containerOf(URL url, String resource) {
    Optional<Path> jar = jarOf(url);
    if (jar.isPresent()) {
      return jar.get();
    }
    try {
      Path file = Path.of(url.toURI());
      Path dir = file;
      for (int i = 0; i < resource.split("/").length; i++) {
        dir = dir.getParent();
      }
      return dir;
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static Path location(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, ModuleReference> shippedModules() {
    Map<String, ModuleReference> map = new LinkedHashMap<>();
    for (Class<?> anchor : List.of(TransmogOptions.class, Transmog.class, csvProviderClass(), cliClass())) {
      ModuleReference ref = moduleOf(anchor);
      map.put(ref.descriptor().name(), ref);
    }
    return map;
  }

  /**
   * A module finder over the test class path: our modules by their anchor classes, third-party jars by their
   * manifests. Jars that do not form a module (or duplicates) are left out, as the module path would.
   */
  private static ModuleFinder classPathModules() throws IOException {
    Map<String, ModuleReference> byName = new LinkedHashMap<>(shippedModules());
    Collections.list(ModuleDescriptorTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF"))
        .forEach(url -> jarOf(url).ifPresent(jar -> {
          try {
            for (ModuleReference ref : ModuleFinder.of(jar).findAll()) {
              byName.putIfAbsent(ref.descriptor().name(), ref);
            }
          } catch (RuntimeException e) {
            // not usable as a module (e.g. no derivable automatic name): irrelevant to our modules
          }
        }));
    // only our modules and what they require, transitively: the rest of the test class path is not our concern
    Map<String, ModuleReference> all = new LinkedHashMap<>();
    List<String> todo = new ArrayList<>(shippedModules().keySet());
    while (!todo.isEmpty()) {
      String name = todo.remove(0);
      ModuleReference ref = byName.get(name);
      if (ref == null || all.containsKey(name)) {
        continue; // a system module (java.sql) or already done
      }
      all.put(name, ref);
      ref.descriptor().requires().forEach(r -> todo.add(r.name()));
    }
    return new ModuleFinder() {
      @Override
      public Optional<ModuleReference> find(String name) {
        return Optional.ofNullable(all.get(name));
      }

      @Override
      public Set<ModuleReference> findAll() {
        return Set.copyOf(all.values());
      }
    };
  }

  private static Optional<Path> jarOf(URL manifest) {
    String s = manifest.toString();
    if (!s.startsWith("jar:file:") || !s.contains("!/")) {
      return Optional.empty();
    }
    try {
      Path jar = Path.of(new java.net.URI(s.substring(4, s.indexOf("!/"))));
      return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Set<String>> servicesFile(ModuleReference ref) throws IOException {
    try (ModuleReader reader = ref.open()) {
      Optional<InputStream> in = reader.open(SERVICES_FILE);
      if (in.isEmpty()) {
        return Optional.empty();
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.UTF_8))) {
        // java.util.ServiceLoader syntax: one class name a line, '#' starts a comment
        return Optional.of(r.lines()
            .map(l -> l.indexOf('#') >= 0 ? l.substring(0, l.indexOf('#')) : l)
            .map(String::trim)
            .filter(l -> !l.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new)));
      }
    }
  }

  private static Set<String> requiredNames(ModuleDescriptor d) {
    return d.requires().stream().map(Requires::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Requires requires(ModuleDescriptor d, String name) {
    return d.requires().stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(d.name() + " does not require " + name));
  }

  private static Set<String> exportedPackages(ModuleDescriptor d) {
    return d.exports().stream().map(Exports::source).collect(Collectors.toCollection(TreeSet::new));
  }
}
