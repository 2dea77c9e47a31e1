package io.transmog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #5, acceptance 2: the packaged CLI ({@code target/transmog.jar}, the jar users run, started with
 * {@code java -jar} in a separate JVM after {@code package}) flattens the same input to all five formats - csv, jsonl,
 * parquet, orc and arrow - and each file is read back with its format's own Java reader (Commons CSV, Jackson, Parquet
 * Java, ORC Java, Arrow Java; see {@link FormatReadBack}). For every table the row count and every value must equal the
 * engine's in-memory flatten of the same input with the same options, so the five formats also agree with each other.
 *
 * <p>Inputs: {@code examples/orders.jsonl} and {@code all-types.jsonl} (a fixture with every column type, timestamps and
 * dates inferred, decimals of up to 49 digits, nulls and empty strings, unicode keys, arrays nested three levels,
 * arrays of arrays). IDs are deterministic and the processing-time column is off, so every run is comparable.
 */
class AllFormatsIT {
  static final List<String> FORMATS = List.of("csv", "jsonl", "parquet", "orc", "arrow");
  /** Input name (also the main table's name) to file; the files are resolved in {@link #findInputs()}. */
  static final Map<String, Path> INPUTS = new LinkedHashMap<>();

  @TempDir static Path work;

  static Path jar;
  private static final Map<String, Output> RUNS = new ConcurrentHashMap<>();
  private static final Map<String, FlattenResult> MEMORY = new ConcurrentHashMap<>();

  record Output(Path dir, int exitCode, String out, String err) {}

  @BeforeAll
  static void findInputs() throws IOException {
    jar = Path.of(System.getProperty("transmog.jar", "target/transmog.jar")).toAbsolutePath();
    assertThat(jar).as("the shaded jar (built by mvn package)").isRegularFile();
    INPUTS.put("orders", findUp(Path.of("examples", "orders.jsonl")));
    Path allTypes = work.resolve("all-types.jsonl");
    try (InputStream in = AllFormatsIT.class.getResourceAsStream("all-types.jsonl")) {
      assertThat(in).as("test resource io/transmog/cli/all-types.jsonl").isNotNull();
      Files.copy(in, allTypes);
    }
    INPUTS.put("all_types", allTypes);
  }

