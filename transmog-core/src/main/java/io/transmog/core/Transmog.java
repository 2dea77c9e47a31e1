package io.transmog.core;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.core.internal.stream.StreamingRun;
import io.transmog.core.internal.flatten.Engine;
import io.transmog.core.internal.input.RecordReader;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The entry points: flatten nested JSON into a main table and child tables.
 *
 * <pre>{@code
 * FlattenResult result = Transmog.flatten(Path.of("orders.jsonl"),
 *     TransmogOptions.builder().name("orders").build());
 * Table items = result.table("orders_line_items").orElseThrow();
 * result.save(Path.of("out"), "csv");
 * }</pre>
 *
 * <p>Every method is thread-safe: a call owns all the state it uses, and nothing is global. The in-memory methods hold
 * every row of the result in memory (columnar: about the size of the values plus 8 bytes a cell).
 */
public final class Transmog {
  private Transmog() {}

  /**
   * Flattens one record given as a map (values may be maps, lists, arrays, strings, numbers, booleans or null).
   *
   * @param record the record
   * @param options the options
   * @return the tables
   * @throws io.transmog.api.MalformedInputException if a value cannot be represented as JSON
   */
  public static FlattenResult flatten(Map<String, ?> record, TransmogOptions options) {
    Objects.requireNonNull(record, "record must not be null");
    return run(RecordReader.ofObjects(java.util.List.of(record), "<map>", options), options);
  }

  /**
   * Flattens one record given as a map, with default options.
   *
   * @param record the record
   * @return the tables
   */
  public static FlattenResult flatten(Map<String, ?> record) {
    return flatten(record, TransmogOptions.defaults());
  }

  /**
   * Flattens records given as Java objects: each element is one record (a map is an object; any other value is
   * treated as {@code {"value": <it>}}).
   *
   * @param records the records
   * @param options the options
   * @return the tables
   */
  public static FlattenResult flatten(Iterable<?> records, TransmogOptions options) {
    Objects.requireNonNull(records, "records must not be null");
    return run(RecordReader.ofObjects(records, "<records>", options), options);
  }

  /**
   * Flattens records given as Java objects, with default options.
   *
   * @param records the records
   * @return the tables
   */
  public static FlattenResult flatten(Iterable<?> records) {
    return flatten(records, TransmogOptions.defaults());
  }

  /**
   * Flattens JSON text: a document (object or array of records) or JSON Lines.
   *
   * @param json the JSON text
   * @param options the options
   * @return the tables
   * @throws io.transmog.api.MalformedInputException if the text is not valid JSON
   */
  public static FlattenResult flatten(String json, TransmogOptions options) {
    Objects.requireNonNull(json, "json must not be null");
    return run(RecordReader.ofString(json, options), options);
  }

  /**
   * Flattens JSON text with default options.
   *
   * @param json the JSON text
   * @return the tables
   */
  public static FlattenResult flatten(String json) {
    return flatten(json, TransmogOptions.defaults());
  }

  /**
   * Flattens a file: a JSON document, JSON Lines ({@code .jsonl}, {@code .ndjson} or detected from the content), plain
   * or gzip-compressed.
   *
   * @param file the file
   * @param options the options
   * @return the tables
   * @throws io.transmog.api.MalformedInputException if the content is not valid JSON (naming file, line and offset)
   * @throws io.transmog.api.TransmogException if the file cannot be read
   */
  public static FlattenResult flatten(Path file, TransmogOptions options) {
    Objects.requireNonNull(file, "file must not be null");
    return run(RecordReader.ofFile(file, options), options);
  }

  /**
   * Flattens a file with default options.
   *
   * @param file the file
   * @return the tables
   */
  public static FlattenResult flatten(Path file) {
    return flatten(file, TransmogOptions.defaults());
  }

  /**
   * Same as {@link #flatten(Path, TransmogOptions)}; the name used by the reference implementation.
   *
   * @param file the file
   * @param options the options
   * @return the tables
   */
  public static FlattenResult flattenFile(Path file, TransmogOptions options) {
    return flatten(file, options);
  }

  /**
   * Flattens JSON bytes from a stream (UTF-8/16/32 detected, gzip detected by its magic bytes). The stream is read to
   * its end but not closed.
   *
   * @param in the stream
   * @param options the options
   * @return the tables
   */
  public static FlattenResult flatten(InputStream in, TransmogOptions options) {
    Objects.requireNonNull(in, "in must not be null");
    return run(RecordReader.ofStream(in, "<input stream>", options), options);
  }

