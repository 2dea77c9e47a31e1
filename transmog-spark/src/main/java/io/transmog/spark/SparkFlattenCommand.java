package io.transmog.spark;

import io.transmog.api.ArrayMode;
import io.transmog.api.ErrorMode;
import io.transmog.api.InputFormat;
import io.transmog.api.MalformedInputException;
import io.transmog.api.SchemaConflictException;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.WriterException;
import io.transmog.api.id.IdStrategy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The spark-submit command: {@code transmog flatten}'s options (same names, same meanings, same exit codes) plus the
 * Spark ones, run with {@link SparkTransmog} and written with {@link SparkFlattenResult#write}. Output goes to the
 * writers it is given, so that it runs (and is tested) without touching the process; {@link SparkMain} owns the
 * standard streams and the exit code.
 */
@Command(
    name = "transmog-spark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    descriptionHeading = "%n",
    description = {
      "Flattens JSON Lines and JSON files into tables on Apache Spark, with the transmog engine running in the"
          + " executors: one directory per table, written with Spark's writer for --format.",
      "",
      "Takes the options of 'transmog flatten'; JSON Lines files are split into --split-size byte ranges, other"
          + " files are read whole by one task each.",
    },
    parameterListHeading = "%nInput:%n",
    optionListHeading = "%nOptions:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:bad input data (the message names file, line, byte offset and path)",
      "2:usage or configuration error: unknown option or format, bad option value",
      "3:I/O error: input missing or unreadable, output exists (without --overwrite) or cannot be written",
      "4:unexpected error",
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  spark-submit --class io.transmog.spark.SparkMain --master 'local[2]' transmog-spark-app.jar \\",
      "      /data/orders.jsonl --name orders --id-strategy deterministic --format parquet --out /data/out",
    })
