package io.transmog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #2, acceptance: every JSON file of {@code ../shared/data/real/} (next to the repository) flattens through the
 * CLI to CSV; the CSV files, read back with Commons CSV, re-join child rows to parents by {@code _id}/{@code _parent_id},
 * and every scalar value of the input appears exactly once in the output.
 *
 * <p>How values are compared, since CSV keeps no types:
 *
 * <ul>
 *   <li>input scalars are counted as a multiset by streaming the file with Jackson: strings by their exact text,
 *       numbers by their exact decimal value ({@code 1e10} equals a cell {@code 1.0E10}), booleans as
 *       {@code true}/{@code false}; {@code null} is not counted;
 *   <li>empty strings are not counted either: the CSV writer writes {@code null} and {@code ""} alike as an empty
 *       field (documented), so an empty cell proves nothing;
 *   <li>every non-empty output cell outside the generated columns ({@code _id}, {@code _parent_id},
 *       {@code _timestamp}) must use up one input scalar: first as a string with the same text, else as a number of
 *       the same value, else as a boolean, else, for JSON-text cells (inline arrays in SMART mode, mixed-type columns),
 *       each scalar inside the JSON text is used up the same way;
 *   <li>at the end no input scalar may be left over and no cell may be unmatched.
 * </ul>
 *
 * <p>Runs in SEPARATE mode, where every scalar has a cell of its own, and in the default SMART mode, where scalar
 * arrays are JSON text inside a cell.
 */
class RealDataTest {
  static final String ID = "_id";
  static final String PARENT_ID = "_parent_id";
  static final Set<String> GENERATED = Set.of(ID, PARENT_ID, "_timestamp");

  @TempDir Path tmp;

  /** Finds {@code shared/data/real} next to the repository root (or as given by {@code -Dtransmog.realData}). */
  static Optional<Path> realDataDir() {
    String given = System.getProperty("transmog.realData");
    if (given != null && !given.isBlank()) {
      return Optional.of(Path.of(given)).filter(Files::isDirectory);
    }
    // from the module directory the folder is ../../shared/data/real; walk up so any working directory works
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("real");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static List<Path> realDataFiles() {
    Optional<Path> dir = realDataDir();
    if (dir.isEmpty()) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir.get())) {
      return files
          .filter(f -> f.getFileName().toString().matches(".*\\.(json|jsonl|ndjson)"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One test per file; when the folder is absent, one test that is skipped (reported as skipped, not as passed). */
  Stream<DynamicTest> perFile(String arrayMode) {
    List<Path> files = realDataFiles();
    if (files.isEmpty()) {
      return Stream.of(DynamicTest.dynamicTest("real data absent", () -> Assumptions.abort(
          "../shared/data/real (JSON files) not found above " + Path.of("").toAbsolutePath()
              + ": skipping the real-data test")));
    }
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, arrayMode)));
  }

  @TestFactory
  Stream<DynamicTest> separateMode_everyScalarOnce_everyChildJoinsItsParent() {
    return perFile("separate");
  }

  @TestFactory
  Stream<DynamicTest> smartMode_everyScalarOnce_everyChildJoinsItsParent() {
    return perFile("smart");
  }

  void check(Path input, String arrayMode) throws IOException {
    String base = input.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    String name = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    Path out = tmp.resolve(arrayMode + "-" + base);

    Cli.Result r = Cli.run("flatten", input.toString(), "--name", name, "--format", "csv", "--array-mode",
        arrayMode, "--out", out.toString());

    assertThat(r.exitCode()).as("flatten %s:%n%s", input.getFileName(), r).isZero();
    Map<String, CsvTable> tables = CsvTable.readAll(out);
    assertThat(tables).as("tables of " + input.getFileName()).containsKey(name);
    checkJoins(name, tables);
    checkValues(input, tables);
    deleteRecursively(out);
  }

  /** Every row has a unique, non-empty _id; every child row's _parent_id is an _id of its parent table. */
  static void checkJoins(String main, Map<String, CsvTable> tables) {
    Map<String, Set<String>> idsByTable = new HashMap<>();
    for (CsvTable t : tables.values()) {
      assertThat(t.header()).as("columns of " + t.name()).contains(ID);
      List<String> ids = t.values(ID);
      Set<String> unique = new HashSet<>(ids);
      assertThat(ids).as("_id of " + t.name()).doesNotContain("");
      assertThat(unique).as("_id of " + t.name() + " must be unique").hasSameSizeAs(ids);
      idsByTable.put(t.name(), unique);
    }
    for (CsvTable t : tables.values()) {
      if (t.name().equals(main)) {
        continue;
      }
      assertThat(t.name()).as("a child table is named after the main table").startsWith(main + "_");
      assertThat(t.header()).as("columns of " + t.name()).contains(PARENT_ID);
      Set<String> parentIds = new HashSet<>(t.values(PARENT_ID));
      // the parent is the longest existing table name that, followed by "_", is a prefix of this name (a child
      // table is named parent + "_" + path); shorter candidates only serve to explain a failure
      List<String> candidates = tables.keySet().stream()
          .filter(p -> t.name().startsWith(p + "_"))
          .sorted(Comparator.comparingInt(String::length).reversed())
          .toList();
      String parent = candidates.get(0);
      Set<String> orphans = new HashSet<>(parentIds);
      orphans.removeAll(idsByTable.get(parent));
      if (!orphans.isEmpty()) {
        Optional<String> linked = candidates.stream()
            .filter(p -> idsByTable.get(p).containsAll(parentIds))
            .findFirst();
        fail("table " + t.name() + ": " + orphans.size() + " of " + parentIds.size() + " _parent_id values are no"
            + " _id of its parent table " + parent + ", e.g. " + orphans.stream().limit(3).toList()
            + linked.map(l -> "; they are _ids of " + l + " instead (not the direct parent)").orElse(""));
      }
    }
  }