  /**
   * Flattens JSON bytes from a stream with default options.
   *
   * @param in the stream
   * @return the tables
   */
  public static FlattenResult flatten(InputStream in) {
    return flatten(in, TransmogOptions.defaults());
  }

  /**
   * Flattens JSON text from a reader. The reader is read to its end but not closed.
   *
   * @param in the reader
   * @param options the options
   * @return the tables
   */
  public static FlattenResult flatten(Reader in, TransmogOptions options) {
    Objects.requireNonNull(in, "in must not be null");
    return run(RecordReader.ofReader(in, "<reader>", options), options);
  }

  // ---- streaming to files -------------------------------------------------------------------------------

  /**
   * Streams a file (JSON Lines, a JSON array of records or one document; plain or gzip) into one file per table in
   * {@code outputDir}, in memory bounded by one chunk of rows whatever the input size. Files appear under their final
   * names only when the whole input was read; a manifest ({@code _transmog_manifest.json}) lists tables, files, row
   * counts and column types. On error nothing is published.
   *
   * @param input the input file
   * @param outputDir the output directory (created if missing; must be empty unless {@code output.overwrite()})
   * @param output the format, its options and part limits
   * @param options the flattening options
   * @return what was written
   * @throws io.transmog.api.MalformedInputException if the input is not valid JSON
   * @throws io.transmog.api.TransmogConfigurationException for an unknown format or option
   * @throws io.transmog.api.WriterException if the output cannot be written
   */
  public static StreamResult flattenStream(Path input, Path outputDir, OutputOptions output,
      TransmogOptions options) {
    Objects.requireNonNull(input, "input must not be null");
    long size = -1;
    try {
      size = java.nio.file.Files.size(input);
    } catch (java.io.IOException ignored) {
      // reported properly when the reader opens the file
    }
    return streamFile(input, size, outputDir, output, options, WriterRegistry.discover());
  }

  /**
   * Streams JSON bytes from a caller's stream (not closed) into files; see
   * {@link #flattenStream(Path, Path, OutputOptions, TransmogOptions)}.
   *
   * @param input the stream
   * @param outputDir the output directory
   * @param output the format, its options and part limits
   * @param options the flattening options
   * @return what was written
   */
  public static StreamResult flattenStream(InputStream input, Path outputDir, OutputOptions output,
      TransmogOptions options) {
    Objects.requireNonNull(input, "input must not be null");
    return stream(() -> RecordReader.ofStream(input, "<input stream>", options), -1, outputDir, output, options,
        WriterRegistry.discover());
  }

  /**
   * Streams JSON text from a caller's reader (not closed) into files; see
   * {@link #flattenStream(Path, Path, OutputOptions, TransmogOptions)}.
   *
   * @param input the reader
   * @param outputDir the output directory
   * @param output the format, its options and part limits
   * @param options the flattening options
   * @return what was written
   */
  public static StreamResult flattenStream(Reader input, Path outputDir, OutputOptions output,
      TransmogOptions options) {
    Objects.requireNonNull(input, "input must not be null");
    return stream(() -> RecordReader.ofReader(input, "<reader>", options), -1, outputDir, output, options,
        WriterRegistry.discover());
  }

  /**
   * Streams records produced one by one (from a queue consumer, a database cursor…) into files. Each element is one
   * record: a {@code Map} (or other Java value, see {@link #flatten(Iterable, TransmogOptions)}), or a
   * {@code String} holding one record's JSON text.
   *
   * @param records the records; consumed once
   * @param outputDir the output directory
   * @param output the format, its options and part limits
   * @param options the flattening options
   * @return what was written
   */
  public static StreamResult flattenStream(java.util.Iterator<?> records, Path outputDir, OutputOptions output,
      TransmogOptions options) {
    Objects.requireNonNull(records, "records must not be null");
    return stream(() -> RecordReader.ofIterator(records, "<records>", true, options), -1, outputDir, output, options,
        WriterRegistry.discover());
  }

  /**
   * Streams a {@link java.util.stream.Stream} of records into files; the stream is closed at the end. See
   * {@link #flattenStream(java.util.Iterator, Path, OutputOptions, TransmogOptions)}.
   *
   * @param records the records
   * @param outputDir the output directory
   * @param output the format, its options and part limits
   * @param options the flattening options
   * @return what was written
   */
  public static StreamResult flattenStream(java.util.stream.Stream<?> records, Path outputDir,
      OutputOptions output, TransmogOptions options) {
    Objects.requireNonNull(records, "records must not be null");
    try (java.util.stream.Stream<?> s = records) {
      return flattenStream(s.iterator(), outputDir, output, options);
    }
  }

