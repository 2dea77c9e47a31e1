package io.transmog.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.transmog.api.InputLocation;
import io.transmog.api.MalformedInputException;
import io.transmog.api.TransmogOptions;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parsing corpus of JSONTestSuite (nst/JSONTestSuite, {@code test_parsing/}), read from
 * {@code ../shared/data/jsontestsuite} next to the repository (style notes 3.5, item 3). Skipped when the folder is
 * absent.
 *
 * <ul>
 *   <li>{@code y_*}: valid JSON, must flatten (a top-level scalar is the record {@code {"value": x}});
 *   <li>{@code n_*}: invalid JSON, must fail with {@link MalformedInputException} naming the file and carrying a line
 *       or byte offset, never another exception and never a {@link StackOverflowError};
 *   <li>{@code i_*}: implementation-defined, may flatten or fail with {@link MalformedInputException}, nothing else.
 * </ul>
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonTestSuiteTest {
  /** Overrides where the corpus is looked for. */
  static final String DIR_PROPERTY = "transmog.jsontestsuite.dir";

  private static final TransmogOptions OPTIONS = TransmogOptions.builder().name("suite").build();

  @BeforeAll
  static void corpusPresent() {
    assumeTrue(corpus().isPresent(), "JSONTestSuite not found (../shared/data/jsontestsuite next to the repository)");
  }

  static Stream<Named<Path>> accepted() {
    return files("y_");
  }

  static Stream<Named<Path>> rejected() {
    return files("n_");
  }

  static Stream<Named<Path>> either() {
    return files("i_");
  }

  @ParameterizedTest(name = "{index} - {0}")
  @MethodSource("accepted")
  void y_flattens(Path file) {
    Throwable t = attempt(file);
    if (t != null) {
      fail("%s must flatten but threw %s%n  content: %s%n%s", file.getFileName(), t, show(file), trace(t));
    }
  }

  @ParameterizedTest(name = "{index} - {0}")
  @MethodSource("rejected")
  void n_failsWithLocation(Path file) {
    Throwable t = attempt(file);
    if (t == null) {
      fail("%s is not valid JSON but flattened without error%n  content: %s", file.getFileName(), show(file));
    }
    assertMalformed(file, t);
  }

  @ParameterizedTest(name = "{index} - {0}")
  @MethodSource("either")
  void i_flattensOrFailsCleanly(Path file) {
    Throwable t = attempt(file);
    if (t != null) {
      assertMalformed(file, t);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void assertMalformed(Path file, Throwable t) {
    if (!(t instanceof MalformedInputException)) {
      fail("%s must fail with MalformedInputException but threw %s%n  content: %s%n%s",
          file.getFileName(), t.getClass().getName(), show(file), trace(t));
    }
    MalformedInputException e = (MalformedInputException) t;
    String name = file.getFileName().toString();
    assertThat(e.getMessage()).as("message of %s", name).contains(name);
    InputLocation at = e.location();
    assertThat(at.line() >= 0 || at.byteOffset() >= 0)
        .as("%s: location %s has neither a line nor a byte offset", name, at)
        .isTrue();
  }

  /** Flattens a file; returns what it threw, {@code null} on success. Errors are caught so they can be reported. */
  private static Throwable attempt(Path file) {
    try {
      FlattenResult result = Transmog.flatten(file, OPTIONS);
      assertThat(result.main()).isNotNull();
      return null;
    } catch (Throwable t) { // StackOverflowError and other errors are findings, not crashes of the run
      return t;
    }
  }

  private static Stream<Named<Path>> files(String prefix) {
    Optional<Path> dir = corpus();
    if (dir.isEmpty()) {
      return Stream.empty();
    }
    try (Stream<Path> list = Files.list(dir.get())) {
      List<Path> files = list
          .filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".json"))
          .sorted()
          .collect(Collectors.toList());
      return files.stream().map(p -> Named.of(p.getFileName().toString(), p));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + dir.get(), e);
    }
  }

  /**
   * Finds the corpus: the system property, else {@code shared/data/jsontestsuite} beside the repository root (the
   * nearest directory upwards holding {@code mvnw} and {@code transmog-core/}), else beside any ancestor.
   */
  static Optional<Path> corpus() {
    String override = System.getProperty(DIR_PROPERTY);
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("transmog-core"))) {
        Path candidate = p.resolveSibling("shared").resolve("data").resolve("jsontestsuite");
        if (Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
        break;
      }
    }
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data").resolve("jsontestsuite");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The file's bytes for a failure message: printable ASCII as is, everything else escaped; long files cut. */
  private static String show(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return "<unreadable: " + e + ">";
    }
    StringBuilder sb = new StringBuilder();
    int n = Math.min(bytes.length, 120);
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xFF;
      if (b >= 0x20 && b < 0x7F && b != '\\') {
        sb.append((char) b);
      } else {
        sb.append(String.format("\\x%02X", b));
      }
    }
    if (bytes.length > n) {
      sb.append("… (").append(bytes.length).append(" bytes)");
    }
    return sb.toString();
  }

  private static String trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    // a StackOverflowError trace is thousands of identical frames; the head says enough
    return s.length() > 4000 ? s.substring(0, 4000) + "\n\t…" : s;
  }
}
