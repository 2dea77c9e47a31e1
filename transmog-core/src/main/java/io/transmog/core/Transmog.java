package io.transmog.core;

import io.transmog.api.TransmogOptions;
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

  private static FlattenResult run(RecordReader reader, TransmogOptions options) {
    Objects.requireNonNull(options, "options must not be null");
    try (RecordReader r = reader) {
      Engine engine = Engine.inMemory(options);
      while (r.next()) {
        engine.record(r);
      }
      return new FlattenResult(engine.finish());
    }
  }
}
