package io.transmog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flattens the small nested fixture {@code orders.jsonl} through the CLI and reads the files back. */
class FlattenCommandTest {
  static final Path ORDERS = Cli.resource("orders.jsonl");

  @TempDir Path tmp;

  @Test
  void toCsv_writesOneFilePerTableWithTheExpectedHeaders() {
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--name", "orders", "--out", out.toString(),
        "--no-timestamp");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(fileNames(out)).containsExactlyInAnyOrder("orders.csv", "orders_items.csv",
        "orders_items_discounts.csv", "_transmog_manifest.json");
    Map<String, CsvTable> t = CsvTable.readAll(out);

    CsvTable orders = t.get("orders");
    assertThat(orders.header()).containsExactly("_id", "order_id", "placed_at", "customer_name", "customer_email",
        "customer_address_city", "customer_address_zip", "tags", "paid", "gift_message")
        .as("'items' is a table, not a column").doesNotContain("items");
    assertThat(orders.rows()).hasSize(3);
    assertThat(orders.values("order_id")).containsExactly("A-1001", "A-1002", "A-1003");
    assertThat(orders.values("customer_address_zip")).as("strings stay strings").containsExactly("0150", "22100",
        "5003");
    assertThat(orders.values("tags").get(0)).as("smart mode keeps a scalar array as JSON text")
        .isEqualTo("[\"gift\",\"express\"]");
    assertThat(orders.values("tags").get(1)).as("an empty array gives nothing").isEmpty();
    assertThat(orders.values("gift_message").get(2)).isEqualTo("Happy birthday, \"Mia\"!\nLove, C.");
    assertThat(orders.header()).as("a field that is only ever null makes no column").doesNotContain("note");

    CsvTable items = t.get("orders_items");
    assertThat(items.header()).containsExactly("_id", "_parent_id", "sku", "qty", "price");
    assertThat(items.values("sku")).containsExactly("KB-01", "MS-02", "HD-07");
    List<String> orderIds = orders.values("_id");
    assertThat(items.values("_parent_id"))
        .containsExactly(orderIds.get(0), orderIds.get(0), orderIds.get(1));

    CsvTable discounts = t.get("orders_items_discounts");
    assertThat(discounts.header()).containsExactly("_id", "_parent_id", "code", "pct");
    assertThat(discounts.values("code")).containsExactly("SPRING", "VIP", "SPRING");
    List<String> itemIds = items.values("_id");
    assertThat(discounts.values("_parent_id")).as("the direct parent (an item), never the root")
        .containsExactly(itemIds.get(0), itemIds.get(2), itemIds.get(2));

