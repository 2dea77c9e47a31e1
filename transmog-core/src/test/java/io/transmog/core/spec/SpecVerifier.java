package io.transmog.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.spec.SpecSuite.ExpectedTable;
import io.transmog.core.spec.SpecSuite.SpecCheck;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a spec check through one entry point and compares the result with the expected tables, collecting every
 * difference into one message: file and check id, entry point, table, row, column, expected and actual value (with its
 * Java type), followed by the input, the options and both the expected and the actual tables.
 */
final class SpecVerifier {
  private static final int MAX_INPUT_CHARS = 3000;
  private static final int MAX_DUMP_ROWS = 40;
  private static final int MAX_CONSISTENCY_PROBLEMS = 5;

  private SpecVerifier() {}

  /** A flatten call that may throw anything (file set-up included). */
  @FunctionalInterface
  interface Flatten {
    FlattenResult run() throws Exception;
  }

  /**
   * Runs one check: expects the check's exception, or verifies the tables.
   *
   * @param check the check
   * @param via a description of the entry point, for messages
   * @param flatten the call
   * @return the result, or {@code null} when an exception was expected (and thrown)
   */
  static FlattenResult run(SpecCheck check, String via, Flatten flatten) {
    return run(check, via, flatten, r -> { });
  }

  /**
   * Runs one check like {@link #run(SpecCheck, String, Flatten)}, handing the result to {@code beforeVerify} before it
   * is compared with the expected tables.
   */
  static FlattenResult run(SpecCheck check, String via, Flatten flatten,
      java.util.function.Consumer<FlattenResult> beforeVerify) {
    if (check.loadError() != null) {
      throw new AssertionError("spec " + check + ": " + check.loadError());
    }
    FlattenResult result;
    try {
      result = flatten.run();
    } catch (Throwable t) {
      if (check.error() != null) {
        if (isA(t, check.error())) {
          return null;
        }
        throw new AssertionError(header(check, via) + "expected " + check.error() + " but " + t.getClass().getName()
            + " was thrown: " + t.getMessage() + "\n" + context(check), t);
      }
      throw new AssertionError(header(check, via) + "flatten threw " + t + "\n" + context(check), t);
    }
    if (result == null) {
      throw new AssertionError(header(check, via) + "flatten returned null\n" + context(check));
    }
    if (check.error() != null) {
      throw new AssertionError(header(check, via) + "expected " + check.error() + " but flatten returned tables\n"
          + context(check) + "actual tables:\n" + dump(result, check.options()));
    }
    beforeVerify.accept(result);
    verify(check, via, result);
    return result;
  }

