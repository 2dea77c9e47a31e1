package io.transmog.io.parquet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.transmog.api.ArrayMode;
import io.transmog.api.InputFormat;
import io.transmog.api.TransmogOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The inputs and options of transmog-core's golden spec checks ({@code transmog-core/src/test/resources/spec/*.json},
 * format in the README there), read straight from core's source tree so that a check added there is round-tripped
 * through Parquet here too. Only {@code input} and {@code options} are used: the expected values of the round trip are
 * the in-memory tables the engine produces, not the spec's expectations (core's own {@code SpecTest} checks those).
 * Checks that expect an error are left out: they produce no tables.
 */
final class GoldenSpecInputs {
  /** Reads spec files exactly: numbers keep every digit, like core's own spec loader. */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private GoldenSpecInputs() {}

  /** One spec check: its {@code file#id}, input text and options. */
  record Check(String file, String id, String input, TransmogOptions options) {
    @Override
    public String toString() {
      return file + "#" + id;
    }
  }

  /** @return core's spec folder; fails (never skips) when it cannot be found, so the round trips cannot vanish */
  static Path specDir() {
    String basedir = System.getProperty("basedir");
    List<Path> starts = new ArrayList<>();
    if (basedir != null) {
      starts.add(Path.of(basedir));
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
        Path spec = p.resolve("transmog-core").resolve("src").resolve("test").resolve("resources").resolve("spec");
        if (Files.isRegularFile(spec.resolve("README.md"))) {
          return spec;
        }
      }
    }
    throw new IllegalStateException("transmog-core/src/test/resources/spec not found above basedir=" + basedir
        + " or " + Path.of("").toAbsolutePath());
  }

  /** @return every check of every spec file that expects tables (files in name order, checks in file order) */
  static List<Check> checks() {
    List<Path> files;
    try (Stream<Path> s = Files.list(specDir())) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Check> checks = new ArrayList<>();
    for (Path f : files) {
      JsonNode root;
      try {
        root = MAPPER.readTree(f.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("spec file " + f, e);
      }
      for (JsonNode c : root.path("checks")) {
        if (c.has("error")) {
          continue;
        }
        checks.add(new Check(f.getFileName().toString(), c.path("id").asText(), input(c.get("input")),
            options(c.path("options"))));
      }
    }
    return checks;
  }

  private static String input(JsonNode in) {
    if (in.isTextual()) {
      return in.asText();
    }
    List<String> lines = new ArrayList<>();
    in.forEach(l -> lines.add(l.asText()));
    return String.join("\n", lines);
  }

  /** Applies the spec's options (builder method name to value), as core's spec loader does. */
  private static TransmogOptions options(JsonNode o) {
    TransmogOptions.Builder b = TransmogOptions.builder();
    if (o.isMissingNode() || o.isNull()) {
      return b.build();
    }
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "name" -> b.name(v.asText());
        case "separator" -> b.separator(v.asText());
        case "arrayMode" -> b.arrayMode(ArrayMode.valueOf(v.asText()));
        case "includeNulls" -> b.includeNulls(v.asBoolean());
        case "stringifyValues" -> b.stringifyValues(v.asBoolean());
        case "maxDepth" -> b.maxDepth(v.asInt());
        case "chunkSize" -> b.chunkSize(v.asInt());
        case "batchSize" -> b.batchSize(v.asInt());
        case "lowMemory" -> b.lowMemory(v.asBoolean());
        case "idColumn" -> b.idColumn(v.asText());
        case "parentIdColumn" -> b.parentIdColumn(v.asText());
        case "timestampColumn" -> b.timestampColumn(v.asText());
        case "includeTimestamp" -> b.includeTimestamp(v.asBoolean());
        case "inputFormat" -> b.inputFormat(InputFormat.valueOf(v.asText()));
        default -> throw new IllegalArgumentException("spec option \"" + e.getKey() + "\" is not known to this test;"
            + " add it to GoldenSpecInputs.options");
      }
    }
    return b.build();
  }
}