  /**
   * Streams a file into files using a given writer registry (explicitly registered plugins); see
   * {@link #flattenStream(Path, Path, OutputOptions, TransmogOptions)}.
   *
   * @param input the input file
   * @param outputDir the output directory
   * @param output the format, its options and part limits
   * @param options the flattening options
   * @param registry where writers are found
   * @return what was written
   */
  public static StreamResult flattenStream(Path input, Path outputDir, OutputOptions output,
      TransmogOptions options, WriterRegistry registry) {
    Objects.requireNonNull(input, "input must not be null");
    long size = -1;
    try {
      size = java.nio.file.Files.size(input);
    } catch (java.io.IOException ignored) {
      // reported properly when the reader opens the file
    }
    return streamFile(input, size, outputDir, output, options, registry);
  }

  /**
   * A plain JSON Lines file large enough to share is cut into one split per thread ({@code parallelism}); anything
   * else (a JSON document, gzip, a small file) is read by one reader.
   */
  private static StreamResult streamFile(Path input, long size, Path outputDir, OutputOptions output,
      TransmogOptions options, WriterRegistry registry) {
    Objects.requireNonNull(options, "options must not be null");
    java.util.List<io.transmog.core.internal.input.Splits.Range> ranges =
        io.transmog.core.internal.input.Splits.plan(input, options, MIN_SPLIT_BYTES);
    if (ranges.size() <= 1) {
      return stream(() -> RecordReader.ofFile(input, options), size, outputDir, output, options, registry);
    }
    java.util.List<java.util.function.Supplier<RecordReader>> splits = new java.util.ArrayList<>();
    for (io.transmog.core.internal.input.Splits.Range r : ranges) {
      splits.add(() -> RecordReader.ofFileRange(input, r.start(), r.end(), options));
    }
    return withRun(outputDir, output, options, registry, run -> run.runSplits(splits, size, input.toString()));
  }

  /** Below this, a split costs more in thread start-up and extra part files than it saves. */
  private static final long MIN_SPLIT_BYTES = 32L * 1024 * 1024;

  /**
   * Opens a push-style streaming run: hand it records one by one, then {@link Flattener#finish()} publishes the
   * files. See {@link Flattener}.
   *
   * @param outputDir the output directory (created if missing; must be empty unless {@code output.overwrite()})
   * @param output the format, its options and part limits
   * @param options the flattening options
   * @return the open flattener; close it (try-with-resources)
   */
  public static Flattener flattener(Path outputDir, OutputOptions output, TransmogOptions options) {
    return new Flattener(outputDir, output, options, WriterRegistry.discover());
  }

  /**
   * Opens a push-style streaming run with a given writer registry.
   *
   * @param outputDir the output directory
   * @param output the format, its options and part limits
   * @param options the flattening options
   * @param registry where writers are found
   * @return the open flattener
   */
  public static Flattener flattener(Path outputDir, OutputOptions output, TransmogOptions options,
      WriterRegistry registry) {
    return new Flattener(outputDir, output, options, registry);
  }

  static StreamResult streamRecords(java.util.Iterator<?> records, Path outputDir, OutputOptions output,
      TransmogOptions options, WriterRegistry registry) {
    return stream(() -> RecordReader.ofIterator(records, "<records>", true, options), -1, outputDir, output, options,
        registry);
  }

  private static StreamResult stream(java.util.function.Supplier<RecordReader> open, long inputBytes,
      Path outputDir, OutputOptions output, TransmogOptions options, WriterRegistry registry) {
    return withRun(outputDir, output, options, registry, run -> {
      try (RecordReader reader = open.get()) {
        return run.run(reader, inputBytes);
      }
    });
  }

  /** Checks the arguments and finds the writer before any input is opened, then runs and summarises. */
  private static StreamResult withRun(Path outputDir, OutputOptions output, TransmogOptions options,
      WriterRegistry registry, java.util.function.Function<StreamingRun, StreamingRun.Outcome> body) {
    Objects.requireNonNull(outputDir, "outputDir must not be null");
    Objects.requireNonNull(output, "output must not be null");
    Objects.requireNonNull(options, "options must not be null");
    Objects.requireNonNull(registry, "registry must not be null");
    TableWriterProvider provider = registry.provider(output.format(), output.formatOptions());
    return result(body.apply(new StreamingRun(options, output, provider, outputDir)));
  }