    Set<String> allIds = new HashSet<>();
    for (CsvTable table : t.values()) {
      for (String id : table.values("_id")) {
        assertThat(id).isNotEmpty();
        assertThat(allIds.add(id)).as("IDs are unique: " + id).isTrue();
      }
    }
  }

  @Test
  void toCsv_printsASummaryOfTablesRowsAndFiles() {
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--name", "orders", "--out", out.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow())
        .startsWith("wrote 3 tables (9 rows) as csv to " + out + " from 3 records in ");
    assertThat(r.out())
        .containsPattern("(?m)^  orders +3 rows +" + java.util.regex.Pattern.quote(out.resolve("orders.csv")
            .toString()) + "$")
        .containsPattern("(?m)^  orders_items +3 rows +.*orders_items\\.csv$")
        .containsPattern("(?m)^  orders_items_discounts +3 rows +.*orders_items_discounts\\.csv$");
  }

  @Test
  void summary_ofManyTables_isCapped() throws IOException {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 60; i++) {
      json.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":[{\"x\":").append(i).append("}]");
    }
    Path wide = Files.writeString(tmp.resolve("wide.json"), json.append('}'), StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", wide.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("wrote 61 tables (61 rows) as csv to " + out)
        .contains("  ... and 22 more tables (22 rows) in " + out + System.lineSeparator())
        .endsWith("  manifest: " + out.resolve("_transmog_manifest.json").toAbsolutePath().normalize()
            + System.lineSeparator());
    assertThat(r.out().lines().count()).isEqualTo(2 + FlattenCommand.MAX_LISTED);
    assertThat(fileNames(out)).hasSize(62);
  }

  @Test
  void timestampColumnIsOnByDefault_andCanBeRenamed() {
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "-n", "orders", "-o", out.toString(),
        "--timestamp-column", "processed_at", "--id-column", "row_id", "--parent-id-column", "parent_row_id");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, CsvTable> t = CsvTable.readAll(out);
    assertThat(t.get("orders").header()).contains("row_id", "processed_at").doesNotContain("_id", "_timestamp");
    assertThat(t.get("orders_items").header()).contains("row_id", "parent_row_id", "processed_at");
    assertThat(t.get("orders").values("processed_at")).allSatisfy(v -> assertThat(v).isNotEmpty());
  }

  @Test
  void optionsReachTheEngine() {
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--name", "o", "--out", out.toString(), "--no-timestamp",
        "--separator", ".", "--array-mode", "SEPARATE", "--include-nulls", "--input-format", "jsonl",
        "--chunk-size", "1", "--low-memory", "--max-depth", "50");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, CsvTable> t = CsvTable.readAll(out);
    assertThat(t).containsOnlyKeys("o", "o.items", "o.items.discounts", "o.tags");
    assertThat(t.get("o").header()).contains("customer.address.city", "note").doesNotContain("tags");
    assertThat(t.get("o.tags").values("value")).containsExactly("gift", "express");
  }

  @Test
  void inlineAndSkipArrayModes() {
    Path inline = tmp.resolve("inline");
    Path skip = tmp.resolve("skip");

    assertThat(Cli.run("flatten", ORDERS.toString(), "--out", inline.toString(), "--array-mode", "inline")
        .exitCode()).isZero();
    assertThat(Cli.run("flatten", ORDERS.toString(), "--out", skip.toString(), "--array-mode", "skip")
        .exitCode()).isZero();

    assertThat(fileNames(inline)).containsExactlyInAnyOrder("data.csv", "_transmog_manifest.json");
    assertThat(CsvTable.readAll(inline).get("data").values("items").get(0)).startsWith("[{").contains("KB-01");
    assertThat(fileNames(skip)).containsExactlyInAnyOrder("data.csv", "_transmog_manifest.json");
    assertThat(CsvTable.readAll(skip).get("data").header()).doesNotContain("items", "tags");
  }

  @Test
  void stringify_writesEveryValueAsItsInputText() {
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--out", out.toString(), "--stringify", "--format",
        "jsonl", "--name", "orders");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<Map<String, Object>> items = readJsonl(out.resolve("orders_items.jsonl"));
    assertThat(items.get(0)).containsEntry("qty", "1").containsEntry("price", "49.9");
  }

  @Test
  void toJsonLines_writesOneObjectPerRow() {
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--name", "orders", "--format", "jsonl", "--out",
        out.toString(), "--no-timestamp");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("wrote 3 tables (9 rows) as jsonl to ");
    assertThat(fileNames(out)).containsExactlyInAnyOrder("orders.jsonl", "orders_items.jsonl",
        "orders_items_discounts.jsonl", "_transmog_manifest.json");

    List<Map<String, Object>> orders = readJsonl(out.resolve("orders.jsonl"));
    assertThat(orders).hasSize(3);
    assertThat(orders.get(0)).containsKeys("_id", "order_id", "customer_address_city", "tags")
        .containsEntry("customer_name", "Ann Lee").containsEntry("paid", true);
    assertThat(orders.get(0).get("tags")).as("the scalar array stays in the row").isNotNull();

    List<Map<String, Object>> items = readJsonl(out.resolve("orders_items.jsonl"));
    assertThat(items).extracting(m -> m.get("sku")).containsExactly("KB-01", "MS-02", "HD-07");
    assertThat(items.get(0)).containsEntry("qty", 1L).containsEntry("_parent_id", orders.get(0).get("_id"));
    assertThat(readJsonl(out.resolve("orders_items_discounts.jsonl"))).hasSize(3);
  }

  @Test
  void formatOptionsReachTheWriter() throws IOException {
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", ORDERS.toString(), "--out", out.toString(), "-O", "delimiter=;",
        "--no-timestamp");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readAllLines(out.resolve("data.csv"), StandardCharsets.UTF_8).get(0))
        .startsWith("_id;order_id;placed_at;");
  }

  @Test
  void standardInput_isReadForADash() throws IOException {
    Path out = tmp.resolve("out");
    java.io.InputStream saved = System.in;
    try (java.io.InputStream in = Files.newInputStream(ORDERS)) {
      System.setIn(in);
      Cli.Result r = Cli.run("flatten", "-", "--out", out.toString(), "--input-format", "jsonl");
      assertThat(r.exitCode()).as(r.toString()).isZero();
    } finally {
      System.setIn(saved);
    }
    assertThat(CsvTable.readAll(out).get("data").rows()).hasSize(3);
  }

  @Test
  void gzipInput_isDetected() throws IOException {
    Path gz = tmp.resolve("orders.jsonl.gz");
    try (var outStream = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(ORDERS, outStream);
    }
    Path out = tmp.resolve("out");

    Cli.Result r = Cli.run("flatten", gz.toString(), "--out", out.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(CsvTable.readAll(out).get("data").rows()).hasSize(3);
  }

  static List<String> fileNames(Path dir) {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads a JSON Lines file of flat objects: scalars as String, Long, Double, Boolean or null. */
  static List<Map<String, Object>> readJsonl(Path file) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      while (p.nextToken() != null) {
        assertThat(p.currentToken()).isEqualTo(JsonToken.START_OBJECT);
        Map<String, Object> row = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          Object value = switch (v) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            case START_ARRAY, START_OBJECT -> {
              p.skipChildren();
              yield "<nested JSON>";
            }
            default -> throw new AssertionError(file + ": row field " + key + " is not a scalar but " + v);
          };
          row.put(key, value);
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows;
  }
}
