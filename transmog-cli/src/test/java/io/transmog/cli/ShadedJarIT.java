package io.transmog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built executable {@code target/transmog.jar} in a separate JVM (failsafe, after {@code package}), as users
 * and the {@code ./transmog} launcher do: the writers must be discovered from the shaded jar.
 */
class ShadedJarIT {
  static Path jar;

  @TempDir Path tmp;

  @BeforeAll
  static void findJar() {
    jar = Path.of(System.getProperty("transmog.jar", "target/transmog.jar"));
    assertThat(jar).as("the shaded jar (built by mvn package)").isRegularFile();
  }

  record Run(int exitCode, String out, String err) {}

  static Run java(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(args);
    Path outFile = Files.createTempFile("transmog-it", ".out");
    Path errFile = Files.createTempFile("transmog-it", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("finished: " + cmd).isTrue();
      Charset cs = Charset.defaultCharset();
      return new Run(p.exitValue(), Files.readString(outFile, cs), Files.readString(errFile, cs));
    } finally {
      Files.deleteIfExists(outFile);
      Files.deleteIfExists(errFile);
    }
  }

  @Test
  void formats_fromTheClassPath_includeCsvAndJsonl() throws Exception {
    Run r = java(List.of("-cp", jar.toString(), "io.transmog.cli.Main", "formats"));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).containsPattern("(?m)^csv +\\S").containsPattern("(?m)^jsonl +\\S");
    assertThat(r.err()).as("no provider failed to load").isEmpty();
  }

  @Test
  void executableJar_flattensTheFixture() throws Exception {
    Path input = tmp.resolve("orders.jsonl");
    Files.copy(ShadedJarIT.class.getResourceAsStream("orders.jsonl"), input);
    Path out = tmp.resolve("out");

    Run r = java(List.of("-jar", jar.toString(), "flatten", input.toString(), "--name", "orders", "--out",
        out.toString()));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("wrote 3 tables");
    assertThat(out.resolve("orders.csv")).isRegularFile();
    assertThat(out.resolve("orders_items.csv")).isRegularFile();
    assertThat(out.resolve("orders_items_discounts.csv")).isRegularFile();
  }

  @Test
  void executableJar_exitCodesReachTheShell() throws Exception {
    Run missing = java(List.of("-jar", jar.toString(), "flatten", tmp.resolve("nope.json").toString()));
    Run usage = java(List.of("-jar", jar.toString(), "flatten", "x.json", "--format", "xml"));

    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).startsWith("transmog: input file not found: ").doesNotContain("\tat ");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("csv").contains("jsonl");
  }

  @Test
  void version_isTheBuildVersion() throws Exception {
    Run r = java(List.of("-jar", jar.toString(), "--version"));

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("transmog " + System.getProperty("transmog.version", ""));
  }

  @Test
  void jarContents_mergedServicesAndNoModuleDescriptor() throws IOException {
    try (JarFile jf = new JarFile(jar.toFile())) {
      assertThat(jf.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.transmog.cli.Main");
      ZipEntry services = jf.getEntry("META-INF/services/io.transmog.api.spi.TableWriterProvider");
      assertThat(services).as("merged service file").isNotNull();
      String providers = new String(jf.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(providers).contains("io.transmog.core.internal.jsonl.JsonLinesWriterProvider")
          .contains("io.transmog.io.csv.");
      assertThat(jf.stream().map(ZipEntry::getName))
          .as("a class-path jar: no module descriptor, no stale signatures")
          .noneMatch(n -> n.endsWith("module-info.class"))
          .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"));
    }
  }

  /**
   * The thin modular jars on the module path: proves module-info of the CLI, core and the CSV plugin (found through
   * {@code provides}, not through the merged service file).
   */
  @Test
  void formats_onTheModulePath_includeCsvAndJsonl() throws Exception {
    List<String> modulePath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String e = entry.replace('\\', '/');
      // api, core, cli and the CSV plugin: the writers with heavier stacks (Parquet and ORC are class-path only, Arrow
      // needs its own jars and an --add-opens) are proven elsewhere
      boolean ours = e.contains("transmog") && !e.contains("test-classes") && !e.endsWith("/transmog.jar")
          && !e.contains("transmog-io-parquet") && !e.contains("transmog-io-orc") && !e.contains("transmog-io-arrow");
      boolean runtimeDependency = e.contains("/com/fasterxml/jackson/core/jackson-core/")
          || e.contains("/org/apache/commons/commons-csv/")
          || e.contains("/commons-io/commons-io/")
          || e.contains("/commons-codec/commons-codec/")
          || e.contains("/info/picocli/picocli/");
      if (ours || runtimeDependency) {
        modulePath.add(entry);
      }
    }

    Run r = java(List.of("-p", String.join(File.pathSeparator, modulePath), "-m", "io.transmog.cli/io.transmog.cli.Main",
        "formats"));

    assertThat(r.exitCode()).as(r + "\nmodule path: " + modulePath).isZero();
    assertThat(r.out()).containsPattern("(?m)^csv +\\S").containsPattern("(?m)^jsonl +\\S");
  }
}