final class SparkFlattenCommand implements Callable<Integer> {
  static final String PREFIX = "transmog-spark: ";

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "JSON Lines or JSON files, or directories of them"
      + " (local paths or file: URIs, readable at the same path on every executor).")
  List<String> inputs = new ArrayList<>();

  // ---- output (as transmog flatten; the formats are Spark's) ----
  @Option(names = {"-n", "--name"}, paramLabel = "NAME", defaultValue = TransmogOptions.DEFAULT_NAME,
      description = "Name of the main table and prefix of every child table.")
  String name;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "parquet",
      description = "Spark data source for every table: parquet, orc, json, csv, or any on the class path.")
  String format;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out",
      description = "Output directory (any URI Spark writes): DIR/<table>/, DIR/_transmog_manifest.json.")
  String out;

  @Option(names = "--overwrite", showDefaultValue = Visibility.NEVER,
      description = "Replace existing table directories.")
  boolean overwrite;

  @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", showDefaultValue = Visibility.NEVER,
      description = "A Spark writer option, repeatable, e.g. -O compression=zstd.")
  List<String> writerOptions = new ArrayList<>();

  @Option(names = "--compression", paramLabel = "CODEC", showDefaultValue = Visibility.NEVER,
      description = "Same as -O compression=CODEC.")
  String compression;

  @Option(names = "--max-rows-per-file", paramLabel = "N", defaultValue = "0",
      description = "At most N rows per part file (Spark's maxRecordsPerFile); 0 = no limit.")
  long maxRowsPerFile;

  @Option(names = "--max-bytes-per-file", paramLabel = "SIZE", defaultValue = "0", converter = SizeConverter.class,
      description = "Not available on Spark (its writers cut files by rows only): must stay 0.")
  long maxBytesPerFile;

  @Option(names = {"-q", "--quiet"}, showDefaultValue = Visibility.NEVER, description = "No summary.")
  boolean quiet;

  // ---- flattening (as transmog flatten) ----
  @Option(names = "--array-mode", paramLabel = "MODE", defaultValue = "smart",
      description = "smart, separate, inline or skip.")
  String arrayMode;

  @Option(names = "--separator", paramLabel = "SEP", defaultValue = TransmogOptions.DEFAULT_SEPARATOR,
      description = "Joins nested field names into column and table names.")
  String separator;

  @Option(names = "--max-depth", paramLabel = "N", defaultValue = "" + TransmogOptions.DEFAULT_MAX_DEPTH,
      description = "Nesting depth beyond which content is kept as JSON text in one column.")
  int maxDepth;

  @Option(names = "--include-nulls", showDefaultValue = Visibility.NEVER,
      description = "Make a column for a field even when it is null in every record.")
  boolean includeNulls;

  @Option(names = "--stringify", showDefaultValue = Visibility.NEVER,
      description = "Write every value as text (numbers keep their input text).")
  boolean stringify;

  @Option(names = "--input-format", paramLabel = "FMT", defaultValue = "auto",
      description = "auto, json or jsonl; jsonl files (and .jsonl/.ndjson under auto) are split.")
  String inputFormat;

  @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "" + TransmogOptions.DEFAULT_CHUNK_SIZE,
      description = "Records per chunk inside each task.")
  int chunkSize;

  @Option(names = "--low-memory", showDefaultValue = Visibility.NEVER,
      description = "Smaller buffers in the engine.")
  boolean lowMemory;

  @Option(names = "--parallelism", paramLabel = "N",
      description = "Accepted for compatibility with transmog flatten and not used: Spark's executors and"
          + " --split-size decide the parallelism.")
  Integer parallelism;

  @Option(names = "--infer-timestamps", showDefaultValue = Visibility.NEVER,
      description = "Make ISO-8601 dates DATE and date-times with an offset TIMESTAMP columns.")
  boolean inferTimestamps;

  @Option(names = "--strict-types", showDefaultValue = Visibility.NEVER,
      description = "Fail instead of widening a column whose values change type (also across partitions).")
  boolean strictTypes;

  @Option(names = "--on-error", paramLabel = "MODE", defaultValue = "strict",
      description = "strict, skip or warn; skip and warn write the bad records to DIR/_transmog_rejects/.")
  String onError;

  @Option(names = "--max-nesting-depth", paramLabel = "N",
      defaultValue = "" + TransmogOptions.DEFAULT_MAX_NESTING_DEPTH, description = "Deepest nesting accepted.")
  int maxNestingDepth;

  @Option(names = "--max-string-length", paramLabel = "N",
      defaultValue = "" + TransmogOptions.DEFAULT_MAX_STRING_LENGTH, description = "Longest string accepted.")
  int maxStringLength;

  @Option(names = "--max-columns", paramLabel = "N",
      defaultValue = "" + TransmogOptions.DEFAULT_MAX_COLUMNS_PER_TABLE, description = "Most columns per table.")
  int maxColumns;

  // ---- generated columns (as transmog flatten) ----
  @Option(names = "--id-column", paramLabel = "NAME", defaultValue = TransmogOptions.DEFAULT_ID_COLUMN,
      description = "The generated row-ID column.")
  String idColumn;

  @Option(names = "--parent-id-column", paramLabel = "NAME", defaultValue = TransmogOptions.DEFAULT_PARENT_ID_COLUMN,
      description = "The column of a child row holding its parent row's ID.")
  String parentIdColumn;

  @Option(names = "--timestamp-column", paramLabel = "NAME", defaultValue = TransmogOptions.DEFAULT_TIMESTAMP_COLUMN,
      description = "The processing-time column (one value for the whole Spark run).")
  String timestampColumn;

  @Option(names = "--no-timestamp", showDefaultValue = Visibility.NEVER,
      description = "Leave out the processing-time column.")
  boolean noTimestamp;

  @Option(names = "--root-id-column", paramLabel = "NAME", arity = "0..1",
      fallbackValue = TransmogOptions.DEFAULT_ROOT_ID_COLUMN, showDefaultValue = Visibility.NEVER,
      description = "Add the main-table row's ID to every descendant row.")
  String rootIdColumn;

  @Option(names = "--index-column", paramLabel = "NAME", arity = "0..1",
      fallbackValue = TransmogOptions.DEFAULT_INDEX_COLUMN, showDefaultValue = Visibility.NEVER,
      description = "Add each child row's 0-based position in its parent array.")
  String indexColumn;

  @Option(names = "--id-strategy", paramLabel = "KIND", defaultValue = "random",
      description = "random, deterministic (content hash) or location (file name + byte offset): the last two give"
          + " the IDs transmog flatten gives the same file.")
  String idStrategy;

  @Option(names = "--natural-id", paramLabel = "TABLE=FIELD", showDefaultValue = Visibility.NEVER,
      description = "Use a field as the row ID of a table (repeatable).")
  List<String> naturalIds = new ArrayList<>();

  // ---- Spark ----
  @Option(names = "--split-size", paramLabel = "SIZE", converter = SizeConverter.class,
      showDefaultValue = Visibility.NEVER,
      description = "Bytes of a JSON Lines file per Spark task (k, m, g suffixes); default: as Spark's file sources"
          + " choose, input bytes / default parallelism, between 4m and 128m (spark.sql.files.*).")
  Long splitSize;

  @Option(names = "--sample-records", paramLabel = "N", showDefaultValue = Visibility.NEVER,
      description = "Agree on the schema from about N records per partition instead of the whole input (faster;"
          + " a column that no sample saw fails the run).")
  Long sampleRecords;

  private final Supplier<SparkSession> session;
  private final PrintWriter output;

  SparkFlattenCommand(Supplier<SparkSession> session, PrintWriter output) {
    this.session = session;
    this.output = output;
  }

  /**
   * Parses and runs a command line.
   *
   * @param args the arguments
   * @param session gives the Spark session, asked only once the options are valid
   * @param out where the summary and help go
   * @param err where errors go
   * @return the exit code
   */
  static int execute(String[] args, Supplier<SparkSession> session, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new SparkFlattenCommand(session, out));
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println(PREFIX + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
      ex.getCommandLine().getErr().println("Try 'transmog-spark --help' for more information.");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      c.getErr().println(PREFIX + message(ex));
      return exitCode(ex);
    });
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static int exitCode(Exception ex) {
    if (ex instanceof TransmogConfigurationException) {
      return 2;
    }
    if (ex instanceof MalformedInputException || ex instanceof SchemaConflictException) {
      return 1;
    }
    if (ex instanceof WriterException) {
      return 3;
    }
    if (ex instanceof TransmogException) {
      for (Throwable c = ex; c != null && c.getCause() != c; c = c.getCause()) {
        if (c instanceof java.io.IOException || c instanceof java.io.UncheckedIOException) {
          return 3;
        }
      }
      String m = String.valueOf(ex.getMessage());
      return m.startsWith("input not found") || m.contains("already exists") ? 3 : 1;
    }
    return 4;
  }

  private static String message(Exception ex) {
    if (ex instanceof MalformedInputException) {
      return "malformed input: " + ex.getMessage();
    }
    String m = ex.getMessage();
    if (m != null && m.contains("already exists")) {
      return m + " (pass --overwrite to replace it)";
    }
    return ex instanceof TransmogException ? m : "unexpected error: " + ex;
  }

  @Override
  public Integer call() {
    TransmogOptions options = transmogOptions();
    SparkOutput output = sparkOutput();
    SparkTransmog.Builder b = SparkTransmog.builder(session.get()).options(options);
    if (splitSize != null) {
      b.splitSize(splitSize);
    }
    if (sampleRecords != null) {
      b.inference(SchemaInference.sample(sampleRecords));
    }
    SparkFlattenResult result = b.build().flattenFiles(inputs);
    SparkWriteResult written = result.write(out, output);
    if (!quiet) {
      printSummary(written, result.warnings());
    }
    return 0;
  }

  private void printSummary(SparkWriteResult w, List<String> warnings) {
    output.printf(Locale.ROOT, "%,d records -> %d tables in %s (%s, %.1f s)%n", w.records(), w.tables().size(),
        out, format, w.duration().toMillis() / 1000.0);
    for (SparkWriteResult.TableSummary t : w.tables()) {
      output.printf(Locale.ROOT, "  %-40s %,14d rows  %s%n", t.name(), t.rows(), t.directory());
    }
    if (w.rejected() > 0) {
      output.printf(Locale.ROOT, "  %,d bad records left out: %s%n", w.rejected(), w.rejectsDirectory().orElse(""));
    }
    for (String warning : warnings) {
      output.println("warning: " + warning);
    }
    output.println("manifest: " + w.manifest());
  }

  TransmogOptions transmogOptions() {
    TransmogOptions.Builder b = TransmogOptions.builder();
    apply("--name", name, () -> b.name(name));
    apply("--separator", separator, () -> b.separator(separator));
    b.arrayMode(parseEnum("--array-mode", arrayMode, ArrayMode.class));
    b.includeNulls(includeNulls);
    b.stringifyValues(stringify);
    apply("--max-depth", maxDepth, () -> b.maxDepth(maxDepth));
    apply("--chunk-size", chunkSize, () -> b.chunkSize(chunkSize));
    b.lowMemory(lowMemory);
    b.inputFormat(parseEnum("--input-format", inputFormat, InputFormat.class));
    apply("--id-column", idColumn, () -> b.idColumn(idColumn));
    apply("--parent-id-column", parentIdColumn, () -> b.parentIdColumn(parentIdColumn));
    apply("--timestamp-column", timestampColumn, () -> b.timestampColumn(timestampColumn));
    b.includeTimestamp(!noTimestamp);
    if (rootIdColumn != null) {
      b.includeRootId(true);
      apply("--root-id-column", rootIdColumn, () -> b.rootIdColumn(rootIdColumn));
    }
    if (indexColumn != null) {
      b.includeIndex(true);
      apply("--index-column", indexColumn, () -> b.indexColumn(indexColumn));
    }
    if (parallelism != null && parallelism < 1) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--parallelism' ('" + parallelism
          + "'): must be at least 1");
    }
    b.inferTimestamps(inferTimestamps);
    b.strictTypes(strictTypes);
    b.onError(parseEnum("--on-error", onError, ErrorMode.class));
    apply("--max-nesting-depth", maxNestingDepth, () -> b.maxNestingDepth(maxNestingDepth));
    apply("--max-string-length", maxStringLength, () -> b.maxStringLength(maxStringLength));
    apply("--max-columns", maxColumns, () -> b.maxColumnsPerTable(maxColumns));
    b.idStrategy(idStrategy());
    try {
      return b.build();
    } catch (TransmogConfigurationException e) {
      throw new ParameterException(spec.commandLine(), "invalid options: " + e.getMessage(), e);
    }
  }

  private SparkOutput sparkOutput() {
    if (maxBytesPerFile != 0) {
      throw new ParameterException(spec.commandLine(), "--max-bytes-per-file is not available on Spark: its writers"
          + " cut part files by rows only; use --max-rows-per-file");
    }
    if (maxRowsPerFile < 0) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--max-rows-per-file' ('"
          + maxRowsPerFile + "'): must not be negative");
    }
    if (sampleRecords != null && sampleRecords <= 0) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--sample-records' ('"
          + sampleRecords + "'): must be positive");
    }
    SparkOutput.Builder b = SparkOutput.builder().overwrite(overwrite);
    apply("--format", format, () -> b.format(format));
    Map<String, String> opts = new LinkedHashMap<>();
    for (String pair : writerOptions) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--option' ('" + pair
            + "'): expected KEY=VALUE, e.g. compression=zstd");
      }
      opts.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    if (compression != null) {
      opts.put("compression", compression);
    }
    if (maxRowsPerFile > 0) {
      opts.put("maxRecordsPerFile", Long.toString(maxRowsPerFile));
    }
    opts.forEach(b::option);
    return b.build();
  }

  private IdStrategy idStrategy() {
    if (!naturalIds.isEmpty()) {
      Map<String, String> keys = new LinkedHashMap<>();
      for (String pair : naturalIds) {
        int eq = pair.indexOf('=');
        if (eq < 0 || eq == pair.length() - 1) {
          throw new ParameterException(spec.commandLine(),
              "Invalid value for option '--natural-id' ('" + pair + "'): expected TABLE=FIELD, e.g. line_items=sku");
        }
        String table = pair.substring(0, eq);
        keys.put(table.equals(name) ? "" : table, pair.substring(eq + 1));
      }
      return IdStrategy.natural(keys);
    }
    switch (idStrategy.toLowerCase(Locale.ROOT)) {
      case "random":
        return IdStrategy.random();
      case "deterministic":
        return IdStrategy.deterministic();
      case "location":
        return IdStrategy.byLocation();
      default:
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--id-strategy' ('"
            + idStrategy + "'): expected one of random, deterministic, location");
    }
  }

  private <E extends Enum<E>> E parseEnum(String option, String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "' ('" + value
        + "'): expected one of " + String.join(", ", names));
  }

  private void apply(String option, Object value, Runnable setter) {
    try {
      setter.run();
    } catch (TransmogConfigurationException e) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "' ('" + value + "'): " + e.getMessage(), e);
    }
  }

  /** Sizes with an optional k, m or g suffix (powers of 1024), as transmog flatten reads them. */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      long unit = 1;
      if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
        unit = v.endsWith("k") ? 1L << 10 : v.endsWith("m") ? 1L << 20 : 1L << 30;
        v = v.substring(0, v.length() - 1);
      }
      try {
        long n = Long.parseLong(v);
        if (n < 0) {
          throw new CommandLine.TypeConversionException("'" + value + "' is negative");
        }
        return Math.multiplyExact(n, unit);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a size (e.g. 64m, 1g, 4096)");
      }
    }
  }
}