  /** Finds a repository file from the module directory (failsafe's working directory) or any directory above it. */
  private static Path findUp(Path relative) {
    List<Path> starts = new ArrayList<>();
    if (System.getProperty("basedir") != null) {
      starts.add(Path.of(System.getProperty("basedir")));
    }
    starts.add(Path.of(""));
    for (Path start : starts) {
      for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve(relative))) {
          return p.resolve(relative);
        }
      }
    }
    throw new AssertionError(relative + " not found above " + starts);
  }

  /** The options the CLI flags below stand for. */
  static TransmogOptions options(String name) {
    return TransmogOptions.builder().name(name).idStrategy(IdStrategy.deterministic()).includeTimestamp(false)
        .inferTimestamps(true).build();
  }

  /** The engine's in-memory flatten of an input: what every format must hold. */
  static FlattenResult memory(String input) {
    return MEMORY.computeIfAbsent(input, i -> Transmog.flatten(INPUTS.get(i), options(i)));
  }

  /** Runs {@code java -jar transmog.jar flatten ...} once per input and format. */
  static Output run(String input, String format) {
    return RUNS.computeIfAbsent(input + "/" + format, k -> {
      Path out = work.resolve("out-" + input + "-" + format);
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // in transmog.jar's manifest too; stated as the launcher and the Arrow README do
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "-jar", jar.toString(), "flatten", INPUTS.get(input).toString(),
          "--name", input, "--format", format, "--out", out.toString(),
          "--id-strategy", "deterministic", "--no-timestamp", "--infer-timestamps");
      try {
        Path stdout = work.resolve(k.replace('/', '-') + ".out");
        Path stderr = work.resolve(k.replace('/', '-') + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("finished: %s", cmd).isTrue();
        Charset cs = Charset.defaultCharset();
        return new Output(out, p.exitValue(), Files.readString(stdout, cs), Files.readString(stderr, cs));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });
  }

  /**
   * Checks the run's exit code and manifest against the in-memory result and returns each table's file: one file per
   * table (no parts: one chunk), tables, rows and columns as in memory.
   */
  static Map<String, Path> files(String input, String format) throws IOException {
    Output o = run(input, format);
    FlattenResult expected = memory(input);
    assertThat(o.exitCode()).as("exit code of %s as %s; stderr: %s", input, format, o.err()).isZero();
    assertThat(o.out()).as("summary").startsWith("wrote " + expected.tables().size() + " tables");
    assertThat(o.err()).as("standard error of a successful run").doesNotContain("Exception").doesNotContain("\tat ");

    JsonNode manifest = FormatReadBack.JSON.readTree(o.dir().resolve("_transmog_manifest.json").toFile());
    assertThat(manifest.path("format").asText()).isEqualTo(format);
    List<String> names = new ArrayList<>();
    manifest.path("tables").forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).as("tables in the %s manifest", format).containsExactlyElementsOf(expected.tableNames());
    Map<String, Path> files = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      JsonNode t = manifest.path("tables").get(i);
      Table table = expected.tables().get(i);
      assertThat(t.path("rows").asLong()).as("rows of %s in the %s manifest", table.name(), format)
          .isEqualTo(table.rowCount());
      List<String> columns = new ArrayList<>();
      t.path("columns").forEach(c -> columns.add(c.path("name").asText() + ":" + c.path("type").asText()));
      assertThat(columns).as("columns of %s in the %s manifest", table.name(), format)
          .containsExactlyElementsOf(table.schema().columns().stream().map(c -> c.name() + ":" + c.type()).toList());
      assertThat(t.path("files")).as("files of %s", table.name()).hasSize(1);
      Path file = o.dir().resolve(t.path("files").get(0).path("file").asText());
      assertThat(file).isRegularFile();
      assertThat(file.getFileName().toString()).endsWith("." + format);
      files.put(table.name(), file);
    }
    return files;
  }

  /** Reads one table's file with its format's own reader. */
  static FormatReadBack.Contents read(String format, Path file, Table table, List<String> exponentDecimals) {
    List<Column> columns = table.schema().columns();
    return switch (format) {
      case "csv" -> FormatReadBack.csv(file, columns, exponentDecimals);
      case "jsonl" -> FormatReadBack.jsonl(file, columns);
      case "parquet" -> FormatReadBack.parquet(file, table.name(), columns);
      case "orc" -> FormatReadBack.orc(file, table.name(), columns);
      case "arrow" -> FormatReadBack.arrow(file, table.name(), columns);
      default -> throw new AssertionError(format);
    };
  }

  /** Every table of an input as written in a format, as canonical cells; asserts the reader found no problem. */
  static Map<String, List<List<String>>> readAll(String input, String format) throws IOException {
    Map<String, Path> files = files(input, format);
    Map<String, List<List<String>>> tables = new LinkedHashMap<>();
    for (Table table : memory(input).tables()) {
      FormatReadBack.Contents c = read(format, files.get(table.name()), table, new ArrayList<>());
      assertThat(c.problems()).as("%s: %s read back with the %s reader", input, table.name(), format).isEmpty();
      tables.put(table.name(), c.rows());
    }
    return tables;
  }

  static Stream<String> inputs() {
    return Stream.of("orders", "all_types");
  }

  static Stream<Arguments> inputsAndFormats() {
    return inputs().flatMap(i -> FORMATS.stream().map(f -> Arguments.of(i, f)));
  }

  // ---- the tests ------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("inputsAndFormats")
  void theJarsOutputReadWithTheFormatsOwnReaderHoldsEveryRowAndValue(String input, String format) throws IOException {
    Map<String, List<List<String>>> actual = readAll(input, format);

    for (Table table : memory(input).tables()) {
      List<List<String>> want = FormatReadBack.cells(table);
      List<List<String>> got = actual.get(table.name());
      assertThat(got).as("%s: rows of %s in %s", input, table.name(), format).hasSize(want.size());
      List<String> differences = new ArrayList<>();
      for (int r = 0; r < want.size(); r++) {
        for (int c = 0; c < table.schema().size() && differences.size() < 30; c++) {
          String w = want.get(r).get(c);
          String g = got.get(r).get(c);
          if (w == null ? g != null : !w.equals(g)) {
            differences.add(table.name() + " row " + r + " column " + table.schema().column(c).name() + ": expected "
                + w + " but " + format + " holds " + g);
          }
        }
      }
      assertThat(differences).as("%s: cells of %s in %s that differ from the in-memory table", input, table.name(),
          format).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void allFiveFormatsHoldTheSameRowCountsAndValues(String input) throws IOException {
    Map<String, Map<String, List<List<String>>>> byFormat = new LinkedHashMap<>();
    for (String format : FORMATS) {
      byFormat.put(format, readAll(input, format));
    }

    Map<String, Integer> csvCounts = new LinkedHashMap<>();
    byFormat.get("csv").forEach((t, rows) -> csvCounts.put(t, rows.size()));
    for (String format : FORMATS) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      byFormat.get(format).forEach((t, rows) -> counts.put(t, rows.size()));
      assertThat(counts).as("row counts per table, %s vs csv", format).isEqualTo(csvCounts);
      assertThat(byFormat.get(format)).as("every value, %s vs csv", format).isEqualTo(byFormat.get("csv"));
    }
    int total = csvCounts.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(total).as("rows of %s in all tables", input)
        .isEqualTo(memory(input).tables().stream().mapToInt(Table::rowCount).sum()).isPositive();
  }

  /** The fixture exercises what the acceptance asks for; guards it against being simplified by accident. */
  @Test
  void theAllTypesFixtureHasEveryTypeUnicodeKeysAndThreeLevelsOfArrays() {
    FlattenResult r = memory("all_types");
    Set<ColumnType> types = EnumSet.noneOf(ColumnType.class);
    List<Column> decimals = new ArrayList<>();
    for (Table t : r.tables()) {
      for (Column c : t.schema().columns()) {
        types.add(c.type());
        if (c.type() == ColumnType.DECIMAL) {
          decimals.add(c);
        }
      }
    }
    assertThat(types).containsExactlyInAnyOrder(ColumnType.values());
    assertThat(decimals).anyMatch(c -> c.precision() > 18 && c.precision() <= 38)
        .anyMatch(c -> c.precision() > 38);
    assertThat(r.tableNames()).contains("all_types_orders", "all_types_orders_lines", "all_types_orders_lines_parts");
    assertThat(r.main().schema().columnNames()).contains("名前", "prénom", "😀 emoji", "Ωμέγα_город");
    assertThat(r.main().column("note")).as("an empty string and nulls").containsExactly("", null, null, null);
    assertThat(memory("orders").tableNames()).hasSizeGreaterThanOrEqualTo(3);
  }

  /**
   * transmog-io-csv/README.md: DECIMAL cells are written in "plain decimal form, never an exponent: 1000, 0.000001".
   */
  @Test
  void csvWritesDecimalsInPlainForm() throws IOException {
    Map<String, Path> files = files("all_types", "csv");
    List<String> exponents = new ArrayList<>();
    for (Table table : memory("all_types").tables()) {
      read("csv", files.get(table.name()), table, exponents);
    }
    assertThat(exponents).isEmpty();
  }
}
