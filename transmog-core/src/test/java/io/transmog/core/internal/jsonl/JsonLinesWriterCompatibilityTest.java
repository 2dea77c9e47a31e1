package io.transmog.core.internal.jsonl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.io.tck.ReadBack;
import io.transmog.io.tck.TableWriterCompatibilityKit;
import java.io.BufferedReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the writer TCK against the built-in JSON Lines writer with its default options (null fields omitted), reading
 * files back with Jackson databind, one line at a time.
 */
class JsonLinesWriterCompatibilityTest extends TableWriterCompatibilityKit {
  static {
    // On the module path the tests are patched into io.transmog.core, which does not read the test-only databind
    // module (the same step as SpecSuite). Looked up by name: a class literal would already fail the access check.
    try {
      Module databind =
          Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false,
              JsonLinesWriterCompatibilityTest.class.getClassLoader()).getModule();
      JsonLinesWriterCompatibilityTest.class.getModule().addReads(databind);
    } catch (ClassNotFoundException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Numbers are read as exact decimals, so DECIMAL and LONG values are compared without a detour through double. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  @Override
  protected TableWriterProvider provider() {
    return new JsonLinesWriterProvider();
  }

  /**
   * JSON Lines has no header: every row names its fields, and null fields are omitted by default, so a column without
   * any value leaves no trace in the file.
   */
  @Override
  protected boolean recordsSchema() {
    return false;
  }

  @Override
  protected ReadBack readBack(Path file) throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>();
    LinkedHashMap<String, Boolean> names = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        JsonNode node = MAPPER.readTree(line);
        if (node == null || !node.isObject()) {
          throw new AssertionError(file + " line " + number + " is not a JSON object: " + line);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          names.put(e.getKey(), Boolean.TRUE);
          row.put(e.getKey(), toJava(e.getValue(), line, e.getKey()));
        }
        objects.add(row);
      }
    }
    List<String> columnNames = new ArrayList<>(names.keySet());
    List<List<Object>> rows = new ArrayList<>();
    for (Map<String, Object> o : objects) {
      List<Object> row = new ArrayList<>();
      for (String n : columnNames) {
        row.add(o.get(n));
      }
      rows.add(row);
    }
    return new ReadBack(columnNames, rows);
  }

  /**
   * JSON keeps numbers, booleans and strings; read back, every number is an exact {@link BigDecimal} (negative zero,
   * which BigDecimal cannot hold, stays a {@code Double}); timestamps and dates are their ISO-8601 strings; a JSON
   * column is embedded as JSON, so its expected value is its own text parsed the same way.
   */
  @Override
  protected Object expected(Column column, Object value) {
    if (value == null) {
      return null;
    }
    if (column.type() == ColumnType.JSON) {
      try {
        return toJava(MAPPER.readTree((String) value), (String) value, column.name());
      } catch (Exception e) {
        throw new AssertionError("the kit wrote invalid JSON text " + value, e);
      }
    }
    if (value instanceof Long) {
      return BigDecimal.valueOf((Long) value);
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return d == 0 && 1 / d < 0 ? (Object) d : new BigDecimal(Double.toString(d));
    }
    if (value instanceof BigDecimal || value instanceof Boolean || value instanceof String) {
      return value;
    }
    return value.toString(); // Instant, LocalDate: their ISO-8601 text
  }

  /** Scalars become Java values; objects and arrays stay trees (compared with JsonNode.equals). */
  static Object toJava(JsonNode v, String line, String field) {
    if (v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber()) {
      if (v.isFloatingPointNumber() && v.decimalValue().signum() == 0 && negativeZero(line, field)) {
        return -0.0;
      }
      return v.decimalValue();
    }
    if (v.isContainerNode()) {
      return v;
    }
    throw new UncheckedIOException(new java.io.IOException("unexpected node " + v + " in " + line));
  }

  /** A BigDecimal cannot carry the sign of {@code -0.0}, so it is looked up in the raw text. */
  private static boolean negativeZero(String line, String field) {
    try {
      JsonNode asDouble = JsonMapper.builder().build().readTree(line).get(field);
      return asDouble != null && asDouble.isDouble() && Double.doubleToRawLongBits(asDouble.doubleValue())
          == Double.doubleToRawLongBits(-0.0);
    } catch (Exception e) {
      return false;
    }
  }
}
