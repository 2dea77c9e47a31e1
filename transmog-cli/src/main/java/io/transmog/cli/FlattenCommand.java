package io.transmog.cli;

import io.transmog.api.ArrayMode;
import io.transmog.api.InputFormat;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.ErrorMode;
import io.transmog.api.id.IdStrategy;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code transmog flatten}: streams one JSON or JSON Lines file through the flattener into one file per table,
 * {@code <out>/<table>.<ext>}, in memory bounded by one chunk, with a manifest.
 *
 * <p>Checks are ordered cheapest first, so that a typo fails before a large file is read: options, format and format
 * options (exit 2), then the input file and the output directory (exit 3), then the data (exit 1), then writing (3).
 */
@Command(
    name = "flatten",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    showDefaultValues = true,
    abbreviateSynopsis = true,
    descriptionHeading = "%n",
    description = {
      "Flattens a JSON or JSON Lines file into tables.",
      "",
      "Each record becomes a row of the main table (--name); nested objects become columns named by their path"
          + " (customer_address_city); an array of objects at path p becomes the child table NAME_p (orders_items),"
          + " one row per element, linked to its parent row by _parent_id = the parent's _id.",
      "",
      "Every table is written as DIR/<table>.<ext> in the chosen format. Files appear only when complete.",
    },
    parameterListHeading = "%nInput:%n",
    optionListHeading = "%nOptions:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCode.HELP_0, ExitCode.HELP_1, ExitCode.HELP_2, ExitCode.HELP_3, ExitCode.HELP_4,
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  transmog flatten orders.jsonl --name orders --out out",
      "      writes out/orders.csv, out/orders_items.csv, ...",
      "  transmog flatten events.json --format jsonl --array-mode separate",
      "  transmog flatten data.json -O delimiter=';' -O formulaGuard=true --overwrite",
      "  gunzip -c big.jsonl.gz | transmog flatten - --input-format jsonl",
      "",
      "'transmog formats' lists the output formats and the -O keys each one accepts.",
    })
final class FlattenCommand implements Callable<Integer> {
  /** The summary lists at most this many tables, one per line (update-center.json makes 1,414 in separate mode). */
  static final int MAX_LISTED = 40;

  @Spec CommandSpec spec;

  @Mixin DebugOption debugOption;

  @Parameters(
      index = "0",
      paramLabel = "INPUT",
      description = {
        "The file to flatten: a JSON document (an object is one record, a top-level array holds the records) or"
            + " JSON Lines (.jsonl, .ndjson: one record per line). Gzip input is detected. '-' reads standard input."
      })
  Path input;

  @ArgGroup(validate = false, heading = "%nOutput:%n", order = 1)
  OutputOptions output = new OutputOptions();

  @ArgGroup(validate = false, heading = "%nFlattening:%n", order = 2)
  FlattenOptions flatten = new FlattenOptions();

  @ArgGroup(validate = false, heading = "%nGenerated columns:%n", order = 3)
  ColumnOptions columns = new ColumnOptions();

  /** Where and how to write. */
  static final class OutputOptions {
    @Option(
        names = {"-n", "--name"},
        paramLabel = "NAME",
        order = 10,
        defaultValue = TransmogOptions.DEFAULT_NAME,
        description = "Name of the main table and prefix of every child table.")
    String name = TransmogOptions.DEFAULT_NAME;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        order = 11,
        defaultValue = "csv",
        description = "Output format, e.g. csv or jsonl: any writer that 'transmog formats' lists.")
    String format = "csv";

    @Option(
        names = {"-o", "--out"},
        paramLabel = "DIR",
        order = 12,
        defaultValue = "out",
        description = "Output directory, created if missing. Refused if it exists and is not empty, unless"
            + " --overwrite is given.")
    Path out = Path.of("out");

    @Option(
        names = "--overwrite",
        order = 13,
        showDefaultValue = Visibility.NEVER,
        description = "Write into a non-empty output directory: the files a previous run listed in its manifest and"
            + " files of the same names are replaced; other files are left alone.")
    boolean overwrite;

