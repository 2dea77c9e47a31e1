package io.transmog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmog.api.ErrorMode;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkFlattenResult#write}: one directory per table with Spark's writer, read back with Spark's reader; the
 * manifest; the rejects directory; and what happens to an existing output.
 */
class SparkWriteTest {
  private static SparkSession spark;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = Compare.localSpark("SparkWriteTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SparkFlattenResult orders(int n, ErrorMode mode) throws IOException {
    Path file = SparkFilesTest.orders(Files.createDirectories(dir.resolve("in-" + n + mode)), n);
    if (mode != ErrorMode.STRICT) {
      Files.writeString(file, "{\"id\": oops}\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }
    TransmogOptions options = TransmogOptions.builder().name("orders").idStrategy(IdStrategy.deterministic())
        .onError(mode).build();
    return SparkTransmog.builder(spark).options(options).splitSize(5000).build().flattenFiles(Compare.str(file));
  }

  private static List<String> sorted(Dataset<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  @Test
  void write_parquet_oneDirectoryPerTable_readBackEqual_withAManifest() throws IOException {
    SparkFlattenResult result = orders(400, ErrorMode.STRICT);
    Path out = dir.resolve("pq");
    SparkWriteResult written = result.write(out.toString(),
        SparkOutput.builder().format("parquet").option("compression", "zstd").build());

    assertThat(written.tables()).extracting(SparkWriteResult.TableSummary::name)
        .containsExactly("orders", "orders_items", "orders_items_discounts");
    assertThat(written.records()).isEqualTo(400);
    assertThat(written.rejectsDirectory()).isEmpty();
    for (SparkWriteResult.TableSummary t : written.tables()) {
      Dataset<Row> back = spark.read().parquet(t.directory());
      SparkTable table = result.table(t.name()).orElseThrow();
      assertThat(back.schema().fieldNames()).containsExactly(table.sparkSchema().fieldNames());
      assertThat(sorted(back)).as(t.name()).isEqualTo(sorted(table.rows()));
      assertThat(back.count()).isEqualTo(t.rows());
      assertThat(t.rows()).isEqualTo(table.rowCount().orElseThrow());
    }
    try (var files = Files.list(out.resolve("orders"))) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".zstd.parquet"));
    }

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("_transmog_manifest.json").toFile());
    assertThat(manifest.get("engine").asText()).isEqualTo("transmog-spark");
    assertThat(manifest.get("input").get("records").asLong()).isEqualTo(400);
    assertThat(manifest.get("format").asText()).isEqualTo("parquet");
    assertThat(manifest.get("options").get("idStrategy").asText()).isEqualTo("deterministic");
    JsonNode items = manifest.get("tables").get(1);
    assertThat(items.get("name").asText()).isEqualTo("orders_items");
    assertThat(items.get("parent").asText()).isEqualTo("orders");
    assertThat(items.get("rows").asLong()).isEqualTo(written.tables().get(1).rows());
    assertThat(items.get("columns").findValuesAsText("name")).containsExactly(
        "_id", "_parent_id", "_timestamp", "sku", "qty", "price");
    assertThat(items.get("columns").findValuesAsText("sparkType")).contains("BIGINT", "DOUBLE", "STRING");
  }

  @Test
  void write_csv_withAHeaderRow_andRejectsAsJsonLines() throws IOException {
    SparkFlattenResult result = orders(100, ErrorMode.SKIP);
    Path out = dir.resolve("csv");
    SparkWriteResult written = result.write(out.toString(), "csv");

    assertThat(written.rejected()).isEqualTo(1);
    assertThat(written.rejectsDirectory()).hasValue(out.resolve("_transmog_rejects").toString());
    Dataset<Row> rejects = spark.read().json(written.rejectsDirectory().get());
    assertThat(rejects.select("raw").collectAsList()).extracting(r -> r.getString(0))
        .containsExactly("{\"id\": oops}");
    Dataset<Row> orders = spark.read().option("header", "true").csv(out.resolve("orders").toString());
    assertThat(orders.columns()).startsWith("_id", "_timestamp", "id", "status");
    assertThat(orders.count()).isEqualTo(100);
  }

  @Test
  void write_intoAnExistingOutput_failsUnlessOverwrite() throws IOException {
    SparkFlattenResult result = orders(50, ErrorMode.STRICT);
    Path out = dir.resolve("twice");
    result.write(out.toString(), "json");

    assertThatThrownBy(() -> result.write(out.toString(), "json"))
        .isInstanceOf(TransmogException.class)
        .hasMessageContaining("already exists");
    SparkWriteResult again = result.write(out.toString(), SparkOutput.builder().format("json").overwrite(true)
        .build());
    assertThat(spark.read().json(again.tables().get(0).directory()).count()).isEqualTo(50);
  }

  @Test
  void persist_makesSeveralTablesFromOnePass() throws IOException {
    SparkFlattenResult result = orders(120, ErrorMode.STRICT)
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_ONLY());
    try {
      long total = 0;
      for (SparkTable t : result.tables()) {
        total += t.rows().count();
      }
      assertThat(total).isEqualTo(result.tables().stream().mapToLong(t -> t.rowCount().orElseThrow()).sum());
    } finally {
      result.unpersist();
    }
  }
}
