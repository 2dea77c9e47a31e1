package io.transmog.spark;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SparkFlattenResult#write(String, SparkOutput)} wrote: one directory per table, the rejected records'
 * directory (when the error mode keeps them) and the manifest. Immutable.
 *
 * @param tables the tables, main first
 * @param records the records flattened
 * @param rejected the records left out (SKIP and WARN modes)
 * @param rejectsDirectory the directory of the rejected records, if one was written
 * @param manifest the manifest's path
 * @param duration how long the write took (including the flattening pass it ran)
 */
public record SparkWriteResult(List<TableSummary> tables, long records, long rejected,
    Optional<String> rejectsDirectory, String manifest, Duration duration) {

  /** Copies and checks the components. */
  public SparkWriteResult {
    tables = List.copyOf(tables);
    Objects.requireNonNull(rejectsDirectory, "rejectsDirectory must not be null");
    Objects.requireNonNull(manifest, "manifest must not be null");
    Objects.requireNonNull(duration, "duration must not be null");
  }

  /**
   * One written table.
   *
   * @param name the table's name
   * @param parent the parent table, empty for the main table
   * @param directory the directory Spark wrote it to
   * @param rows its rows
   */
  public record TableSummary(String name, Optional<String> parent, String directory, long rows) {
    /** Checks the components. */
    public TableSummary {
      Objects.requireNonNull(name, "name must not be null");
      Objects.requireNonNull(parent, "parent must not be null");
      Objects.requireNonNull(directory, "directory must not be null");
    }
  }
}
