package io.transmog.example.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.example.markdownmain.DiscoveryMain;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The example plugin is found by {@link ServiceLoader} both ways a user deploys it: from {@code META-INF/services} on
 * the class path, and from {@code provides} in {@code module-info} on the module path. Each way is proved in a fresh
 * JVM, so that neither the test runner's own class path nor its module set decides the outcome.
 */
class MarkdownDiscoveryTest {
  private static final String EXPECTED = "markdown " + MarkdownWriterProvider.class.getName() + " ";

  @Test
  void discover_inThisJvm() {
    // on the module path the test classes are patched into the plugin module, which (as a plugin) does not declare
    // `uses`; a host application would. No effect on the class path.
    MarkdownDiscoveryTest.class.getModule().addUses(TableWriterProvider.class);
    List<String> formats = ServiceLoader.load(TableWriterProvider.class).stream()
        .map(p -> p.get().format()).collect(Collectors.toList());
    assertThat(formats).contains("markdown");
  }

  @Test
  void discover_onTheClassPath() throws Exception {
    String cp = String.join(File.pathSeparator, location(TableWriterProvider.class), pluginClasses(), testClasses());
    List<String> out = run(List.of("-cp", cp, DiscoveryMain.class.getName()));
    assertThat(out).as("providers found on the class path").contains(EXPECTED + "unnamed");
  }

  @Test
  void discover_onTheModulePath() throws Exception {
    String mp = String.join(File.pathSeparator, location(TableWriterProvider.class), pluginClasses());
    List<String> out = run(List.of("-p", mp, "--add-modules", "io.transmog.example.markdown", "-cp", testClasses(),
        DiscoveryMain.class.getName()));
    assertThat(out).as("providers found on the module path").contains(EXPECTED + "io.transmog.example.markdown");
  }

  @Test
  void moduleDescriptor_providesTheWriterAndRequiresOnlyTheApi() throws Exception {
    String classes = pluginClasses();
    ModuleReference ref = ModuleFinder.of(Paths.get(classes)).find("io.transmog.example.markdown")
        .orElseThrow(() -> new AssertionError("no module io.transmog.example.markdown in " + classes));
    ModuleDescriptor d = ref.descriptor();
    assertThat(d.isAutomatic()).isFalse();
    assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "io.transmog.api");
    assertThat(d.exports()).as("a plugin need export nothing").isEmpty();
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(TableWriterProvider.class.getName());
      assertThat(p.providers()).containsExactly(MarkdownWriterProvider.class.getName());
    });
    Path services = Paths.get(classes, "META-INF", "services", TableWriterProvider.class.getName());
    assertThat(Files.readAllLines(services, StandardCharsets.UTF_8)).as("META-INF/services matches provides")
        .containsExactly(MarkdownWriterProvider.class.getName());
  }

  private static String pluginClasses() throws URISyntaxException {
    return location(MarkdownWriterProvider.class);
  }

  private static String testClasses() throws URISyntaxException {
    return location(DiscoveryMain.class);
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static List<String> run(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the JVM finished").isTrue();
    assertThat(p.exitValue()).as("exit code of " + command + "; output:\n" + output).isZero();
    return output.lines().collect(Collectors.toList());
  }
}
