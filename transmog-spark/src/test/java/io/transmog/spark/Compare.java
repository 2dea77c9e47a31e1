package io.transmog.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.Column;
import io.transmog.api.table.Table;
import io.transmog.api.table.TableSchema;
import io.transmog.core.FlattenResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Test support: a local Spark session, and the comparison of a Spark run's tables with the core's tables for the same
 * input, as multisets of rows (the processing-time column aside, which is one instant per run).
 */
final class Compare {
  private Compare() {}

  /** A local session with two executor threads, quiet and without a UI. */
  static SparkSession localSpark(String name) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** The core's rows of a table, per table name, taken from a result (copied out). */
  static Map<String, List<Map<String, Object>>> coreRows(FlattenResult result) {
    Map<String, List<Map<String, Object>>> out = new TreeMap<>();
    for (Table t : result.tables()) {
      out.put(t.name(), new ArrayList<>(t.rows()));
    }
    return out;
  }

  /** The core's schemas, per table name, main first. */
  static List<TableSchema> coreSchemas(FlattenResult result) {
    List<TableSchema> out = new ArrayList<>();
    for (Table t : result.tables()) {
      out.add(t.schema());
    }
    return out;
  }

  /**
   * Asserts that the Spark run has the core's tables in the core's order, with the same parents, columns, types,
   * precisions and scales, and the same rows as multisets.
   *
   * @param spark the Spark run
   * @param core the core's result for the same input and options
   * @param timestampColumn the processing-time column (left out of the row comparison), or null
   */
  static void assertSameTables(SparkFlattenResult spark, FlattenResult core, String timestampColumn) {
    assertSameTables(spark, coreSchemas(core), coreRows(core), timestampColumn);
  }

  static void assertSameTables(SparkFlattenResult spark, List<TableSchema> coreSchemas,
      Map<String, List<Map<String, Object>>> coreRows, String timestampColumn) {
    List<String> coreNames = new ArrayList<>();
    for (TableSchema s : coreSchemas) {
      coreNames.add(s.table());
    }
    assertThat(spark.tableNames()).as("tables, main first").containsExactlyElementsOf(coreNames);
    for (TableSchema expected : coreSchemas) {
      SparkTable table = spark.table(expected.table()).orElseThrow();
      assertThat(table.schema()).as("schema of " + expected.table()).isEqualTo(expected);
      List<Row> rows = table.rows().collectAsList();
      Map<List<Object>, Integer> actual = multiset(rows, table.sparkSchema(), timestampColumn);
      Map<List<Object>, Integer> wanted = multiset(coreRows.get(expected.table()), expected, table.sparkSchema(),
          timestampColumn);
      assertThat(rows).as("row count of " + expected.table()).hasSize(coreRows.get(expected.table()).size());
      if (!actual.equals(wanted)) {
        Map<List<Object>, Integer> missing = new HashMap<>(wanted);
        actual.forEach((k, v) -> missing.merge(k, -v, Integer::sum));
        missing.values().removeIf(v -> v == 0);
        throw new AssertionError("rows of " + expected.table() + " differ (row -> core count minus Spark count),"
            + " first ones: " + missing.entrySet().stream().limit(6).toList());
      }
      if (timestampColumn != null && expected.indexOf(timestampColumn) >= 0) {
        int ts = table.sparkSchema().fieldIndex(timestampColumn);
        assertThat(rows).as("one processing time per run").allMatch(r -> spark.runTimestamp().equals(r.get(ts)));
      }
    }
  }

  private static Map<List<Object>, Integer> multiset(List<Row> rows, StructType schema, String skip) {
    Map<List<Object>, Integer> m = new HashMap<>();
    for (Row r : rows) {
      List<Object> key = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        if (!schema.fields()[i].name().equals(skip)) {
          key.add(norm(r.get(i), schema.fields()[i].dataType() == DataTypes.StringType));
        }
      }
      m.merge(key, 1, Integer::sum);
    }
    return m;
  }

  private static Map<List<Object>, Integer> multiset(List<Map<String, Object>> rows, TableSchema core,
      StructType schema, String skip) {
    Map<List<Object>, Integer> m = new HashMap<>();
    for (Map<String, Object> r : rows) {
      List<Object> key = new ArrayList<>();
      for (Column c : core.columns()) {
        if (!c.name().equals(skip)) {
          key.add(norm(r.get(c.name()), schema.apply(c.name()).dataType() == DataTypes.StringType));
        }
      }
      m.merge(key, 1, Integer::sum);
    }
    return m;
  }

  /** One representation for both sides: decimals by value (Spark rescales them), temporals as java.time. */
  static Object norm(Object v, boolean sparkString) {
    if (v instanceof BigDecimal d) {
      String plain = d.stripTrailingZeros().toPlainString();
      return sparkString ? d.toPlainString() : "decimal:" + plain;
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Instant || v instanceof LocalDate) {
      return v;
    }
    return v;
  }

  /** A path's string form, as the Spark API takes it. */
  static String str(Path p) {
    return p.toAbsolutePath().toString();
  }
}
