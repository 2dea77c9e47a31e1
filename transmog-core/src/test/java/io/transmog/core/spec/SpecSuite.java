package io.transmog.core.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.transmog.api.ArrayMode;
import io.transmog.api.InputFormat;
import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads the golden spec files from {@code src/test/resources/spec/*.json} (format: see {@code spec/README.md}).
 *
 * <p>A file or check that cannot be read becomes a check carrying a {@link SpecCheck#loadError()}, so that one broken
 * spec fails one test with a clear message instead of breaking the whole suite.
 */
final class SpecSuite {
  static {
    // The tests are patched into module io.transmog.core, which (rightly) does not require jackson-databind; on the
    // module path the test code must be allowed to read it. A no-op on the class path.
    readDatabind();
  }

  /** Reads spec files exactly: big numbers and decimals keep every digit, duplicate keys are errors. */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static volatile List<SpecCheck> cache;

  private SpecSuite() {}

  private static void readDatabind() {
    try {
      Module databind = Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false,
          SpecSuite.class.getClassLoader()).getModule();
      SpecSuite.class.getModule().addReads(databind);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("jackson-databind (test scope) is missing", e);
    }
  }

  /** One expected table of a check. */
  record ExpectedTable(String name, String parent, List<Column> columns, List<List<JsonNode>> rows) {
    List<String> columnNames() {
      return columns.stream().map(Column::name).collect(Collectors.toList());
    }
  }

  /**
   * One check: input and options, and either the expected tables (in {@code tables()} order) or the simple name of the
   * expected exception.
   */
  record SpecCheck(
      String file,
      String id,
      String description,
      JsonNode optionsJson,
      TransmogOptions options,
      String input,
      String error,
      List<ExpectedTable> expected,
      String loadError) {

    /** @return {@code file#id}, the test's display name */
    @Override
    public String toString() {
      return file + "#" + id;
    }

    static SpecCheck broken(String file, String id, String message) {
      return new SpecCheck(file, id, "", null, null, "", null, List.of(), message);
    }
  }

  /** @return every check of every spec file, files in name order, checks in file order */
  static List<SpecCheck> checks() {
    List<SpecCheck> c = cache;
    if (c == null) {
      c = Collections.unmodifiableList(load(specDir()));
      cache = c;
    }
    return c;
  }

  /** @return the folder holding the spec files */
  static Path specDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null) {
      Path p = Path.of(basedir, "src", "test", "resources", "spec");
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    Path cwd = Path.of("src", "test", "resources", "spec");
    if (Files.isDirectory(cwd)) {
      return cwd;
    }
    URL url = SpecSuite.class.getClassLoader().getResource("spec/README.md");
    if (url != null && "file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI()).getParent();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("spec folder not found (basedir=" + basedir + ", cwd="
        + Path.of("").toAbsolutePath() + ")");
  }

  static List<SpecCheck> load(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no spec files in " + dir);
    }
    List<SpecCheck> all = new ArrayList<>();
    for (Path f : files) {
      String file = f.getFileName().toString();
      JsonNode root;
      try {
        root = MAPPER.readTree(f.toFile());
      } catch (IOException e) {
        all.add(SpecCheck.broken(file, "<file>", "spec file is not valid JSON: " + e.getMessage()));
        continue;
      }
      JsonNode checks = root.get("checks");
      String name = root.path("name").asText("");
      if (!file.equals(name + ".json")) {
        all.add(SpecCheck.broken(file, "<file>", "spec file's \"name\" (" + name + ") must match the file name"));
      }
      if (!root.path("description").isTextual() || root.get("description").asText().isBlank()) {
        all.add(SpecCheck.broken(file, "<file>", "spec file needs a \"description\" citing its rule"));
      }
      if (checks == null || !checks.isArray() || checks.isEmpty()) {
        all.add(SpecCheck.broken(file, "<file>", "spec file has no \"checks\" array"));
        continue;
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      int i = 0;
      for (JsonNode c : checks) {
        String id = c.path("id").asText("#" + i);
        i++;
        if (!ids.add(id)) {
          all.add(SpecCheck.broken(file, id, "duplicate check id"));
          continue;
        }
        try {
          all.add(parseCheck(file, id, c));
        } catch (RuntimeException e) {
          all.add(SpecCheck.broken(file, id, "spec error: " + e.getMessage()));
        }
      }
    }
    return all;
  }

  private static SpecCheck parseCheck(String file, String id, JsonNode c) {
    for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!List.of("id", "description", "options", "input", "expected", "error").contains(k)) {
        throw new IllegalArgumentException("unknown check key \"" + k + "\"");
      }
    }
    JsonNode optionsJson = c.path("options");
    TransmogOptions options = options(optionsJson);
    String input = input(c.get("input"));
    String description = c.path("description").asText("");
    JsonNode error = c.get("error");
    JsonNode expected = c.get("expected");
    if ((error == null) == (expected == null)) {
      throw new IllegalArgumentException("a check has exactly one of \"expected\" and \"error\"");
    }
    if (error != null) {
      if (!error.isTextual()) {
        throw new IllegalArgumentException("\"error\" is the simple name of the expected exception class");
      }
      return new SpecCheck(file, id, description, optionsJson, options, input, error.asText(), List.of(), null);
    }
    if (!expected.isObject() || expected.isEmpty()) {
      throw new IllegalArgumentException("\"expected\" must be an object of tables");
    }
    List<ExpectedTable> tables = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      tables.add(table(e.getKey(), e.getValue(), options));
    }
    if (!tables.get(0).name().equals(options.name()) || tables.get(0).parent() != null) {
      throw new IllegalArgumentException("the first expected table must be the main table \"" + options.name()
          + "\" (without a parent)");
    }
    Map<String, ExpectedTable> byName = new LinkedHashMap<>();
    for (ExpectedTable t : tables) {
      byName.put(t.name(), t);
    }
    for (ExpectedTable t : tables.subList(1, tables.size())) {
      if (t.parent() == null || !byName.containsKey(t.parent())) {
        throw new IllegalArgumentException("child table " + t.name() + " needs a \"parent\" naming another expected"
            + " table");
      }
      ExpectedTable parent = byName.get(t.parent());
      for (int r = 0; r < t.rows().size(); r++) {
        int ci = t.columnNames().indexOf(options.parentIdColumn());
        JsonNode ref = t.rows().get(r).get(ci);
        int idx = ref.get("$parent").asInt();
        if (idx < 0 || idx >= parent.rows().size()) {
          throw new IllegalArgumentException("table " + t.name() + " row " + r + ": $parent " + idx
              + " is not a row of " + parent.name());
        }
      }
    }
    return new SpecCheck(file, id, description, optionsJson, options, input, null, List.copyOf(tables), null);
  }

  private static ExpectedTable table(String name, JsonNode t, TransmogOptions options) {
    for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!List.of("parent", "columns", "rows").contains(k)) {
        throw new IllegalArgumentException("table " + name + ": unknown key \"" + k + "\"");
      }
    }
    String parent = t.hasNonNull("parent") ? t.get("parent").asText() : null;
    List<Column> columns = new ArrayList<>();
    for (JsonNode c : t.path("columns")) {
      if (!c.isArray() || c.size() != 2) {
        throw new IllegalArgumentException("table " + name + ": a column is [name, TYPE], got " + c);
      }
      columns.add(new Column(c.get(0).asText(), ColumnType.valueOf(c.get(1).asText())));
    }
    List<String> names = columns.stream().map(Column::name).collect(Collectors.toList());
    List<String> generated = new ArrayList<>();
    generated.add(options.idColumn());
    if (parent != null) {
      generated.add(options.parentIdColumn());
    }
    if (options.includeTimestamp()) {
      generated.add(options.timestampColumn());
    }
    if (names.size() < generated.size() || !names.subList(0, generated.size()).equals(generated)) {
      throw new IllegalArgumentException("table " + name + ": the columns must start with the generated columns "
          + generated);
    }
    List<List<JsonNode>> rows = new ArrayList<>();
    int r = 0;
    for (JsonNode row : t.path("rows")) {
      if (!row.isArray() || row.size() != columns.size()) {
        throw new IllegalArgumentException("table " + name + " row " + r + ": expected " + columns.size()
            + " values, got " + row);
      }
      List<JsonNode> cells = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        JsonNode cell = row.get(i);
        String col = names.get(i);
        boolean isParent = parent != null && col.equals(options.parentIdColumn());
        boolean isStar = col.equals(options.idColumn())
            || (options.includeTimestamp() && col.equals(options.timestampColumn()));
        if (isParent && !(cell.isObject() && cell.size() == 1 && cell.path("$parent").isInt())) {
          throw new IllegalArgumentException("table " + name + " row " + r + ": " + col
              + " must be {\"$parent\": <row index in " + parent + ">}, got " + cell);
        }
        if (isStar && !"*".equals(cell.asText(null))) {
          throw new IllegalArgumentException("table " + name + " row " + r + ": generated column " + col
              + " must be \"*\", got " + cell);
        }
        cells.add(cell);
      }
      rows.add(List.copyOf(cells));
      r++;
    }
    if (!t.path("rows").isArray()) {
      throw new IllegalArgumentException("table " + name + ": \"rows\" must be an array");
    }
    return new ExpectedTable(name, parent, List.copyOf(columns), List.copyOf(rows));
  }

  /** Applies spec options (builder method name to value) to a builder. */
  static TransmogOptions options(JsonNode o) {
    TransmogOptions.Builder b = TransmogOptions.builder();
    if (o == null || o.isMissingNode() || o.isNull()) {
      return b.build();
    }
    if (!o.isObject()) {
      throw new IllegalArgumentException("\"options\" must be an object");
    }
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "name" -> b.name(text(e));
        case "separator" -> b.separator(text(e));
        case "arrayMode" -> b.arrayMode(ArrayMode.valueOf(text(e)));
        case "includeNulls" -> b.includeNulls(bool(e));
        case "stringifyValues" -> b.stringifyValues(bool(e));
        case "maxDepth" -> b.maxDepth(integer(e));
        case "chunkSize" -> b.chunkSize(integer(e));
        case "batchSize" -> b.batchSize(integer(e));
        case "lowMemory" -> b.lowMemory(bool(e));
        case "idColumn" -> b.idColumn(text(e));
        case "parentIdColumn" -> b.parentIdColumn(text(e));
        case "timestampColumn" -> b.timestampColumn(text(e));
        case "includeTimestamp" -> b.includeTimestamp(bool(e));
        case "inputFormat" -> b.inputFormat(InputFormat.valueOf(text(e)));
        default -> throw new IllegalArgumentException("unknown option \"" + e.getKey() + "\" = " + v);
      }
    }
    return b.build();
  }

  private static String text(Map.Entry<String, JsonNode> e) {
    if (!e.getValue().isTextual()) {
      throw new IllegalArgumentException("option " + e.getKey() + " must be a string, got " + e.getValue());
    }
    return e.getValue().asText();
  }

  private static boolean bool(Map.Entry<String, JsonNode> e) {
    if (!e.getValue().isBoolean()) {
      throw new IllegalArgumentException("option " + e.getKey() + " must be true/false, got " + e.getValue());
    }
    return e.getValue().asBoolean();
  }

  private static int integer(Map.Entry<String, JsonNode> e) {
    if (!e.getValue().isInt()) {
      throw new IllegalArgumentException("option " + e.getKey() + " must be an int, got " + e.getValue());
    }
    return e.getValue().asInt();
  }

  private static String input(JsonNode in) {
    if (in == null) {
      throw new IllegalArgumentException("missing \"input\"");
    }
    if (in.isTextual()) {
      return in.asText();
    }
    if (in.isArray()) {
      List<String> lines = new ArrayList<>();
      for (JsonNode l : in) {
        if (!l.isTextual()) {
          throw new IllegalArgumentException("\"input\" lines must be strings");
        }
        lines.add(l.asText());
      }
      return String.join("\n", lines);
    }
    throw new IllegalArgumentException("\"input\" must be a string or an array of lines");
  }

  /**
   * Tells whether a check's input is JSON Lines, so that it may also be fed as a {@code .jsonl} file: with
   * {@link InputFormat#JSONL}, or with {@link InputFormat#AUTO} when it does not start with {@code [} and every
   * top-level value sits on one line of its own.
   */
  static boolean isJsonLines(SpecCheck check) {
    if (check.options() == null || check.error() != null) {
      return false;
    }
    InputFormat f = check.options().inputFormat();
    if (f == InputFormat.JSONL) {
      return true;
    }
    if (f != InputFormat.AUTO || check.input().strip().startsWith("[")) {
      return false;
    }
    int values = 0;
    long lastLine = -1;
    try (JsonParser p = MAPPER.getFactory().createParser(check.input())) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        long start = p.currentTokenLocation().getLineNr();
        if (t.isStructStart()) {
          p.skipChildren();
        }
        long end = p.currentTokenLocation().getLineNr();
        if (start != end || start == lastLine) {
          return false;
        }
        lastLine = end;
        values++;
      }
    } catch (IOException e) {
      return false;
    }
    return values > 0;
  }
}
