package io.transmog.core;

import io.transmog.api.table.Column;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a streaming run wrote: per table its rows, unified columns and files (with each part's own columns), and the
 * manifest that records the same. Immutable.
 *
 * @param tables the tables in first-seen order, the main table first
 * @param records the number of input records flattened
 * @param rejected the number of bad records left out (SKIP and WARN modes)
 * @param inputBytes the input size in bytes (the file size for a file, bytes parsed for a stream), or -1
 * @param manifest the path of {@code _transmog_manifest.json}
 * @param rejects the path of {@code _transmog_rejects.jsonl}, present when a record was rejected
 * @param duration the run's wall-clock time
 */
public record StreamResult(List<TableSummary> tables, long records, long rejected, long inputBytes, Path manifest,
    Optional<Path> rejects, Duration duration) {
  /** Copies the list. */
  public StreamResult {
    tables = List.copyOf(tables);
    Objects.requireNonNull(manifest, "manifest must not be null");
    Objects.requireNonNull(rejects, "rejects must not be null");
    Objects.requireNonNull(duration, "duration must not be null");
  }

  /**
   * Finds a table by name.
   *
   * @param name the table name
   * @return the table's summary, if the run produced it
   */
  public Optional<TableSummary> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * One output table.
   *
   * @param name the table name
   * @param parent the parent table, empty for the main table
   * @param rows total rows over all files
   * @param columns the unified columns (every column any part has, in first-seen order, with the widest type)
   * @param files the files in order; one file unless the table was split into parts
   */
  public record TableSummary(String name, Optional<String> parent, long rows, List<Column> columns,
      List<FileSummary> files) {
    /** Copies the lists. */
    public TableSummary {
      columns = List.copyOf(columns);
      files = List.copyOf(files);
    }
  }

  /**
   * One written file.
   *
   * @param path the file's final path
   * @param rows the rows in it
   * @param bytes its size
   * @param columns the columns of this file (a part written before the schema grew has fewer or narrower ones)
   */
  public record FileSummary(Path path, long rows, long bytes, List<Column> columns) {
    /** Copies the list. */
    public FileSummary {
      columns = List.copyOf(columns);
    }
  }
}