    @Option(
        names = {"-O", "--option"},
        paramLabel = "KEY=VALUE",
        order = 14,
        showDefaultValue = Visibility.NEVER,
        description = "A writer option, repeatable, e.g. -O delimiter=';' -O formulaGuard=true. Unknown keys are"
            + " refused.")
    List<String> formatOptions = new ArrayList<>();

    @Option(
        names = "--compression",
        paramLabel = "CODEC",
        order = 15,
        showDefaultValue = Visibility.NEVER,
        description = "Compression for formats that have it (parquet: zstd, snappy, gzip, none; default zstd)."
            + " Same as -O compression=CODEC.")
    String compression;

    @Option(
        names = "--max-rows-per-file",
        paramLabel = "N",
        order = 15,
        defaultValue = "0",
        description = "Start a new part file (<table>-00001.<ext>, ...) once a table's file holds N rows; 0 = no"
            + " limit. Parts are cut at chunk boundaries.")
    long maxRowsPerFile;

    @Option(
        names = "--max-bytes-per-file",
        paramLabel = "SIZE",
        order = 16,
        defaultValue = "0",
        converter = EnumOptions.SizeConverter.class,
        description = "Start a new part file once a table's file reaches SIZE bytes (k, m, g suffixes); 0 = no"
            + " limit.")
    long maxBytesPerFile;

