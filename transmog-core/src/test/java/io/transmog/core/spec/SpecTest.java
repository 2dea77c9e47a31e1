package io.transmog.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.core.Transmog;
import io.transmog.core.spec.SpecSuite.SpecCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden ("spec") tests of the flattening rules: every check of every file in {@code src/test/resources/spec/}
 * (one file per rule, format in {@code spec/README.md}) is flattened from a {@code String} and compared with its
 * expected tables. A failure names the file, the check, the table, row and column, and shows expected and actual
 * values with their Java types, the input and both sets of tables.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpecTest {

  static Stream<SpecCheck> checks() {
    return SpecSuite.checks().stream();
  }

  @ParameterizedTest(name = "{index} - {0}")
  @MethodSource("checks")
  void spec(SpecCheck check) {
    SpecVerifier.run(check, "Transmog.flatten(String)", () -> Transmog.flatten(check.input(), check.options()));
  }

  /** The rules the acceptance criteria name each have their spec file. */
  @Test
  void everyRuleHasASpecFile() {
    Path dir = SpecSuite.specDir();
    for (String f : List.of("nested-objects", "arrays-3-levels", "primitive-arrays-smart",
        "primitive-arrays-separate", "primitive-arrays-inline", "primitive-arrays-skip", "empty-arrays-and-objects",
        "nulls", "unicode-keys", "key-collisions", "max-depth", "heterogeneous-records", "input-shapes",
        "types-and-widening", "stringify", "non-object-records", "custom-separator-and-names")) {
      assertThat(Files.isRegularFile(dir.resolve(f + ".json"))).as("spec file " + f + ".json in " + dir).isTrue();
      assertThat(SpecSuite.checks()).as("checks of " + f).anyMatch(c -> c.file().equals(f + ".json"));
    }
  }
}
