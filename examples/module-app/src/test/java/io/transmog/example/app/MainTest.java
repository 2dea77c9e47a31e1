package io.transmog.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.core.WriterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on the module path: surefire sees {@code module-info.java} and patches these tests into
 * {@code io.transmog.example.app}; the first test proves it.
 */
class MainTest {
  @TempDir Path tmp;

  @Test
  void runsAsANamedModule() {
    Module self = Main.class.getModule();
    assertThat(self.isNamed()).as("Main is in a named module: the test runs on the module path").isTrue();
    assertThat(self.getName()).isEqualTo("io.transmog.example.app");
    assertThat(self.getLayer()).isSameAs(ModuleLayer.boot());
    assertThat(WriterRegistry.class.getModule().getName()).isEqualTo("io.transmog.core");
    assertThat(self.getDescriptor().requires()).extracting(ModuleDescriptor.Requires::name)
        .contains("io.transmog.core").doesNotContain("io.transmog.io.csv");
  }

  @Test
  void findsTheCsvWriterThroughTheModuleLayer() {
    WriterRegistry registry = WriterRegistry.discover();
    assertThat(registry.formats()).contains("csv", "jsonl");
    assertThat(registry.loadErrors()).isEmpty();
    TableWriterProvider csv = registry.provider("csv");
    Module m = csv.getClass().getModule();
    assertThat(m.isNamed()).as("the csv provider comes from a named module, not from META-INF/services").isTrue();
    assertThat(m.getName()).isEqualTo("io.transmog.io.csv");
    assertThat(m.getLayer()).isSameAs(ModuleLayer.boot());
    // bound as a service: resolved although nothing `requires` it
    assertThat(ModuleLayer.boot().findModule("io.transmog.io.csv")).isPresent();
    // encapsulated: the provider's package is not exported, only the typed options are
    assertThat(m.isExported(csv.getClass().getPackageName())).isFalse();
    assertThat(m.isExported("io.transmog.io.csv")).isTrue();
  }

  @Test
  void mainFlattensARecordToCsv() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<Path> files = Main.run(tmp, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("module: io.transmog.example.app (named: true)",
        "provider csv: io.transmog.io.csv (layer: boot)", "wrote records.csv", "wrote records_items.csv");
    assertThat(printed.lines().filter(l -> l.startsWith("formats: ")).findFirst().orElseThrow())
        .contains("csv", "jsonl");
    assertThat(files).containsExactly(tmp.resolve("records.csv"), tmp.resolve("records_items.csv"));
    List<String> items = Files.readAllLines(tmp.resolve("records_items.csv"));
    assertThat(items).hasSize(3);
    assertThat(items.get(0)).contains("_id", "_parent_id", "sku", "qty");
  }

  @Test
  void mainRunsWithJavaDashM() throws Exception {
    // the launch a user would do: `java -p <module path> -m io.transmog.example.app/...Main`, in a child JVM, with the
    // module path surefire gave this JVM (target/classes and the dependency jars)
    String modulePath = System.getProperty("jdk.module.path");
    assertThat(modulePath).as("jdk.module.path").isNotBlank();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path out = tmp.resolve("child");
    Process p = new ProcessBuilder(java.toString(), "-p", modulePath,
        "-m", "io.transmog.example.app/io.transmog.example.app.Main", out.toString())
        .redirectErrorStream(true)
        .start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed).contains("module: io.transmog.example.app (named: true)",
        "provider csv: io.transmog.io.csv (layer: boot)", "wrote records.csv");
    assertThat(out.resolve("records_items.csv")).isRegularFile();
  }
}
