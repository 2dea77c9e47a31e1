package io.transmog.spark;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Table;
import io.transmog.api.table.TableSchema;
import io.transmog.core.Transmog;
import io.transmog.spark.internal.Failures;
import io.transmog.spark.internal.InputPart;
import io.transmog.spark.internal.Layout;
import io.transmog.spark.internal.OptionsSnapshot;
import io.transmog.spark.internal.PartitionProfile;
import io.transmog.spark.internal.TableChunk;
import io.transmog.spark.internal.Tasks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * Flattens JSON with the Transmog engine inside Spark executors: a {@code Dataset<String>} of JSON texts, or JSON
 * Lines and JSON files, become one {@code Dataset<Row>} per table, with the tables, columns, types and (deterministic
 * or location-based) IDs the single-machine engine gives the same input with the same options.
 *
 * <pre>{@code
 * SparkTransmog transmog = SparkTransmog.builder(spark)
 *     .options(TransmogOptions.builder().name("orders").idStrategy(IdStrategy.deterministic()).build())
 *     .build();
 * SparkFlattenResult result = transmog.flattenFiles("/data/orders.jsonl");
 * result.table("orders_line_items").orElseThrow().rows().show();
 * result.write("/data/out", "parquet");
 * }</pre>
 *
 * <p>How it runs: JSON Lines files are cut into byte ranges ({@link Builder#splitSize}), one Spark task each; other
 * files (JSON documents, gzip) are one task each. A first pass flattens every partition to learn its tables and
 * column types (see {@link SchemaInference}), the driver merges them with the core's widening rules, and a second
 * pass flattens again and converts each chunk to the agreed schema. Records never reach the driver; only the schemas
 * and counts do. Costs: the input is flattened twice (once, on a sample, with {@link SchemaInference#sample}); the
 * first pass runs as soon as a {@code flatten} method is called, the second whenever a table's rows are evaluated.
 *
 * <p>Immutable and thread-safe.
 */
public final class SparkTransmog {
  private final SparkSession spark;
  private final TransmogOptionsFactory options;
  private final TransmogOptions driverOptions;
  private final long splitSize;
  private final SchemaInference inference;
  private final String sourceName;
  private final long subRun;

  private SparkTransmog(Builder b) {
    this.spark = b.spark;
    this.options = b.options;
    this.driverOptions = Objects.requireNonNull(b.options.create(), "the options factory returned null");
    this.splitSize = b.splitSize;
    this.inference = b.inference;
    this.sourceName = b.sourceName;
    this.subRun = b.subRun;
  }

  /**
   * Starts building.
   *
   * @param spark the session the Datasets belong to
   * @return a builder with the defaults
   */
  public static Builder builder(SparkSession spark) {
    return new Builder(Objects.requireNonNull(spark, "spark must not be null"));
  }

  /** @return the options, as the driver built them */
  public TransmogOptions options() {
    return driverOptions;
  }

  /**
   * Flattens JSON texts, one record per element (a JSON value each, as a line of JSON Lines). Record numbers, which
   * location-based IDs ({@code IdStrategy.byLocation()}) hash together with {@link Builder#sourceName}, count the
   * elements in partition order. The Dataset is evaluated twice (inference, then rows) plus once per table written:
   * cache it if computing it is costly or not deterministic.
   *
   * @param jsonRecords the records
   * @return the tables
   * @throws io.transmog.api.TransmogException in STRICT mode, for a bad record found by the inference pass, with the
   *     engine's message (its own exception does not survive Spark's task boundary: see docs/spark.md)
   * @throws io.transmog.api.SchemaConflictException with strict types, if partitions disagree on a column's type
   */
  public SparkFlattenResult flatten(Dataset<String> jsonRecords) {
    Objects.requireNonNull(jsonRecords, "jsonRecords must not be null");
    JavaRDD<String> texts = jsonRecords.javaRDD();
    int partitions = texts.getNumPartitions();
    String runTimestamp = runTimestamp();
    List<PartitionProfile> profiles = Failures.unwrap(() -> texts.mapPartitionsWithIndex(
        new Tasks.ProfileTexts(options, inference.recordsPerPartition(), sourceName), false).collect());
    Layout layout = merge(profiles, partitions, runTimestamp, p -> sourceName + " partition " + p);
    long[] before = new long[partitions];
    long sum = 0;
    for (int p = 0; p < partitions; p++) {
      before[p] = sum;
      sum += PartitionProfile.elements(profiles, p);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Layout> shared = jsc.broadcast(layout);
    Broadcast<long[]> numbering = jsc.broadcast(before);
    JavaRDD<TableChunk> chunks = texts.mapPartitionsWithIndex(
        new Tasks.ConvertTexts(options, shared, numbering, sourceName, subRun), false);
    return new SparkFlattenResult(spark, driverOptions, layout, chunks, List.of(sourceName), inference);
  }

  /**
   * Flattens files: JSON Lines ({@code .jsonl}, {@code .ndjson}, or any file with {@code inputFormat(JSONL)}) split
   * into byte ranges, anything else (a JSON document, gzip-compressed input) one task per file, read whole into the
   * task's memory. A directory stands for its files (not recursively; names starting with {@code _} or {@code .} are
   * skipped, as Spark does), in name order. The files must be readable at the same path on every executor (local
   * mode, or a shared mount).
   *
   * @param paths files or directories: local paths or {@code file:} URIs
   * @return the tables
   * @throws TransmogConfigurationException for a path on another file system ({@code hdfs:}, {@code s3a:}, …)
   * @throws io.transmog.api.TransmogException if a path does not exist or cannot be read, or holds no file; in STRICT
   *     mode, for a bad record found by the inference pass, with the engine's message
   * @throws io.transmog.api.SchemaConflictException with strict types, if partitions disagree on a column's type
   */
  public SparkFlattenResult flattenFiles(String... paths) {
    return flattenFiles(Arrays.asList(paths));
  }

  /**
   * Flattens files; see {@link #flattenFiles(String...)}.
   *
   * @param paths files or directories
   * @return the tables
   */
  public SparkFlattenResult flattenFiles(List<String> paths) {
    Objects.requireNonNull(paths, "paths must not be null");
    List<InputPart> parts = InputPart.plan(List.copyOf(paths), driverOptions.inputFormat(),
        total -> splitSize > 0 ? splitSize : sparkSplitSize(total));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // one part per partition: parallelize slices a list of n elements into n slices of one
    JavaRDD<InputPart> rdd = jsc.parallelize(parts, parts.size());
    String runTimestamp = runTimestamp();
    List<PartitionProfile> profiles = Failures.unwrap(() -> rdd.mapPartitionsWithIndex(
        new Tasks.ProfileFiles(options, inference.recordsPerPartition()), false).collect());
    Layout layout = merge(profiles, parts.size(), runTimestamp, p -> parts.get(p).describe());
    Broadcast<Layout> shared = jsc.broadcast(layout);
    JavaRDD<TableChunk> chunks = rdd.mapPartitionsWithIndex(new Tasks.ConvertFiles(options, shared, subRun), false);
    List<String> sources = new ArrayList<>();
    for (InputPart p : parts) {
      if (!sources.contains(p.file())) {
        sources.add(p.file());
      }
    }
    return new SparkFlattenResult(spark, driverOptions, layout, chunks, sources, inference);
  }

  private Layout merge(List<PartitionProfile> profiles, int partitions, String runTimestamp,
      java.util.function.IntFunction<String> describe) {
    List<TableSchema> empty = new ArrayList<>();
    for (Table t : Transmog.flatten(List.of(), driverOptions).tables()) {
      empty.add(t.schema());
    }
    return Layout.merge(profiles, partitions, empty, driverOptions.strictTypes(), driverOptions.maxColumnsPerTable(),
        driverOptions.separator(), driverOptions.includeTimestamp() ? driverOptions.timestampColumn() : null,
        runTimestamp, describe);
  }

  /**
   * The split size Spark's own file sources would choose ({@code FilePartition.maxSplitBytes}): enough ranges to keep
   * every core busy, each between {@code spark.sql.files.openCostInBytes} (4 MiB) and
   * {@code spark.sql.files.maxPartitionBytes} (128 MiB).
   */
  private long sparkSplitSize(long totalBytes) {
    long max = JavaUtils.byteStringAsBytes(spark.conf().get("spark.sql.files.maxPartitionBytes", "128m"));
    long open = JavaUtils.byteStringAsBytes(spark.conf().get("spark.sql.files.openCostInBytes", "4m"));
    long perCore = totalBytes / Math.max(1, spark.sparkContext().defaultParallelism());
    return Math.min(max, Math.max(open, perCore));
  }

  /** One processing time for the whole run, printed as the core prints its own (UTC, microseconds). */
  private static String runTimestamp() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
  }

  /** Builds a {@link SparkTransmog}. Not thread-safe. */
  public static final class Builder {
    /** Default for {@link #sourceName(String)}. */
    public static final String DEFAULT_SOURCE_NAME = "<dataset>";

    private final SparkSession spark;
    private TransmogOptionsFactory options = OptionsSnapshot.of(TransmogOptions.defaults());
    /** 0: chosen as Spark's file sources choose theirs. */
    private long splitSize;
    private SchemaInference inference = SchemaInference.full();
    private String sourceName = DEFAULT_SOURCE_NAME;
    private long subRun = Tasks.SUB_RUN;

    private Builder(SparkSession spark) {
      this.spark = spark;
    }

    /**
     * Sets the flattening options – default: {@code TransmogOptions.defaults()}. They are copied field by field to
     * the executors; {@code parallelism} and the progress listener are not used (Spark schedules the work and shows
     * its progress).
     *
     * @param options the options, as for the single-machine engine
     * @return this builder
     * @throws TransmogConfigurationException if the options hold code (transforms, a custom ID function): pass a
     *     {@link TransmogOptionsFactory} with {@link #options(TransmogOptionsFactory)} instead
     */
    public Builder options(TransmogOptions options) {
      this.options = OptionsSnapshot.of(Objects.requireNonNull(options, "options must not be null"));
      return this;
    }

    /**
     * Sets a factory of the flattening options, called on the driver and once per task – default: the default
     * options. Needed for options that hold code (transforms, custom IDs).
     *
     * @param factory makes the options; serializable
     * @return this builder
     */
    public Builder options(TransmogOptionsFactory factory) {
      this.options = Objects.requireNonNull(factory, "factory must not be null");
      return this;
    }

    /**
     * Sets the bytes of a JSON Lines file per Spark task – default: as Spark's file sources choose theirs, enough
     * ranges to keep every core busy, each between {@code spark.sql.files.openCostInBytes} (4 MiB) and
     * {@code spark.sql.files.maxPartitionBytes} (128 MiB). A range holds the lines that start in it; a task's memory
     * is bounded by one sub-run's rows whatever the range's size (rows are converted 4 MiB of input at a time).
     *
     * @param bytes at least 1
     * @return this builder
     * @throws TransmogConfigurationException if {@code bytes} is not positive
     */
    public Builder splitSize(long bytes) {
      if (bytes <= 0) {
        throw new TransmogConfigurationException("the split size must be positive, not " + bytes);
      }
      this.splitSize = bytes;
      return this;
    }

    /**
     * Sets how the schema is agreed across partitions – default: {@link SchemaInference#full()}.
     *
     * @param inference the mode
     * @return this builder
     */
    public Builder inference(SchemaInference inference) {
      this.inference = Objects.requireNonNull(inference, "inference must not be null");
      return this;
    }

    /**
     * Names a {@code Dataset<String>} input in error messages and in location-based IDs – default:
     * {@code <dataset>}. Not used for files, which are named by their path.
     *
     * @param sourceName a non-blank name
     * @return this builder
     * @throws TransmogConfigurationException if the name is blank
     */
    public Builder sourceName(String sourceName) {
      Objects.requireNonNull(sourceName, "sourceName must not be null");
      if (sourceName.isBlank()) {
        throw new TransmogConfigurationException("the source name must not be blank");
      }
      this.sourceName = sourceName;
      return this;
    }

    /**
     * Sets how much input one core run of the conversion pass flattens (bytes of a file split, characters of JSON
     * texts) – default: 4 MiB. A task holds one run's converted rows at a time. Package-private: a tuning knob for
     * tests, which use tiny runs to have many in one partition.
     *
     * @param amount at least 1
     * @return this builder
     */
    Builder subRunBytes(long amount) {
      if (amount <= 0) {
        throw new TransmogConfigurationException("the sub-run size must be positive, not " + amount);
      }
      this.subRun = amount;
      return this;
    }

    /**
     * Builds; calls the options factory once on the driver, so that bad options fail here.
     *
     * @return the configured flattener
     */
    public SparkTransmog build() {
      return new SparkTransmog(this);
    }
  }
}