  private static boolean isA(Throwable t, String simpleName) {
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  /** Compares a result with the check's expected tables; throws an {@link AssertionError} listing every problem. */
  static void verify(SpecCheck check, String via, FlattenResult result) {
    TransmogOptions o = check.options();
    List<String> problems = new ArrayList<>();
    List<String> actualNames = result.tableNames();
    List<String> expectedNames = check.expected().stream().map(ExpectedTable::name).collect(Collectors.toList());

    // ---- the set and order of tables
    if (!result.main().name().equals(o.name())) {
      problems.add("main table: expected \"" + o.name() + "\" but was \"" + result.main().name() + "\"");
    }
    Set<String> missing = new LinkedHashSet<>(expectedNames);
    missing.removeAll(actualNames);
    Set<String> unexpected = new LinkedHashSet<>(actualNames);
    unexpected.removeAll(expectedNames);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      problems.add("tables: expected " + expectedNames + " but was " + actualNames
          + (missing.isEmpty() ? "" : "; missing " + missing) + (unexpected.isEmpty() ? "" : "; unexpected " + unexpected));
    } else if (!actualNames.equals(expectedNames)) {
      problems.add("table order (main first, then first-seen): expected " + expectedNames + " but was " + actualNames);
    }
    checkResultViews(result, problems);

    // ---- generated columns over the whole result: unique non-empty IDs, one timestamp
    Map<String, String> idOwner = idOwners(result, o);
    checkGenerated(result, o, problems);

    // ---- each expected table
    for (ExpectedTable et : check.expected()) {
      Optional<Table> maybe = result.table(et.name());
      if (maybe.isEmpty()) {
        continue;
      }
      Table t = maybe.get();
      String parent = t.schema().parent().orElse(null);
      if (!Objects.equals(parent, et.parent())) {
        problems.add("table " + et.name() + ": parent table expected " + et.parent() + " but was " + parent);
      }
      List<Column> actualColumns = t.schema().columns();
      if (!columns(actualColumns).equals(columns(et.columns()))) {
        problems.add("table " + et.name() + " columns:\n      expected " + columns(et.columns())
            + "\n      but was  " + columns(actualColumns));
      }
      if (t.rowCount() != et.rows().size()) {
        problems.add("table " + et.name() + ": expected " + et.rows().size() + " rows but was " + t.rowCount());
      }
      int rows = Math.min(t.rowCount(), et.rows().size());
      for (int r = 0; r < rows; r++) {
        List<JsonNode> expRow = et.rows().get(r);
        for (int j = 0; j < et.columns().size(); j++) {
          Column ec = et.columns().get(j);
          int ai = t.schema().indexOf(ec.name());
          if (ai < 0) {
            continue; // reported with the columns
          }
          String where = "table " + et.name() + ", row " + r + ", column " + ec.name() + " (" + ec.type() + "): ";
          Object actual = safeValue(t, ai, r);
          JsonNode exp = expRow.get(j);
          boolean isId = ec.name().equals(o.idColumn());
          boolean isTimestamp = o.includeTimestamp() && ec.name().equals(o.timestampColumn());
          boolean isParent = et.parent() != null && ec.name().equals(o.parentIdColumn());
          if (isId || isTimestamp) {
            continue; // checked over the whole result
          }
          if (isParent) {
            int idx = exp.get("$parent").asInt();
            Optional<Table> pt = result.table(et.parent());
            if (pt.isEmpty() || pt.get().schema().indexOf(o.idColumn()) < 0 || idx >= pt.get().rowCount()) {
              problems.add(where + "expected the " + o.idColumn() + " of " + et.parent() + "[" + idx
                  + "], which does not exist; was " + ref(actual, idOwner));
              continue;
            }
            Object pid = safeValue(pt.get(), pt.get().schema().indexOf(o.idColumn()), idx);
            if (actual == null || !actual.equals(pid)) {
              problems.add(where + "expected the " + o.idColumn() + " of " + et.parent() + "[" + idx + "] but was "
                  + ref(actual, idOwner));
            }
            continue;
          }
          String diff = compare(exp, ec.type(), actual);
          if (diff != null) {
            problems.add(where + diff);
          }
        }
      }
    }

    // ---- the table model agrees with itself (typed getters, row maps, column lists)
    for (Table t : result.tables()) {
      checkConsistency(t, problems);
    }

    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder(header(check, via)).append(problems.size()).append(" problem(s):\n");
      for (int i = 0; i < problems.size(); i++) {
        sb.append("  ").append(i + 1).append(". ").append(problems.get(i)).append('\n');
      }
      sb.append(context(check));
      sb.append("expected tables:\n").append(dumpExpected(check));
      sb.append("actual tables (").append(o.idColumn()).append(" shown as #table[row], ").append(o.parentIdColumn())
          .append(" as ->table[row], timestamp as ts):\n").append(dump(result, o));
      throw new AssertionError(sb.toString());
    }
  }

  private static String header(SpecCheck check, String via) {
    return "spec " + check + " via " + via + ": ";
  }

  static String context(SpecCheck check) {
    StringBuilder sb = new StringBuilder();
    sb.append("  rule: ").append(check.description()).append('\n');
    sb.append("  options: ").append(check.optionsJson()).append('\n');
    String in = check.input();
    if (in.length() > MAX_INPUT_CHARS) {
      in = in.substring(0, MAX_INPUT_CHARS) + "... (" + check.input().length() + " chars)";
    }
    sb.append("  input:\n");
    for (String line : in.split("\n", -1)) {
      sb.append("    | ").append(line).append('\n');
    }
    return sb.toString();
  }

  // -------------------------------------------------------------------------------------------- value comparison

  /** @return {@code null} when equal, else a description of the difference */
  static String compare(JsonNode exp, ColumnType type, Object actual) {
    if (exp.isNull()) {
      return actual == null ? null : "expected null but was " + show(actual);
    }
    Object expected;
    switch (type) {
      case BOOLEAN -> {
        if (!exp.isBoolean()) {
          return "SPEC ERROR: a BOOLEAN cell needs true/false, got " + exp;
        }
        expected = exp.booleanValue();
      }
      case LONG -> {
        if (!exp.isIntegralNumber() || !exp.canConvertToLong()) {
          return "SPEC ERROR: a LONG cell needs an integer in 64 bits, got " + exp;
        }
        expected = exp.longValue();
      }
      case DOUBLE -> {
        if (!exp.isNumber()) {
          return "SPEC ERROR: a DOUBLE cell needs a number, got " + exp;
        }
        expected = Double.parseDouble(exp.asText());
      }
      case DECIMAL -> {
        if (!exp.isNumber() && !exp.isTextual()) {
          return "SPEC ERROR: a DECIMAL cell needs a number or its text, got " + exp;
        }
        try {
          expected = new BigDecimal(exp.asText());
        } catch (NumberFormatException e) {
          return "SPEC ERROR: not a decimal: " + exp;
        }
      }
      case STRING, JSON -> {
        if (!exp.isTextual()) {
          return "SPEC ERROR: a " + type + " cell needs a string, got " + exp;
        }
        expected = exp.asText();
      }
      default -> throw new IllegalStateException(type.toString());
    }
    if (actual == null) {
      return "expected " + show(expected) + " but was null";
    }
    boolean equal;
    if (expected instanceof Double d) {
      equal = actual instanceof Double a && Double.compare(a, d) == 0;
    } else if (expected instanceof BigDecimal d) {
      equal = actual instanceof BigDecimal a && a.compareTo(d) == 0;
    } else {
      equal = expected.equals(actual);
    }
    return equal ? null : "expected " + show(expected) + " but was " + show(actual);
  }

  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    String text = v instanceof String s ? quote(s) : v instanceof BigDecimal b ? b.toString() : String.valueOf(v);
    return text + " (" + v.getClass().getSimpleName() + ")";
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String columns(List<Column> cols) {
    return cols.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", ", "[", "]"));
  }

  private static Object safeValue(Table t, int c, int r) {
    try {
      return t.getValue(c, r);
    } catch (RuntimeException e) {
      return "<getValue threw " + e + ">";
    }
  }

  // -------------------------------------------------------------------------------------------- generated columns

  /** Maps every row ID to {@code table[row]}. */
  private static Map<String, String> idOwners(FlattenResult result, TransmogOptions o) {
    Map<String, String> owners = new HashMap<>();
    for (Table t : result.tables()) {
      int c = t.schema().indexOf(o.idColumn());
      if (c < 0) {
        continue;
      }
      for (int r = 0; r < t.rowCount(); r++) {
        Object v = safeValue(t, c, r);
        if (v instanceof String s) {
          owners.putIfAbsent(s, t.name() + "[" + r + "]");
        }
      }
    }
    return owners;
  }

  private static String ref(Object id, Map<String, String> owners) {
    if (id == null) {
      return "null";
    }
    String owner = owners.get(String.valueOf(id));
    return owner == null ? show(id) + ", the ID of no row" : "the ID of " + owner;
  }

  private static void checkGenerated(FlattenResult result, TransmogOptions o, List<String> problems) {
    Map<String, String> seen = new HashMap<>();
    String timestamp = null;
    String timestampAt = null;
    for (Table t : result.tables()) {
      int idc = t.schema().indexOf(o.idColumn());
      if (idc < 0) {
        problems.add("table " + t.name() + ": no " + o.idColumn() + " column");
      } else {
        int bad = 0;
        for (int r = 0; r < t.rowCount(); r++) {
          Object v = safeValue(t, idc, r);
          String at = t.name() + "[" + r + "]";
          if (!(v instanceof String s) || s.isEmpty()) {
            if (bad++ < MAX_CONSISTENCY_PROBLEMS) {
              problems.add(at + "." + o.idColumn() + ": expected a non-empty string but was " + show(v));
            }
          } else if (seen.containsKey(s)) {
            if (bad++ < MAX_CONSISTENCY_PROBLEMS) {
              problems.add(at + "." + o.idColumn() + ": ID " + quote(s) + " is also the ID of " + seen.get(s));
            }
          } else {
            seen.put(s, at);
          }
        }
      }
      if (!o.includeTimestamp()) {
        continue;
      }
      int tsc = t.schema().indexOf(o.timestampColumn());
      if (tsc < 0) {
        problems.add("table " + t.name() + ": no " + o.timestampColumn() + " column");
        continue;
      }
      int bad = 0;
      for (int r = 0; r < t.rowCount(); r++) {
        Object v = safeValue(t, tsc, r);
        String at = t.name() + "[" + r + "]." + o.timestampColumn();
        if (!(v instanceof String s)) {
          if (bad++ < MAX_CONSISTENCY_PROBLEMS) {
            problems.add(at + ": expected an ISO-8601 UTC instant string but was " + show(v));
          }
          continue;
        }
        if (timestamp == null) {
          timestamp = s;
          timestampAt = at;
          try {
            Instant.parse(s);
            if (!s.endsWith("Z")) {
              problems.add(at + ": " + quote(s) + " is not a UTC instant (no trailing Z)");
            }
          } catch (DateTimeParseException e) {
            problems.add(at + ": " + quote(s) + " is not an ISO-8601 instant");
          }
        } else if (!timestamp.equals(s) && bad++ < MAX_CONSISTENCY_PROBLEMS) {
          problems.add(at + ": " + quote(s) + " differs from " + quote(timestamp) + " at " + timestampAt
              + " (one timestamp per run)");
        }
      }
    }
  }

  // -------------------------------------------------------------------------------------------- model consistency

  private static void checkResultViews(FlattenResult result, List<String> problems) {
    List<String> names = result.tables().stream().map(Table::name).collect(Collectors.toList());
    if (!names.equals(result.tableNames())) {
      problems.add("tables() " + names + " disagrees with tableNames() " + result.tableNames());
    }
    if (names.isEmpty() || result.main() != result.tables().get(0)) {
      problems.add("main() is not the first of tables()");
    }
    List<String> children = new ArrayList<>(result.childTables().keySet());
    if (!names.isEmpty() && !children.equals(names.subList(1, names.size()))) {
      problems.add("childTables() " + children + " is not tables() without the main table");
    }
    if (new HashSet<>(names).size() != names.size()) {
      problems.add("duplicate table names " + names);
    }
  }

  private static void checkConsistency(Table t, List<String> problems) {
    List<String> found = new ArrayList<>();
    List<String> names = t.schema().columnNames();
    int n = t.schema().size();
    List<Map<String, Object>> rowMaps;
    try {
      rowMaps = t.rows();
      if (rowMaps.size() != t.rowCount()) {
        found.add("rows() has " + rowMaps.size() + " rows, rowCount() " + t.rowCount());
      }
    } catch (RuntimeException e) {
      found.add("rows() threw " + e);
      rowMaps = null;
    }
    for (int c = 0; c < n; c++) {
      Column col = t.schema().column(c);
      if (col.type() != ColumnType.DECIMAL && (col.precision() != 0 || col.scale() != 0)) {
        found.add(col.name() + " (" + col.type() + "): precision/scale must be 0/0 but are " + col.precision() + "/"
            + col.scale());
      }
      List<Object> columnValues;
      try {
        columnValues = t.column(col.name());
      } catch (RuntimeException e) {
        found.add("column(\"" + col.name() + "\") threw " + e);
        columnValues = null;
      }
      for (int r = 0; r < t.rowCount(); r++) {
        String at = "[" + r + "]." + col.name() + " (" + col.type() + ")";
        Object v;
        try {
          v = t.getValue(c, r);
          if (t.isNull(c, r) != (v == null)) {
            found.add(at + ": isNull " + t.isNull(c, r) + " but getValue " + show(v));
          }
          if (v != null) {
            String typeProblem = typed(t, col.type(), c, r, v);
            if (typeProblem != null) {
              found.add(at + ": " + typeProblem);
            }
          }
        } catch (RuntimeException e) {
          found.add(at + ": reading threw " + e);
          continue;
        }
        if (rowMaps != null && r < rowMaps.size()) {
          Map<String, Object> m = rowMaps.get(r);
          if (!new ArrayList<>(m.keySet()).equals(names)) {
            if (c == 0) {
              found.add("row(" + r + ") keys " + m.keySet() + " are not the columns " + names);
            }
          } else if (!Objects.equals(m.get(col.name()), v)) {
            found.add(at + ": row map has " + show(m.get(col.name())) + ", getValue " + show(v));
          }
        }
        if (columnValues != null && (columnValues.size() != t.rowCount()
            || !Objects.equals(columnValues.get(r), v))) {
          found.add(at + ": column(\"" + col.name() + "\") disagrees with getValue " + show(v));
          columnValues = null;
        }
      }
    }
    for (int i = 0; i < Math.min(found.size(), MAX_CONSISTENCY_PROBLEMS); i++) {
      problems.add("table " + t.name() + " model: " + found.get(i));
    }
    if (found.size() > MAX_CONSISTENCY_PROBLEMS) {
      problems.add("table " + t.name() + " model: ... and " + (found.size() - MAX_CONSISTENCY_PROBLEMS) + " more");
    }
  }

  /** Checks a non-null cell's Java type and the typed getter against the column type. */
  private static String typed(Table t, ColumnType type, int c, int r, Object v) {
    switch (type) {
      case BOOLEAN -> {
        if (!(v instanceof Boolean b)) {
          return "getValue is " + show(v) + ", expected a Boolean";
        }
        return t.getBoolean(c, r) == b ? null : "getBoolean disagrees with getValue";
      }
      case LONG -> {
        if (!(v instanceof Long l)) {
          return "getValue is " + show(v) + ", expected a Long";
        }
        if (t.getLong(c, r) != l) {
          return "getLong " + t.getLong(c, r) + " disagrees with getValue " + l;
        }
        return Long.toString(l).equals(t.getString(c, r)) ? null
            : "getString " + show(t.getString(c, r)) + " is not the decimal text of " + l;
      }
      case DOUBLE -> {
        if (!(v instanceof Double d)) {
          return "getValue is " + show(v) + ", expected a Double";
        }
        return Double.compare(t.getDouble(c, r), d) == 0 ? null : "getDouble disagrees with getValue";
      }
      case DECIMAL -> {
        if (!(v instanceof BigDecimal d)) {
          return "getValue is " + show(v) + ", expected a BigDecimal";
        }
        BigDecimal g = t.getDecimal(c, r);
        if (g == null || g.compareTo(d) != 0) {
          return "getDecimal " + g + " disagrees with getValue";
        }
        return fitsDecimal(d, t.schema().column(c));
      }
      case STRING, JSON -> {
        if (!(v instanceof String s)) {
          return "getValue is " + show(v) + ", expected a String";
        }
        if (!s.equals(t.getString(c, r))) {
          return "getString " + show(t.getString(c, r)) + " disagrees with getValue";
        }
        if (type == ColumnType.JSON) {
          try {
            SpecSuite.MAPPER.readTree(s);
          } catch (IOException e) {
            return "JSON cell " + show(s) + " is not valid JSON text";
          }
        }
        return null;
      }
      default -> throw new IllegalStateException(type.toString());
    }
  }

  /** Column documents: DECIMAL(precision, scale) holds every value of the column. */
  private static String fitsDecimal(BigDecimal v, Column col) {
    BigDecimal scaled;
    try {
      scaled = v.setScale(col.scale(), java.math.RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      return v + " has more than scale " + col.scale() + " digits after the point (precision/scale "
          + col.precision() + "/" + col.scale() + ")";
    }
    int digits = scaled.signum() == 0 ? 1 : scaled.unscaledValue().abs().toString().length();
    return digits <= col.precision() ? null
        : v + " needs " + digits + " digits at scale " + col.scale() + ", more than precision " + col.precision();
  }

  // -------------------------------------------------------------------------------------------- dumps

  /**
   * Renders a result with IDs replaced by {@code #table[row]}, parent IDs by {@code ->table[row]} and the timestamp by
   * {@code ts}: two runs of the same input render the same.
   */
  static String dump(FlattenResult result, TransmogOptions o) {
    Map<String, String> owners = idOwners(result, o);
    StringBuilder sb = new StringBuilder();
    for (Table t : result.tables()) {
      sb.append("  ").append(t.name());
      t.schema().parent().ifPresent(p -> sb.append(" (parent ").append(p).append(')'));
      sb.append(": ").append(columns(t.schema().columns())).append(", ").append(t.rowCount()).append(" rows\n");
      boolean child = t.schema().parent().isPresent();
      for (int r = 0; r < Math.min(t.rowCount(), MAX_DUMP_ROWS); r++) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < t.schema().size(); c++) {
          String name = t.schema().column(c).name();
          Object v = safeValue(t, c, r);
          if (name.equals(o.idColumn()) && v instanceof String) {
            cells.add("#" + owners.getOrDefault(v, "?" + v));
          } else if (child && name.equals(o.parentIdColumn()) && v instanceof String) {
            cells.add("->" + owners.getOrDefault(v, "?" + v));
          } else if (o.includeTimestamp() && name.equals(o.timestampColumn()) && v instanceof String) {
            cells.add("ts");
          } else {
            cells.add(cell(v));
          }
        }
        sb.append("    ").append(r).append(": ").append(String.join(", ", cells)).append('\n');
      }
      if (t.rowCount() > MAX_DUMP_ROWS) {
        sb.append("    ... ").append(t.rowCount() - MAX_DUMP_ROWS).append(" more rows\n");
      }
    }
    return sb.toString();
  }

  private static String cell(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Double d) {
      return d + "d";
    }
    if (v instanceof BigDecimal b) {
      return b + "m";
    }
    return String.valueOf(v);
  }

  private static String dumpExpected(SpecCheck check) {
    StringBuilder sb = new StringBuilder();
    for (ExpectedTable t : check.expected()) {
      sb.append("  ").append(t.name());
      if (t.parent() != null) {
        sb.append(" (parent ").append(t.parent()).append(')');
      }
      sb.append(": ").append(columns(t.columns())).append(", ").append(t.rows().size()).append(" rows\n");
      for (int r = 0; r < Math.min(t.rows().size(), MAX_DUMP_ROWS); r++) {
        sb.append("    ").append(r).append(": ")
            .append(t.rows().get(r).stream().map(JsonNode::toString).collect(Collectors.joining(", "))).append('\n');
      }
    }
    return sb.toString();
  }
}
