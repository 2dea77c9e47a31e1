package io.transmog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.ErrorMode;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.table.Table;
import io.transmog.api.table.TableSchema;
import io.transmog.api.transform.Transform;
import io.transmog.core.Transmog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Dataset<String>} input: each element one record. Compared with the core reading the same texts in the same
 * order in one run ({@code Transmog.flattenJson}), so that location IDs (source name and record number) are
 * comparable too; and the sampled schema inference, and options that hold code.
 */
class SparkDatasetTest {
  private static SparkSession spark;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = Compare.localSpark("SparkDatasetTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** The texts in six partitions, in order (parallelize keeps the order; a repartition would not). */
  private static Dataset<String> dataset(List<String> texts) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataset(jsc.parallelize(texts, 6).rdd(), Encoders.STRING());
  }

  private static List<String> events(int n, boolean lateColumn) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder("{\"event\":\"e").append(i % 9).append("\",\"n\":").append(i)
          .append(",\"user\":{\"id\":").append(i % 13).append(",\"roles\":[\"r").append(i % 2).append("\"]}")
          .append(",\"hits\":[{\"url\":\"/p").append(i % 5).append("\",\"ms\":").append(i % 4 == 0 ? "1.5" : "2")
          .append("}]");
      if (lateColumn && i == n - 3) {
        sb.append(",\"only_late\":true");
      }
      out.add(sb.append('}').toString());
    }
    return out;
  }

  /** The core's tables for the texts in one run: schemas of the last chunk, rows of every chunk. */
  private static Map.Entry<List<TableSchema>, Map<String, List<Map<String, Object>>>> core(List<String> texts,
      String source, TransmogOptions options) {
    List<TableSchema> schemas = new ArrayList<>();
    Map<String, List<Map<String, Object>>> rows = new TreeMap<>();
    Transmog.flattenJson(texts.iterator(), source, 0, options, chunk -> {
      schemas.clear();
      for (Table t : chunk.tables()) {
        schemas.add(t.schema());
        List<Map<String, Object>> list = rows.computeIfAbsent(t.name(), k -> new ArrayList<>());
        for (int r = 0; r < t.rowCount(); r++) {
          list.add(new LinkedHashMap<>(t.row(r)));
        }
      }
    });
    return Map.entry(schemas, rows);
  }

  @Test
  void flatten_dataset_equalsCore_withContentAndLocationIds() {
    List<String> texts = events(500, false);
    for (IdStrategy ids : List.of(IdStrategy.deterministic(), IdStrategy.byLocation())) {
      TransmogOptions options = TransmogOptions.builder().name("ev").idStrategy(ids).chunkSize(40).build();
      SparkFlattenResult result = SparkTransmog.builder(spark).options(options).sourceName("events").build()
          .flatten(dataset(texts));
      var core = core(texts, "events", options);
      Compare.assertSameTables(result, core.getKey(), core.getValue(), options.timestampColumn());
      assertThat(result.records()).hasValue(500);
    }
  }

  @Test
  void flatten_dataset_inManySubRuns_equalsCore() {
    List<String> texts = events(300, false);
    TransmogOptions options = TransmogOptions.builder().name("ev").idStrategy(IdStrategy.byLocation()).build();
    SparkFlattenResult result = SparkTransmog.builder(spark).options(options).subRunBytes(900).build()
        .flatten(dataset(texts));
    var core = core(texts, SparkTransmog.Builder.DEFAULT_SOURCE_NAME, options);
    Compare.assertSameTables(result, core.getKey(), core.getValue(), options.timestampColumn());
  }

  @Test
  void sampledInference_onUniformInput_givesTheSameTables_butNoCountsUpFront() {
    List<String> texts = events(400, false);
    TransmogOptions options = TransmogOptions.builder().name("ev").idStrategy(IdStrategy.deterministic()).build();
    SparkFlattenResult result = SparkTransmog.builder(spark).options(options)
        .inference(SchemaInference.sample(20)).build().flatten(dataset(texts));
    var core = core(texts, "x", options);
    Compare.assertSameTables(result, core.getKey(), core.getValue(), options.timestampColumn());
    assertThat(result.records()).isEmpty();
    assertThat(result.main().rowCount()).isEmpty();
    SparkWriteResult written = result.write(dir.resolve("sampled").toString(), "json");
    assertThat(written.records()).isEqualTo(400);
    assertThat(written.tables()).extracting(SparkWriteResult.TableSummary::rows)
        .containsExactly(400L, 400L);
  }

  @Test
  void sampledInference_thatMissesAColumn_failsAndSaysWhatToDo() {
    List<String> texts = events(400, true);
    SparkFlattenResult result = SparkTransmog.builder(spark).inference(SchemaInference.sample(10)).build()
        .flatten(dataset(texts));
    assertThat(result.main().schema().columnNames()).doesNotContain("only_late");

    assertThatThrownBy(() -> result.write(dir.resolve("missed").toString(), "parquet"))
        .isInstanceOf(TransmogException.class)
        .hasMessageContaining("only_late")
        .hasMessageContaining("SchemaInference.full()");
  }

  @Test
  void optionsWithCode_areRefused_unlessGivenAsAFactory() {
    TransmogOptions withTransform = TransmogOptions.builder().transform("", Transform.drop("event")).build();
    assertThatThrownBy(() -> SparkTransmog.builder(spark).options(withTransform))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining("TransmogOptionsFactory");

    TransmogOptionsFactory factory = () -> TransmogOptions.builder().name("ev").idStrategy(IdStrategy.deterministic())
        .transform("", Transform.drop("event"))
        .transform("hits", Transform.filter(row -> !"/p0".equals(row.get("url"))))
        .build();
    List<String> texts = events(200, false);
    SparkFlattenResult result = SparkTransmog.builder(spark).options(factory).build().flatten(dataset(texts));
    var core = core(texts, "x", factory.create());
    assertThat(result.main().schema().columnNames()).doesNotContain("event");
    Compare.assertSameTables(result, core.getKey(), core.getValue(), "_timestamp");
  }

  @Test
  void skipMode_onTexts_reportsTheRejects_withRecordNumbersOfTheWholeInput() {
    List<String> texts = new ArrayList<>(events(120, false));
    texts.set(7, "{\"broken\":");
    texts.set(95, "[1, 2");
    TransmogOptions options = TransmogOptions.builder().onError(ErrorMode.SKIP).idStrategy(IdStrategy.byLocation())
        .build();
    SparkFlattenResult result = SparkTransmog.builder(spark).options(options).build().flatten(dataset(texts));

    var core = core(texts, SparkTransmog.Builder.DEFAULT_SOURCE_NAME, options);
    Compare.assertSameTables(result, core.getKey(), core.getValue(), options.timestampColumn());
    assertThat(result.rejected()).hasValue(2);
    assertThat(result.rejects().select("record", "raw").collectAsList())
        .extracting(r -> r.getLong(0) + " " + r.getString(1))
        .containsExactlyInAnyOrder("8 {\"broken\":", "96 [1, 2");
  }
}
