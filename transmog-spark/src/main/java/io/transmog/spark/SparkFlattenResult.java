package io.transmog.spark;

import io.transmog.api.TransmogOptions;
import io.transmog.spark.internal.Failures;
import io.transmog.spark.internal.Layout;
import io.transmog.spark.internal.Manifest;
import io.transmog.spark.internal.SparkSchemas;
import io.transmog.spark.internal.TableChunk;
import io.transmog.spark.internal.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The tables of a Spark flattening run: main table first, then child tables in first-seen order, each a lazy
 * {@code Dataset<Row>} with its agreed schema; the rejected records (SKIP and WARN modes) as a Dataset of their own;
 * and {@link #write} to store every table as its own directory with Spark's writers.
 *
 * <p>All tables are cut from one distributed collection of converted chunks. Evaluating a table's rows runs the
 * conversion pass (flattening everything, keeping that table's rows); {@link #persist(StorageLevel)} keeps the chunks
 * so that several tables are made from one pass, and {@link #write} does so by itself. Not thread-safe with respect
 * to {@link #persist} and {@link #unpersist}; the Datasets themselves are Spark's.
 */
public final class SparkFlattenResult {
  /** Name of the rejected records' directory in {@link #write}'s output, as the CLI's {@code _transmog_rejects.jsonl}. */
  public static final String REJECTS_DIRECTORY = "_transmog_rejects";

  private final SparkSession spark;
  private final TransmogOptions options;
  private final Layout layout;
  private final JavaRDD<TableChunk> chunks;
  private final List<String> sources;
  private final SchemaInference inference;
  private final Map<String, SparkTable> tables = new LinkedHashMap<>();
  private final Dataset<Row> rejects;
  private boolean persisted;

  SparkFlattenResult(SparkSession spark, TransmogOptions options, Layout layout, JavaRDD<TableChunk> chunks,
      List<String> sources, SchemaInference inference) {
    this.spark = spark;
    this.options = options;
    this.layout = layout;
    this.chunks = chunks;
    this.sources = List.copyOf(sources);
    this.inference = inference;
    List<Layout.TableLayout> all = layout.tables();
    for (int i = 0; i < all.size(); i++) {
      Layout.TableLayout t = all.get(i);
      var schema = SparkSchemas.structType(t);
      Dataset<Row> rows = spark.createDataFrame(
          chunks.filter(new Tasks.IsTable(i)).flatMap(new Tasks.ChunkRows()), schema);
      tables.put(t.name(), new SparkTable(t.schema(), schema, rows, layout.counted() ? t.rows() : -1));
    }
    this.rejects = spark.createDataFrame(chunks.filter(new Tasks.IsTable(-1)).flatMap(new Tasks.ChunkRows()),
        SparkSchemas.rejectsSchema());
  }

  /** @return the tables, main first, then child tables in first-seen order */
  public List<SparkTable> tables() {
    return List.copyOf(tables.values());
  }

  /** @return the table names in {@link #tables()} order */
  public List<String> tableNames() {
    return List.copyOf(tables.keySet());
  }

  /** @return the main table (named after the {@code name} option) */
  public SparkTable main() {
    return tables.values().iterator().next();
  }

  /**
   * Finds a table.
   *
   * @param name its name, e.g. {@code orders_line_items}
   * @return the table, or empty
   */
  public Optional<SparkTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /**
   * The rejected records (SKIP and WARN modes; none in STRICT mode, where the first one fails the run): one row per
   * record with the fields of the CLI's {@code _transmog_rejects.jsonl}: {@code source}, {@code line},
   * {@code column}, {@code byteOffset}, {@code record}, {@code path}, {@code reason}, {@code raw}.
   *
   * @return the rejects, lazily
   */
  public Dataset<Row> rejects() {
    return rejects;
  }

  /** @return the records flattened, when the schema inference read the whole input */
  public OptionalLong records() {
    return layout.counted() ? OptionalLong.of(layout.records()) : OptionalLong.empty();
  }

  /** @return the records rejected (SKIP and WARN modes), when the schema inference read the whole input */
  public OptionalLong rejected() {
    return layout.counted() ? OptionalLong.of(layout.rejected()) : OptionalLong.empty();
  }

  /**
   * Names that may hide a difference from a single-machine run: column names that look like key-collision suffixes
   * ({@code a_b}, {@code a_b_2}; partitions number colliding paths in the order each sees them) and names that differ
   * only in case (Spark's writers refuse those unless {@code spark.sql.caseSensitive=true}).
   *
   * @return the warnings, empty when there is nothing to say
   */
  public List<String> warnings() {
    return layout.warnings();
  }

  /** @return the run's processing time, the value of the timestamp column in every row */
  public String runTimestamp() {
    return layout.runTimestamp();
  }

  /**
   * Keeps the converted rows of all tables at a storage level, so that evaluating several tables flattens the input
   * once (the first evaluation fills the cache).
   *
   * @param level e.g. {@code StorageLevel.MEMORY_AND_DISK()}
   * @return this result
   */
  public SparkFlattenResult persist(StorageLevel level) {
    chunks.persist(level);
    persisted = true;
    return this;
  }

  /**
   * Drops what {@link #persist} kept.
   *
   * @return this result
   */
  public SparkFlattenResult unpersist() {
    chunks.unpersist(false);
    persisted = false;
    return this;
  }

  /**
   * Writes every table with a Spark writer; see {@link #write(String, SparkOutput)}.
   *
   * @param outputDir the output directory (any Hadoop file system URI Spark can write)
   * @param format a Spark data source name, e.g. {@code parquet}
   * @return what was written
   */
  public SparkWriteResult write(String outputDir, String format) {
    return write(outputDir, SparkOutput.of(format));
  }

  /**
   * Writes every table as its own directory, {@code <outputDir>/<table>/}, with Spark's writer for the format; the
   * rejected records (if any) as JSON Lines in {@code <outputDir>/_transmog_rejects/}; and
   * {@code <outputDir>/_transmog_manifest.json}: the tables with their parents, directories, row counts, columns and
   * types (the core's and Spark's), the options and the input. The converted rows are kept at
   * {@link SparkOutput#cacheLevel()} while the tables are written, one Spark job each, so the input is flattened once
   * here (plus the inference pass already run).
   *
   * @param outputDir the output directory (any Hadoop file system URI Spark can write)
   * @param output format, writer options, overwrite
   * @return what was written
   * @throws io.transmog.api.TransmogException if a task fails (the engine's exception, when it was one)
   */
  public SparkWriteResult write(String outputDir, SparkOutput output) {
    long started = System.nanoTime();
    String root = outputDir.endsWith("/") ? outputDir.substring(0, outputDir.length() - 1) : outputDir;
    boolean cache = !persisted;
    if (cache) {
      chunks.persist(output.cacheLevel());
    }
    try {
      List<SparkWriteResult.TableSummary> written = new ArrayList<>();
      List<String> dirs = new ArrayList<>();
      for (SparkTable t : tables.values()) {
        String dir = root + "/" + t.name();
        Failures.run(() -> writer(t.rows(), output).save(dir));
        dirs.add(dir);
      }
      long[] counts = rowCounts();
      int i = 0;
      for (SparkTable t : tables.values()) {
        written.add(new SparkWriteResult.TableSummary(t.name(), t.parent(), dirs.get(i), counts[i + 1]));
        i++;
      }
      long rejectedRows = counts[0];
      Optional<String> rejectsDir = Optional.empty();
      if (rejectedRows > 0) {
        String dir = root + "/" + REJECTS_DIRECTORY;
        Failures.run(() -> rejects.write().mode(output.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
            .json(dir));
        rejectsDir = Optional.of(dir);
      }
      long records = layout.counted() ? layout.records() : counts[1];
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      String manifest = Manifest.write(spark, root, output, options, inference, layout, sources, written, records,
          rejectedRows, rejectsDir, took);
      return new SparkWriteResult(written, records, rejectedRows, rejectsDir, manifest, took);
    } finally {
      if (cache) {
        chunks.unpersist(false);
      }
    }
  }

  /** Rows per table (index + 1) and rejected records (index 0): from the inference pass, or counted now. */
  private long[] rowCounts() {
    List<Layout.TableLayout> all = layout.tables();
    long[] counts = new long[all.size() + 1];
    if (layout.counted()) {
      counts[0] = layout.rejected();
      for (int i = 0; i < all.size(); i++) {
        counts[i + 1] = all.get(i).rows();
      }
      return counts;
    }
    // a sampled inference knows no counts: one job over the (cached) chunks counts them
    List<long[]> parts = Failures.unwrap(() -> chunks.mapPartitions(new Tasks.CountRows(all.size())).collect());
    for (long[] p : parts) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += p[i];
      }
    }
    return counts;
  }

  private static DataFrameWriter<Row> writer(Dataset<Row> rows, SparkOutput output) {
    Map<String, String> opts = new LinkedHashMap<>(output.options());
    if (output.format().equals("csv")) {
      opts.putIfAbsent("header", "true"); // the transmog CLI writes a header row
    }
    return rows.write().format(output.format()).options(opts)
        .mode(output.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
  }

  @Override
  public String toString() {
    return "SparkFlattenResult" + Collections.unmodifiableSet(tables.keySet());
  }
}