    @Option(
        names = {"-q", "--quiet"},
        order = 17,
        showDefaultValue = Visibility.NEVER,
        description = "No progress bar and no summary (errors are still printed). The progress bar is shown only"
            + " when standard error is a terminal.")
    boolean quiet;
  }

  /** How records become tables; mirrors {@link TransmogOptions}. */
  static final class FlattenOptions {
    @Option(
        names = "--array-mode",
        paramLabel = "MODE",
        order = 20,
        defaultValue = "smart",
        converter = EnumOptions.ArrayModeConverter.class,
        completionCandidates = EnumOptions.ArrayModes.class,
        description = "How arrays become tables, one of: ${COMPLETION-CANDIDATES}. smart keeps an array of"
            + " scalars in its row as JSON text and makes any other array a child table; separate makes every array"
            + " a child table (scalars go into a 'value' column); inline keeps every array in its row as JSON text;"
            + " skip drops arrays.")
    ArrayMode arrayMode = ArrayMode.SMART;

    @Option(
        names = "--separator",
        paramLabel = "SEP",
        order = 21,
        defaultValue = TransmogOptions.DEFAULT_SEPARATOR,
        description = "Joins nested field names into column and table names.")
    String separator = TransmogOptions.DEFAULT_SEPARATOR;

    @Option(
        names = "--max-depth",
        paramLabel = "N",
        order = 22,
        defaultValue = "" + TransmogOptions.DEFAULT_MAX_DEPTH,
        description = "Nesting depth beyond which content is kept as JSON text in one column (never dropped).")
    int maxDepth = TransmogOptions.DEFAULT_MAX_DEPTH;

    @Option(
        names = "--include-nulls",
        order = 23,
        showDefaultValue = Visibility.NEVER,
        description = "Make a column for a field even when it is null in every record.")
    boolean includeNulls;

    @Option(
        names = "--stringify",
        order = 24,
        showDefaultValue = Visibility.NEVER,
        description = "Write every value as text (numbers keep their input text).")
    boolean stringify;

    @Option(
        names = "--input-format",
        paramLabel = "FMT",
        order = 25,
        defaultValue = "auto",
        converter = EnumOptions.InputFormatConverter.class,
        completionCandidates = EnumOptions.InputFormats.class,
        description = "How the input is split into records, one of: ${COMPLETION-CANDIDATES}. auto decides from the"
            + " file extension, then from the content.")
    InputFormat inputFormat = InputFormat.AUTO;

    @Option(
        names = "--chunk-size",
        paramLabel = "N",
        order = 26,
        defaultValue = "" + TransmogOptions.DEFAULT_CHUNK_SIZE,
        description = "Records per batch handed to the writers; memory holds about one chunk of rows.")
    int chunkSize = TransmogOptions.DEFAULT_CHUNK_SIZE;

    @Option(
        names = "--low-memory",
        order = 27,
        showDefaultValue = Visibility.NEVER,
        description = "Use smaller buffers, trading some speed for a smaller footprint.")
    boolean lowMemory;

    @Option(
        names = "--parallelism",
        paramLabel = "N",
        order = 27,
        description = "Threads to use (default: the available processors). With 2 or more, a plain JSON Lines file"
            + " of 64 MiB or more is cut into one split per thread, each written to its own part files in input order"
            + " (same rows and deterministic IDs); other input overlaps flattening and writing.")
    Integer parallelism;

    @Option(
        names = "--infer-timestamps",
        order = 28,
        showDefaultValue = Visibility.NEVER,
        description = "Make ISO-8601 dates (2024-05-01) DATE columns and date-times with an offset or Z TIMESTAMP"
            + " columns.")
    boolean inferTimestamps;

    @Option(
        names = "--strict-types",
        order = 29,
        showDefaultValue = Visibility.NEVER,
        description = "Fail (naming table, column, record and both types) instead of widening a column whose values"
            + " change type.")
    boolean strictTypes;

    @Option(
        names = "--on-error",
        paramLabel = "MODE",
        order = 40,
        defaultValue = "strict",
        converter = EnumOptions.ErrorModeConverter.class,
        completionCandidates = EnumOptions.ErrorModes.class,
        description = "What happens to a bad record, one of: ${COMPLETION-CANDIDATES}. strict stops at the first;"
            + " skip leaves it out and writes it, with its line, reason and raw text, to"
            + " DIR/_transmog_rejects.jsonl; warn does the same and logs each one.")
    ErrorMode onError = ErrorMode.STRICT;

    @Option(
        names = "--max-nesting-depth",
        paramLabel = "N",
        order = 41,
        defaultValue = "" + TransmogOptions.DEFAULT_MAX_NESTING_DEPTH,
        description = "Deepest container nesting the parser accepts.")
    int maxNestingDepth = TransmogOptions.DEFAULT_MAX_NESTING_DEPTH;

    @Option(
        names = "--max-string-length",
        paramLabel = "N",
        order = 42,
        defaultValue = "" + TransmogOptions.DEFAULT_MAX_STRING_LENGTH,
        description = "Longest string value, in characters, the parser accepts.")
    int maxStringLength = TransmogOptions.DEFAULT_MAX_STRING_LENGTH;

    @Option(
        names = "--max-columns",
        paramLabel = "N",
        order = 43,
        defaultValue = "" + TransmogOptions.DEFAULT_MAX_COLUMNS_PER_TABLE,
        description = "Most columns one table may get.")
    int maxColumns = TransmogOptions.DEFAULT_MAX_COLUMNS_PER_TABLE;
  }

  /** Names of the generated columns. */
  static final class ColumnOptions {
    @Option(
        names = "--id-column",
        paramLabel = "NAME",
        order = 30,
        defaultValue = TransmogOptions.DEFAULT_ID_COLUMN,
        description = "The generated row-ID column.")
    String idColumn = TransmogOptions.DEFAULT_ID_COLUMN;

    @Option(
        names = "--parent-id-column",
        paramLabel = "NAME",
        order = 31,
        defaultValue = TransmogOptions.DEFAULT_PARENT_ID_COLUMN,
        description = "The column of a child row holding its parent row's ID.")
    String parentIdColumn = TransmogOptions.DEFAULT_PARENT_ID_COLUMN;

    @Option(
        names = "--timestamp-column",
        paramLabel = "NAME",
        order = 32,
        defaultValue = TransmogOptions.DEFAULT_TIMESTAMP_COLUMN,
        description = "The processing-time column (the UTC start of the run).")
    String timestampColumn = TransmogOptions.DEFAULT_TIMESTAMP_COLUMN;

    @Option(
        names = "--no-timestamp",
        order = 33,
        showDefaultValue = Visibility.NEVER,
        description = "Leave out the processing-time column.")
    boolean noTimestamp;

    @Option(
        names = "--root-id-column",
        paramLabel = "NAME",
        order = 34,
        arity = "0..1",
        fallbackValue = TransmogOptions.DEFAULT_ROOT_ID_COLUMN,
        showDefaultValue = Visibility.NEVER,
        description = "Add the main-table row's ID to every descendant row (default name "
            + TransmogOptions.DEFAULT_ROOT_ID_COLUMN + ").")
    String rootIdColumn;

    @Option(
        names = "--index-column",
        paramLabel = "NAME",
        order = 35,
        arity = "0..1",
        fallbackValue = TransmogOptions.DEFAULT_INDEX_COLUMN,
        showDefaultValue = Visibility.NEVER,
        description = "Add each child row's 0-based position in its parent array (default name "
            + TransmogOptions.DEFAULT_INDEX_COLUMN + ").")
    String indexColumn;

    @Option(
        names = "--id-strategy",
        paramLabel = "KIND",
        order = 36,
        defaultValue = "random",
        description = "How row IDs are made: random (UUIDv7), deterministic (hash of the record's content; children"
            + " hash parent ID, table and index), location (hash of the file name and the record's byte offset).")
    String idStrategy = "random";

    @Option(
        names = "--natural-id",
        paramLabel = "TABLE=FIELD",
        order = 37,
        showDefaultValue = Visibility.NEVER,
        description = "Use a field as the row ID of a table (repeatable), e.g. --natural-id orders=id"
            + " --natural-id line_items=sku. Child IDs become <parent _id>/<key>.")
    List<String> naturalIds = new ArrayList<>();
  }

  @Override
  public Integer call() {
    TransmogOptions options = transmogOptions();
    WriterRegistry registry = WriterRegistry.discover();
    TableWriterProvider provider = registry.provider(output.format);
    FormatOptions formatOptions = formatOptions(provider);
    boolean stdin = input.toString().equals("-");
    if (!stdin) {
      checkInput(input);
    }
    checkOutput(output.out, output.overwrite);
    io.transmog.api.OutputOptions out = io.transmog.api.OutputOptions.builder()
        .format(provider.format())
        .formatOptions(formatOptions)
        .maxRowsPerFile(output.maxRowsPerFile)
        .maxBytesPerFile(output.maxBytesPerFile)
        .overwrite(output.overwrite)
        .build();
    ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), output.quiet);
    if (bar != null) {
      options = options.toBuilder().progressListener(bar).build();
    }
    boolean outExisted = Files.exists(output.out);
    StreamResult result;
    try {
      result = stdin ? Transmog.flattenStream(System.in, output.out, out, options)
          : Transmog.flattenStream(input, output.out, out, options, registry);
    } catch (RuntimeException e) {
      if (bar != null) {
        bar.clear();
      }
      // the run creates the directory before it can fail: leave no empty directory behind
      if (!outExisted) {
        deleteIfEmpty(output.out);
      }
      throw e;
    }
    if (bar != null) {
      bar.clear();
    }
    if (!output.quiet) {
      printSummary(result, provider.format());
    }
    return ExitCode.OK;
  }

  private static void deleteIfEmpty(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      if (entries.iterator().hasNext()) {
        return;
      }
    } catch (IOException e) {
      return;
    }
    try {
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // best effort: the error being reported matters more
    }
  }

  /** Builds the options, naming the command-line option in any error. */
  TransmogOptions transmogOptions() {
    TransmogOptions.Builder b = TransmogOptions.builder();
    apply("--name", output.name, () -> b.name(output.name));
    apply("--separator", flatten.separator, () -> b.separator(flatten.separator));
    b.arrayMode(flatten.arrayMode);
    b.includeNulls(flatten.includeNulls);
    b.stringifyValues(flatten.stringify);
    apply("--max-depth", flatten.maxDepth, () -> b.maxDepth(flatten.maxDepth));
    apply("--chunk-size", flatten.chunkSize, () -> b.chunkSize(flatten.chunkSize));
    b.lowMemory(flatten.lowMemory);
    b.inputFormat(flatten.inputFormat);
    apply("--id-column", columns.idColumn, () -> b.idColumn(columns.idColumn));
    apply("--parent-id-column", columns.parentIdColumn, () -> b.parentIdColumn(columns.parentIdColumn));
    apply("--timestamp-column", columns.timestampColumn, () -> b.timestampColumn(columns.timestampColumn));
    b.includeTimestamp(!columns.noTimestamp);
    if (columns.rootIdColumn != null) {
      apply("--root-id-column", columns.rootIdColumn, () -> b.rootIdColumn(columns.rootIdColumn));
    }
    if (columns.indexColumn != null) {
      apply("--index-column", columns.indexColumn, () -> b.indexColumn(columns.indexColumn));
    }
    if (flatten.parallelism != null) {
      apply("--parallelism", flatten.parallelism, () -> b.parallelism(flatten.parallelism));
    }
    b.inferTimestamps(flatten.inferTimestamps);
    b.strictTypes(flatten.strictTypes);
    b.onError(flatten.onError);
    apply("--max-nesting-depth", flatten.maxNestingDepth, () -> b.maxNestingDepth(flatten.maxNestingDepth));
    apply("--max-string-length", flatten.maxStringLength, () -> b.maxStringLength(flatten.maxStringLength));
    apply("--max-columns", flatten.maxColumns, () -> b.maxColumnsPerTable(flatten.maxColumns));
    b.idStrategy(idStrategy());
    try {
      return b.build();
    } catch (TransmogConfigurationException e) {
      throw new ParameterException(spec.commandLine(), "invalid options: " + e.getMessage(), e);
    }
  }

  private IdStrategy idStrategy() {
    if (!columns.naturalIds.isEmpty()) {
      java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
      for (String pair : columns.naturalIds) {
        int eq = pair.indexOf('=');
        if (eq < 0 || eq == pair.length() - 1) {
          throw new ParameterException(spec.commandLine(),
              "Invalid value for option '--natural-id' ('" + pair + "'): expected TABLE=FIELD, e.g. line_items=sku");
        }
        String table = pair.substring(0, eq);
        keys.put(table.equals(output.name) ? "" : table, pair.substring(eq + 1));
      }
      return IdStrategy.natural(keys);
    }
    switch (columns.idStrategy.toLowerCase(java.util.Locale.ROOT)) {
      case "random":
        return IdStrategy.random();
      case "deterministic":
        return IdStrategy.deterministic();
      case "location":
        return IdStrategy.byLocation();
      default:
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--id-strategy' ('"
            + columns.idStrategy + "'): expected one of random, deterministic, location");
    }
  }

  private void apply(String option, Object value, Runnable setter) {
    try {
      setter.run();
    } catch (TransmogConfigurationException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '" + option + "' ('" + value + "'): " + e.getMessage(), e);
    }
  }

  /** Parses {@code -O} pairs and refuses keys the writer does not know, before any input is read. */
  private FormatOptions formatOptions(TableWriterProvider provider) {
    List<String> pairs = new ArrayList<>(output.formatOptions);
    if (output.compression != null) {
      if (!provider.optionKeys().contains("compression")) {
        throw new TransmogConfigurationException("--compression: the " + provider.format()
            + " writer has no compression option");
      }
      pairs.add("compression=" + output.compression);
    }
    FormatOptions fo = FormatOptions.parse(pairs);
    for (String key : fo.keys()) {
      if (!provider.optionKeys().contains(key)) {
        throw new TransmogConfigurationException("format option \"" + key + "\" is not known to the "
            + provider.format() + " writer; it accepts: "
            + (provider.optionKeys().isEmpty()
                ? "no options"
                : String.join(", ", new TreeSet<>(provider.optionKeys()))));
      }
    }
    return fo;
  }

  private static void checkInput(Path input) {
    if (!Files.exists(input)) {
      throw new CliException(ExitCode.IO, "input file not found: " + input);
    }
    if (Files.isDirectory(input)) {
      throw new CliException(ExitCode.IO, "input is a directory, not a file: " + input);
    }
    if (!Files.isReadable(input)) {
      throw new CliException(ExitCode.IO, "input file not readable: " + input);
    }
  }

  private static void checkOutput(Path out, boolean overwrite) {
    if (!Files.exists(out)) {
      // fail now rather than after flattening a large input: the nearest existing ancestor must be a writable dir
      Path existing = out.toAbsolutePath().getParent();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null && !Files.isDirectory(existing)) {
        throw new CliException(ExitCode.IO,
            "cannot create output directory " + out + ": " + existing + " is not a directory");
      }
      if (existing != null && !Files.isWritable(existing)) {
        throw new CliException(ExitCode.IO,
            "cannot create output directory " + out + ": " + existing + " is not writable");
      }
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new CliException(ExitCode.IO, "output path exists and is not a directory: " + out);
    }
    if (!Files.isWritable(out)) {
      throw new CliException(ExitCode.IO, "output directory " + out + " is not writable");
    }
    if (overwrite) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
      if (entries.iterator().hasNext()) {
        throw new CliException(ExitCode.IO, "output directory " + out + " is not empty; pass --overwrite to write"
            + " into it anyway (files of the same names are replaced)");
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.IO, "cannot read output directory " + out + ": " + e, e);
    }
  }

  private void printSummary(StreamResult result, String format) {
    PrintWriter out = spec.commandLine().getOut();
    List<StreamResult.TableSummary> tables = result.tables();
    long rows = 0;
    int nameWidth = 0;
    int countWidth = 0;
    for (StreamResult.TableSummary t : tables) {
      rows += t.rows();
      nameWidth = Math.max(nameWidth, t.name().length());
      countWidth = Math.max(countWidth, Long.toString(t.rows()).length());
    }
    double seconds = result.duration().toNanos() / 1e9;
    out.printf("wrote %d %s (%d %s) as %s to %s from %d %s in %.1f s%s%n", tables.size(),
        plural(tables.size(), "table", "tables"), rows, plural(rows, "row", "rows"), format, output.out,
        result.records(), plural(result.records(), "record", "records"), seconds,
        result.inputBytes() > 0 && seconds > 0
            ? String.format(java.util.Locale.ROOT, " (%.1f MB/s)", result.inputBytes() / 1e6 / seconds) : "");
    int listed = tables.size() <= MAX_LISTED ? tables.size() : MAX_LISTED - 1;
    for (int i = 0; i < listed; i++) {
      StreamResult.TableSummary t = tables.get(i);
      List<StreamResult.FileSummary> files = t.files();
      String file = files.size() == 1 ? files.get(0).path().toString()
          : files.size() + " parts: " + files.get(0).path().getFileName() + " ... "
              + files.get(files.size() - 1).path().getFileName();
      out.printf("  %-" + nameWidth + "s  %" + countWidth + "d %-4s  %s%n", t.name(), t.rows(),
          plural(t.rows(), "row", "rows"), file);
    }
    if (listed < tables.size()) {
      long moreRows = 0;
      for (StreamResult.TableSummary t : tables.subList(listed, tables.size())) {
        moreRows += t.rows();
      }
      out.printf("  ... and %d more tables (%d %s) in %s%n", tables.size() - listed, moreRows,
          plural(moreRows, "row", "rows"), output.out);
    }
    if (result.rejected() > 0) {
      out.printf("  %d bad %s left out: see %s%n", result.rejected(), plural(result.rejected(), "record", "records"),
          result.rejects().map(Path::toString).orElse(""));
    }
    out.printf("  manifest: %s%n", result.manifest());
    out.flush();
  }

  private static String plural(long n, String one, String many) {
    return n == 1 ? one : many;
  }
}
