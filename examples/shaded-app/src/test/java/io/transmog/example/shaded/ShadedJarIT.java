package io.transmog.example.shaded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar the way its users do, {@code java -jar target/<jar>}, in a fresh JVM whose class path is that one
 * jar, and checks that every bundled writer is discovered and works.
 */
class ShadedJarIT {
  private static Path jar;
  private static List<String> expected;

  @TempDir Path tmp;

  @BeforeAll
  static void locateTheJar() {
    jar = Path.of(System.getProperty("shaded.jar"));
    expected = Arrays.asList(System.getProperty("expected.formats").split(","));
    assertThat(jar).isRegularFile();
  }

  @Test
  void isAnUberJarWithMergedServicesFiles() throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      assertThat(j.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.transmog.example.shaded.Main");
      assertThat(j.getEntry("io/transmog/core/Transmog.class")).isNotNull();
      assertThat(j.getEntry("module-info.class")).as("a class-path jar").isNull();
      String services = new String(j.getInputStream(
          j.getEntry("META-INF/services/io.transmog.api.spi.TableWriterProvider")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(services.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")))
          .as("one provider line per writer jar, concatenated").hasSize(expected.size());
    }
  }

  @Test
  void discoversEveryWriter() throws Exception {
    List<String> out = javaJar();
    String formats = out.stream().filter(l -> l.startsWith("formats: ")).findFirst().orElseThrow()
        .substring("formats: ".length());
    assertThat(new TreeSet<>(Arrays.asList(formats.split(",")))).as(String.join("\n", out))
        .isEqualTo(new TreeSet<>(expected));
    assertThat(out).contains("load errors: none");
  }

  @Test
  void everyWriterWritesFromTheUberJar() throws Exception {
    Path outDir = tmp.resolve("out");
    List<String> out = javaJar(outDir.toString());
    for (String format : expected) {
      assertThat(out).as(String.join("\n", out))
          .contains("wrote " + format + ": sessions=3 sessions_events=3");
      try (Stream<Path> files = Files.list(outDir.resolve(format))) {
        List<String> names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        assertThat(names).as(format).hasSize(3).contains("_transmog_manifest.json")
            .anyMatch(n -> n.startsWith("sessions.")).anyMatch(n -> n.startsWith("sessions_events."));
      }
    }
  }

  private static List<String> javaJar(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    return printed.lines().collect(Collectors.toList());
  }
}
