package io.transmog.core.spec;

import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import io.transmog.core.spec.SpecSuite.SpecCheck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every spec check again with its input fed through the other entry points (an {@code InputStream} of UTF-8
 * bytes, a gzip-compressed stream, a {@code Reader}, a temporary {@code .json} file and, when the input is JSON Lines,
 * a {@code .jsonl} file via {@code flattenFile}, and the {@code String} entry point in low-memory mode with one record per
 * chunk). Each run must give the same tables as {@code Transmog.flatten(String)} (IDs and timestamps aside) and
 * match the spec's expected tables; checks that expect an error must raise it through every entry point.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpecEntryPointsTest {

  /** The ways into the engine besides {@code Transmog.flatten(String)}. */
  enum Via {
    INPUT_STREAM("Transmog.flatten(InputStream of UTF-8 bytes)"),
    GZIP_INPUT_STREAM("Transmog.flatten(InputStream of gzip bytes)"),
    READER("Transmog.flatten(Reader)"),
    JSON_FILE("Transmog.flatten(Path of a .json file)"),
    JSONL_FILE("Transmog.flattenFile(Path of a .jsonl file)"),
    LOW_MEMORY("Transmog.flatten(String) with lowMemory=true, chunkSize=1");

    private final String label;

    Via(String label) {
      this.label = label;
    }

    boolean applies(SpecCheck c) {
      return switch (this) {
        case JSONL_FILE -> SpecSuite.isJsonLines(c);
        case LOW_MEMORY -> c.optionsJson() != null && !c.optionsJson().has("lowMemory")
            && !c.optionsJson().has("chunkSize") && !c.optionsJson().has("batchSize");
        default -> true;
      };
    }

    FlattenResult run(SpecCheck c, Path dir) throws IOException {
      byte[] utf8 = c.input().getBytes(StandardCharsets.UTF_8);
      TransmogOptions o = c.options();
      switch (this) {
        case INPUT_STREAM:
          return Transmog.flatten(new ByteArrayInputStream(utf8), o);
        case GZIP_INPUT_STREAM: {
          ByteArrayOutputStream gz = new ByteArrayOutputStream();
          try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(utf8);
          }
          return Transmog.flatten(new ByteArrayInputStream(gz.toByteArray()), o);
        }
        case READER:
          return Transmog.flatten(new StringReader(c.input()), o);
        case JSON_FILE: {
          Path f = Files.write(dir.resolve("input.json"), utf8);
          return Transmog.flatten(f, o);
        }
        case JSONL_FILE: {
          Path f = Files.write(dir.resolve("input.jsonl"), utf8);
          return Transmog.flattenFile(f, o);
        }
        case LOW_MEMORY:
          return Transmog.flatten(c.input(), o.toBuilder().lowMemory(true).chunkSize(1).build());
        default:
          throw new IllegalStateException(name());
      }
    }

    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (SpecCheck c : SpecSuite.checks()) {
      if (c.loadError() != null) {
        continue; // reported by SpecTest
      }
      for (Via via : Via.values()) {
        if (via.applies(c)) {
          cases.add(Arguments.of(c, via));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{index} - {0} via {1}")
  @MethodSource("cases")
  void entryPointAgreesWithSpec(SpecCheck check, Via via, @TempDir Path dir) {
    SpecVerifier.run(check, via.toString(), () -> via.run(check, dir), r -> agreeWithStringEntryPoint(check, via, r));
  }

  /** Compares with the String entry point first, so that a disagreement is reported as such. */
  private static void agreeWithStringEntryPoint(SpecCheck check, Via via, FlattenResult viaResult) {
    FlattenResult reference;
    try {
      reference = Transmog.flatten(check.input(), check.options());
    } catch (RuntimeException e) {
      return; // SpecTest reports the String entry point's failure
    }
    String expected = SpecVerifier.dump(reference, check.options());
    String actual = SpecVerifier.dump(viaResult, check.options());
    if (!expected.equals(actual)) {
      throw new AssertionError("spec " + check + ": " + via + " disagrees with Transmog.flatten(String)\n"
          + SpecVerifier.context(check) + "via String:\n" + expected + "via " + via + ":\n" + actual);
    }
    // default IDs are random: two runs share none
    Set<Object> first = ids(reference, check.options());
    first.retainAll(ids(viaResult, check.options()));
    if (!first.isEmpty()) {
      throw new AssertionError("spec " + check + ": default IDs must be random, but two runs (String and " + via
          + ") both produced " + first + "\n" + SpecVerifier.context(check));
    }
  }

  private static Set<Object> ids(FlattenResult r, TransmogOptions o) {
    Set<Object> ids = new HashSet<>();
    for (Table t : r.tables()) {
      if (t.schema().indexOf(o.idColumn()) >= 0) {
        ids.addAll(t.column(o.idColumn()));
      }
    }
    ids.remove(null);
    return ids;
  }
}