  /** Every input scalar appears exactly once among the output cells. */
  static void checkValues(Path input, Map<String, CsvTable> tables) throws IOException {
    ScalarBag bag = ScalarBag.of(input);
    List<String> unmatched = new ArrayList<>();
    long cells = 0;
    for (CsvTable t : tables.values()) {
      for (int c = 0; c < t.header().size(); c++) {
        if (GENERATED.contains(t.header().get(c))) {
          continue;
        }
        for (List<String> row : t.rows()) {
          String cell = row.get(c);
          if (cell.isEmpty()) {
            continue;
          }
          cells++;
          if (!bag.takeCell(cell)) {
            unmatched.add(t.name() + "." + t.header().get(c) + " = " + abbreviate(cell));
          }
        }
      }
    }
    StringBuilder problems = new StringBuilder();
    if (!unmatched.isEmpty()) {
      problems.append(unmatched.size()).append(" output cells match no remaining input value, e.g.:\n");
      unmatched.stream().limit(15).forEach(u -> problems.append("    ").append(u).append('\n'));
    }
    List<String> left = bag.leftOver();
    if (!left.isEmpty()) {
      problems.append(bag.leftOverCount()).append(" input values are missing from the output, e.g.:\n");
      left.stream().limit(15).forEach(u -> problems.append("    ").append(u).append('\n'));
    }
    if (problems.length() > 0) {
      fail(input.getFileName() + " (" + bag.total + " input scalars, " + cells + " non-empty cells): \n" + problems);
    }
  }

  static String abbreviate(String s) {
    String oneLine = s.replace("\n", "\\n");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The multiset of an input's scalars: strings by text, numbers by exact value, booleans. */
  static final class ScalarBag {
    private static final JsonFactory JSON = new JsonFactory();

    final Map<String, Integer> strings = new HashMap<>();
    final Map<BigDecimal, Integer> numbers = new HashMap<>();
    final Map<Boolean, Integer> booleans = new HashMap<>();
    long total;

    static ScalarBag of(Path input) throws IOException {
      ScalarBag bag = new ScalarBag();
      try (JsonParser p = JSON.createParser(input.toFile())) {
        // a JSON Lines file is a sequence of root-level values, which the parser reads one after another
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          bag.add(p, t);
        }
      }
      return bag;
    }

    private void add(JsonParser p, JsonToken t) throws IOException {
      switch (t) {
        case VALUE_STRING -> {
          if (!p.getText().isEmpty()) {
            strings.merge(p.getText(), 1, Integer::sum);
            total++;
          }
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          numbers.merge(number(p.getText()), 1, Integer::sum);
          total++;
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          booleans.merge(t == JsonToken.VALUE_TRUE, 1, Integer::sum);
          total++;
        }
        default -> {
          // structure and null: nothing to count
        }
      }
    }

    /** Uses up the input value(s) a cell stands for; false if the cell matches nothing left. */
    boolean takeCell(String cell) {
      if (take(strings, cell)) {
        return true;
      }
      BigDecimal n = parseNumber(cell);
      if (n != null && take(numbers, n)) {
        return true;
      }
      if ((cell.equals("true") || cell.equals("false")) && take(booleans, cell.equals("true"))) {
        return true;
      }
      char first = cell.charAt(0);
      if (first == '[' || first == '{' || first == '"') {
        return takeJsonText(cell);
      }
      return false;
    }

    /** A JSON-text cell: each scalar inside must be matched by its JSON type. */
    private boolean takeJsonText(String cell) {
      List<Object> scalars = new ArrayList<>();
      try (JsonParser p = JSON.createParser(cell)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          switch (t) {
            case VALUE_STRING -> scalars.add(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalars.add(number(p.getText()));
            case VALUE_TRUE -> scalars.add(Boolean.TRUE);
            case VALUE_FALSE -> scalars.add(Boolean.FALSE);
            default -> {
              // structure and null
            }
          }
        }
      } catch (IOException e) {
        return false; // not JSON text after all
      }
      boolean all = true;
      for (Object s : scalars) {
        boolean ok;
        if (s instanceof String str) {
          ok = str.isEmpty() || take(strings, str);
        } else if (s instanceof BigDecimal num) {
          ok = take(numbers, num);
        } else {
          ok = take(booleans, (Boolean) s);
        }
        all &= ok;
      }
      return all;
    }

    private static <K> boolean take(Map<K, Integer> bag, K key) {
      Integer n = bag.get(key);
      if (n == null) {
        return false;
      }
      if (n == 1) {
        bag.remove(key);
      } else {
        bag.put(key, n - 1);
      }
      return true;
    }

    static BigDecimal number(String text) {
      BigDecimal d = new BigDecimal(text);
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    static BigDecimal parseNumber(String text) {
      char c = text.charAt(0);
      if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
        return null;
      }
      try {
        return number(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    long leftOverCount() {
      long n = 0;
      for (int v : strings.values()) {
        n += v;
      }
      for (int v : numbers.values()) {
        n += v;
      }
      for (int v : booleans.values()) {
        n += v;
      }
      return n;
    }

    List<String> leftOver() {
      List<String> left = new ArrayList<>();
      strings.forEach((k, v) -> left.add("string \"" + abbreviate(k) + "\" x" + v));
      numbers.forEach((k, v) -> left.add("number " + k.toString() + " x" + v));
      booleans.forEach((k, v) -> left.add("boolean " + k + " x" + v));
      left.sort(null);
      return left;
    }
  }
}
