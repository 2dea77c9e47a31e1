package io.transmog.io.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a write in a separate JVM, on the class path and on the module path, with and without the flag Arrow's memory
 * module needs, and checks what the user sees: a {@code WriterException} naming the exact flag, never a raw
 * {@code InaccessibleObjectException}, and no file left behind; with the flag, a readable file.
 *
 * <p>The child JVM gets the plugin's runtime class path as Maven resolved it (compile and runtime scope, written by
 * {@code dependency:build-classpath}) plus the main classes, and the test classes only for
 * {@link io.transmog.io.arrow.testapp.WriteOnce}.
 */
class MemoryAccessFlagTest {
  private static final String CLASS_PATH_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";
  private static final String MODULE_PATH_FLAG = "--add-opens=java.base/java.nio=org.apache.arrow.memory.core";
  private static final String MAIN = "io.transmog.io.arrow.testapp.WriteOnce";

  @TempDir Path dir;

  @Test
  void classPath_withoutTheFlag_failsNamingTheClassPathFlag() throws Exception {
    Path target = dir.resolve("orders.arrow");
    Result r = run(classPath(), target);
    assertThat(r.exit).as(r.toString()).isEqualTo(3);
    assertThat(r.stdout).as(r.toString())
        .contains("FAILED io.transmog.api.WriterException: table orders (" + target + ")")
        .contains("start the JVM with " + CLASS_PATH_FLAG + " (Arrow is on the class path")
        .doesNotContain("InaccessibleObjectException");
    assertThat(r.stderr).as(r.toString()).doesNotContain("InaccessibleObjectException");
    assertThat(dir).as("nothing is created when the flag is missing").isEmptyDirectory();
  }

  @Test
  void classPath_withTheFlag_writesAReadableFile() throws Exception {
    Path target = dir.resolve("orders.arrow");
    List<String> command = new ArrayList<>(List.of(CLASS_PATH_FLAG));
    command.addAll(classPath());
    Result r = run(command, target, "compression=zstd");
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.stdout).as(r.toString()).startsWith("OK unnamed module");
    assertThat(ArrowFiles.read(target).rows()).containsExactly(List.of(1L, "name 1"), List.of(2L, "name 2"),
        Arrays.asList(3L, null));
  }

  @Test
  void modulePath_withoutTheFlag_failsNamingTheModulePathFlag() throws Exception {
    Path target = dir.resolve("orders.arrow");
    // the class-path flag does not help on the module path: java.nio must be opened to the named module
    List<String> command = new ArrayList<>(List.of(CLASS_PATH_FLAG));
    command.addAll(modulePath());
    Result r = run(command, target);
    assertThat(r.exit).as(r.toString()).isEqualTo(3);
    assertThat(r.stdout).as(r.toString())
        .contains("FAILED io.transmog.api.WriterException: table orders (" + target + ")")
        .contains("start the JVM with " + MODULE_PATH_FLAG + " (Arrow is on the module path");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void modulePath_withTheFlag_writesAReadableFile_withoutAddModules() throws Exception {
    Path target = dir.resolve("orders.arrow");
    // no --add-modules org.apache.arrow.memory.unsafe: io.transmog.io.arrow requires it, so it is resolved
    List<String> command = new ArrayList<>(List.of(MODULE_PATH_FLAG));
    command.addAll(modulePath());
    Result r = run(command, target, "dictionary=true", "compression=lz4");
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.stdout).as(r.toString()).startsWith("OK module io.transmog.io.arrow");
    assertThat(ArrowFiles.read(target).rows()).hasSize(3);
  }

  private static List<String> classPath() throws IOException {
    List<String> cp = new ArrayList<>();
    cp.add(System.getProperty("transmog.mainClasses"));
    cp.addAll(runtimeJars());
    cp.add(System.getProperty("transmog.testClasses"));
    return List.of("-cp", String.join(File.pathSeparator, cp), MAIN);
  }

  private static List<String> modulePath() throws IOException {
    List<String> mp = new ArrayList<>();
    mp.add(System.getProperty("transmog.mainClasses"));
    mp.addAll(runtimeJars());
    // WriteOnce runs from the class path (unnamed module) and finds the plugin through ServiceLoader
    return List.of("-p", String.join(File.pathSeparator, mp), "--add-modules", "io.transmog.io.arrow",
        "-cp", System.getProperty("transmog.testClasses"), MAIN);
  }

  private static List<String> runtimeJars() throws IOException {
    String file = System.getProperty("transmog.runtimeClasspathFile");
    assertThat(file).as("system property transmog.runtimeClasspathFile (set by the pom)").isNotNull();
    String cp = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
    return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isEmpty()).collect(Collectors.toList());
  }

  private static Result run(List<String> jvmArgs, Path target, String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 24) {
      // only silences JDK 24+'s sun.misc.Unsafe warning; it has no bearing on java.nio
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(jvmArgs);
    command.add(target.toString());
    command.addAll(List.of(options));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Path out = Files.createTempFile("writeonce", ".out");
    Path err = Files.createTempFile("writeonce", ".err");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("the child JVM did not finish in 120 s: " + command);
      }
      return new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private record Result(List<String> command, int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + " of " + String.join(" ", command) + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
