package io.transmog.spark;

import io.transmog.api.TransmogConfigurationException;
import java.util.Objects;

/**
 * How the per-table schemas are agreed across partitions before the rows are made: every partition is flattened
 * once to learn its tables, columns and types (the inference pass), the driver merges what they saw with the core's
 * widening rules, and the rows are then made in a second pass, converted to the agreed schema.
 *
 * <ul>
 *   <li>{@link #full()} (default): the inference pass flattens everything, so the schema is exact and the record,
 *       reject and row counts are known before any row is written. Costs a second flattening of the whole input.
 *   <li>{@link #sample(long)}: the inference pass flattens only about the first N records of each partition (whole
 *       sub-ranges of a file split, so it may read a few more). Cheaper, but a column, table or wider type that no
 *       sample saw fails the conversion pass with an error that says so; counts are then made after writing.
 * </ul>
 *
 * <p>Immutable.
 */
public final class SchemaInference {
  private static final SchemaInference FULL = new SchemaInference(0);

  private final long recordsPerPartition;

  private SchemaInference(long recordsPerPartition) {
    this.recordsPerPartition = recordsPerPartition;
  }

  /** @return inference over the whole input (the default) */
  public static SchemaInference full() {
    return FULL;
  }

  /**
   * Inference over a sample of each partition.
   *
   * @param recordsPerPartition at least this many records of each partition are read, when it has them
   * @return the inference mode
   * @throws TransmogConfigurationException if {@code recordsPerPartition} is not positive
   */
  public static SchemaInference sample(long recordsPerPartition) {
    if (recordsPerPartition <= 0) {
      throw new TransmogConfigurationException("the sample must hold at least one record per partition, not "
          + recordsPerPartition);
    }
    return new SchemaInference(recordsPerPartition);
  }

  /** @return whether the whole input is read */
  public boolean isFull() {
    return recordsPerPartition == 0;
  }

  /** @return the records read per partition, or 0 for the whole input */
  public long recordsPerPartition() {
    return recordsPerPartition;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SchemaInference s && s.recordsPerPartition == recordsPerPartition;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(recordsPerPartition);
  }

  @Override
  public String toString() {
    return isFull() ? "full" : "sample:" + recordsPerPartition;
  }
}
