package io.transmog.spark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.to_json;

import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.spark.SchemaInference;
import io.transmog.spark.SparkOutput;
import io.transmog.spark.SparkTransmog;
import io.transmog.spark.SparkWriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The measurement of docs/spark.md: the orders file flattened to Parquet on {@code local[2]}, once with transmog-spark
 * and once with plain Spark ({@code spark.read.json} and {@code posexplode} queries written by hand, one per table,
 * keyed by the order id and the array positions since plain Spark has no generated IDs). Not a test: run it with the
 * test class path (see docs/spark.md), under {@code /usr/bin/time -v} for the peak RSS.
 *
 * <pre>
 * java [Spark's --add-opens] -Xmx3g -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     io.transmog.spark.bench.SparkVsExplode transmog|explode INPUT.jsonl OUTDIR [deterministic|location|random
 *     [STORAGE_LEVEL [SAMPLE_RECORDS]]]
 * </pre>
 */
public final class SparkVsExplode {
  private SparkVsExplode() {}

  /**
   * Runs one side of the comparison.
   *
   * @param args {@code transmog|explode INPUT OUTDIR [id strategy]}
   */
  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: transmog|explode INPUT OUTDIR [deterministic|location|random"
          + " [STORAGE_LEVEL [SAMPLE_RECORDS]]]");
    }
    String mode = args[0];
    String input = args[1];
    String out = args[2];
    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-vs-explode-" + mode)
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    spark.sparkContext().setLogLevel(System.getProperty("bench.log", "WARN"));
    long started = System.nanoTime();
    List<String> lines = new ArrayList<>();
    if (mode.equals("transmog")) {
      IdStrategy ids = args.length > 3 ? switch (args[3]) {
        case "location" -> IdStrategy.byLocation();
        case "random" -> IdStrategy.random();
        default -> IdStrategy.deterministic();
      } : IdStrategy.deterministic();
      SparkTransmog.Builder b = SparkTransmog.builder(spark)
          .options(TransmogOptions.builder().name("orders").idStrategy(ids).build());
      if (args.length > 5) {
        b.inference(SchemaInference.sample(Long.parseLong(args[5])));
      }
      SparkWriteResult w = b.build()
          .flattenFiles(input)
          .write(out, SparkOutput.builder().format("parquet")
              .cacheLevel(org.apache.spark.storage.StorageLevel.fromString(args.length > 4 ? args[4] : "DISK_ONLY"))
              .build());
      for (SparkWriteResult.TableSummary t : w.tables()) {
        lines.add(String.format(Locale.ROOT, "%-30s %,12d rows", t.name(), t.rows()));
      }
    } else {
      Dataset<Row> orders = spark.read().json(input); // one pass over the input to infer the schema
      Dataset<Row> main = orders.select(flatten(orders.schema(), null, "").toArray(new Column[0]));
      write(main, out + "/orders");
      Dataset<Row> items = orders.select(col("id").as("order_id"), posexplode_outer(col("line_items")))
          .withColumnRenamed("pos", "item_index").withColumnRenamed("col", "item");
      StructType itemType = (StructType) ((ArrayType) orders.schema().apply("line_items").dataType()).elementType();
      List<Column> itemCols = new ArrayList<>(List.of(col("order_id"), col("item_index")));
      itemCols.addAll(flatten(itemType, "item", ""));
      write(items.where(col("item").isNotNull()).select(itemCols.toArray(new Column[0])),
          out + "/orders_line_items");
      Dataset<Row> discounts = items.select(col("order_id"), col("item_index"),
              posexplode_outer(col("item.discounts")))
          .where(col("col").isNotNull())
          .select(col("order_id"), col("item_index"), col("pos").as("discount_index"), col("col.code").as("code"),
              col("col.pct").as("pct"));
      write(discounts, out + "/orders_line_items_discounts");
      for (String t : List.of("orders", "orders_line_items", "orders_line_items_discounts")) {
        lines.add(String.format(Locale.ROOT, "%-30s %,12d rows", t, spark.read().parquet(out + "/" + t).count()));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    for (String l : lines) {
      System.out.println(l);
    }
    System.out.printf(Locale.ROOT, "%s: %.1f s wall%n", mode, seconds);
    spark.stop();
  }

  private static void write(Dataset<Row> rows, String dir) {
    rows.write().mode("overwrite").parquet(dir);
  }

  /**
   * The columns of a struct flattened as transmog names them: nested structs become {@code a_b} columns, arrays of
   * scalars JSON text, arrays of structs are left for their own table.
   */
  static List<Column> flatten(StructType type, String path, String prefix) {
    List<Column> out = new ArrayList<>();
    for (StructField f : type.fields()) {
      String p = path == null ? f.name() : path + "." + f.name();
      String name = prefix + f.name();
      if (f.dataType() instanceof StructType s) {
        out.addAll(flatten(s, p, name + "_"));
      } else if (f.dataType() instanceof ArrayType a) {
        if (!(a.elementType() instanceof StructType)) {
          out.add(to_json(col(p)).as(name));
        }
      } else {
        out.add(col(p).as(name));
      }
    }
    return out;
  }
}