  private static StreamResult result(StreamingRun.Outcome o) {
    java.util.List<StreamResult.TableSummary> tables = new java.util.ArrayList<>();
    for (StreamingRun.TableResult t : o.tables()) {
      java.util.List<StreamResult.FileSummary> files = new java.util.ArrayList<>();
      for (StreamingRun.FileResult f : t.files()) {
        files.add(new StreamResult.FileSummary(f.path(), f.rows(), f.bytes(), f.schema().columns()));
      }
      tables.add(new StreamResult.TableSummary(t.name(), java.util.Optional.ofNullable(t.parent()), t.rows(),
          t.schema().columns(), files));
    }
    return new StreamResult(tables, o.records(), o.rejected(), o.inputBytes(), o.manifest(),
        java.util.Optional.ofNullable(o.rejects()), o.duration());
  }

  /**
   * Flattens the JSON Lines records that start inside bytes {@code [start, end)} of a plain (not compressed) file, for
   * callers that spread one file over many workers (a Spark task per split, a thread pool). The line that straddles
   * {@code start} belongs to the split before; the line that straddles {@code end} is read to its end; so splits that
   * share their bounds read every line exactly once.
   *
   * <p>The rows arrive in chunks of {@code options.chunkSize()} records: one {@link FlattenResult} per chunk, valid only
   * during the call (copy what you keep; the storage is reused). Each chunk holds every table seen so far in this split,
   * main table first, possibly with no rows; a table's schema holds the columns seen so far in this split with their
   * types as widened so far. IDs from content ({@code IdStrategy.deterministic}) and from location
   * ({@code IdStrategy.byLocation}: file name and absolute byte offset) are the same as in a run over the whole file;
   * error locations name the file, the absolute offset and line. In SKIP and WARN mode a chunk's bad records are in its
   * {@link FlattenResult#rejects()}. A record's child rows are never split across chunks, so one huge record is held in
   * memory whole. Costs: one chunk of rows in memory; no thread is started.
   *
   * @param file the JSON Lines file
   * @param start the split's first byte
   * @param end the byte after the split ({@code Long.MAX_VALUE} reads to the end)
   * @param options the options
   * @param chunks receives each chunk
   * @return the counts
   * @throws io.transmog.api.MalformedInputException in STRICT mode, for the first bad record
   * @throws io.transmog.api.TransmogException if the file cannot be read or is gzip-compressed
   */
  public static SplitResult flattenSplit(Path file, long start, long end, TransmogOptions options,
      java.util.function.Consumer<FlattenResult> chunks) {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(options, "options must not be null");
    Objects.requireNonNull(chunks, "chunks must not be null");
    return ChunkedRun.run(RecordReader.ofFileRange(file, start, end, options), options, chunks);
  }

  /**
   * Flattens records given as JSON texts, one value each (for example the elements of a Spark
   * {@code Dataset<String>}), handing the rows over in chunks as {@link #flattenSplit} does.
   *
   * @param jsonRecords the records' JSON texts
   * @param source names the input in error messages
   * @param recordsBefore the number of records before the first one (record numbers continue from there; they enter
   *     {@code IdStrategy.byLocation} IDs, which for JSON texts are built from the source name and record number)
   * @param options the options
   * @param chunks receives each chunk
   * @return the counts
   */
  public static SplitResult flattenJson(java.util.Iterator<String> jsonRecords, String source, long recordsBefore,
      TransmogOptions options, java.util.function.Consumer<FlattenResult> chunks) {
    Objects.requireNonNull(jsonRecords, "jsonRecords must not be null");
    Objects.requireNonNull(source, "source must not be null");
    Objects.requireNonNull(options, "options must not be null");
    Objects.requireNonNull(chunks, "chunks must not be null");
    if (recordsBefore < 0) {
      throw new IllegalArgumentException("recordsBefore must not be negative: " + recordsBefore);
    }
    return ChunkedRun.run(RecordReader.ofIterator(jsonRecords, source, true, options).recordsBefore(recordsBefore),
        options, chunks);
  }

  private static FlattenResult run(RecordReader reader, TransmogOptions options) {
    Objects.requireNonNull(options, "options must not be null");
    try (RecordReader r = reader) {
      Engine engine = Engine.inMemory(options);
      java.util.List<io.transmog.api.RejectedRecord> rejects = new java.util.ArrayList<>();
      io.transmog.core.internal.flatten.RecordLoop.run(r, engine, options, -1, rejects::add);
      return new FlattenResult(engine.finish(), rejects);
    }
  }
}
