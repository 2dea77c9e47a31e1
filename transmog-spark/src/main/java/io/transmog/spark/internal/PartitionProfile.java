package io.transmog.spark.internal;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.Table;
import io.transmog.api.table.TableSchema;
import io.transmog.core.FlattenResult;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the inference pass learned about one partition: its tables in first-seen order, each with its parent, its
 * columns in first-seen order and their {@link TypeState}s, and its row count; and the partition's record, reject
 * and byte counts. Small (no values), so every partition's profile is collected to the driver, which merges them into
 * a {@link Layout}.
 *
 * <p>Built chunk by chunk with {@link #add(FlattenResult)}; mutable until sent, not thread-safe.
 */
public final class PartitionProfile implements Serializable {
  private static final long serialVersionUID = 1L;

  final int partition;
  final Map<String, TableProfile> tables = new LinkedHashMap<>();
  long records;
  long rejected;
  long bytes;
  /** For a Dataset of JSON texts: all the partition's texts, also those a sample did not read. */
  long elements;
  /** Whether only a sample of the partition was read (the counts are then those of the sample). */
  boolean sampled;

  PartitionProfile(int partition) {
    this.partition = partition;
  }

  /** One table of one partition. */
  static final class TableProfile implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;
    /** The parent table, {@code null} for the main table. */
    final String parent;
    final Map<String, TypeState> columns = new LinkedHashMap<>();
    long rows;

    TableProfile(String name, String parent) {
      this.name = name;
      this.parent = parent;
    }
  }

  /**
   * Adds one chunk: new tables and columns in the order the chunk lists them, types joined with what was seen.
   *
   * @param chunk a chunk of the core's output for this partition
   */
  void add(FlattenResult chunk) {
    for (Table t : chunk.tables()) {
      addTable(t, 0, t.rowCount());
    }
  }

  /**
   * Adds rows {@code [from, to)} of one table.
   *
   * @param t the table
   * @param from the first row
   * @param to the row after the last
   */
  void addTable(RowBatch t, int from, int to) {
    TableSchema schema = t.schema();
    TableProfile p = tables.computeIfAbsent(schema.table(), n -> new TableProfile(n, schema.parent().orElse(null)));
    p.rows += to - from;
    List<Column> columns = schema.columns();
    for (int c = 0; c < columns.size(); c++) {
      TypeState seen = stateOf(t, c, columns.get(c), from, to);
      p.columns.merge(columns.get(c).name(), seen, TypeState::join);
    }
  }

  /** The state of one column's values in rows {@code [from, to)}; NONE when they are all null. */
  static TypeState stateOf(RowBatch t, int c, Column column, int from, int to) {
    ColumnType type = column.type();
    switch (type) {
      case LONG: {
        boolean any = false;
        boolean big = false;
        int digits = 0;
        for (int r = from; r < to; r++) {
          if (!t.isNull(c, r)) {
            any = true;
            long v = t.getLong(c, r);
            big |= v < -(1L << 53) || v > (1L << 53);
            digits = Math.max(digits, Digits.ofLong(v));
          }
        }
        return any ? TypeState.of(type, big, digits, 0) : TypeState.NONE;
      }
      case DOUBLE: {
        boolean any = false;
        int intDigits = 0;
        int scale = 0;
        for (int r = from; r < to; r++) {
          if (!t.isNull(c, r)) {
            any = true;
            long d = Digits.ofDouble(t.getDouble(c, r));
            intDigits = Math.max(intDigits, (int) (d >>> 32));
            scale = Math.max(scale, (int) d);
          }
        }
        return any ? TypeState.of(type, false, intDigits, scale) : TypeState.NONE;
      }
      case DECIMAL:
        // the core tracks the most integer digits and the most fraction digits of its column's values
        return anyValue(t, c, from, to)
            ? TypeState.of(type, false, column.precision() - column.scale(), column.scale()) : TypeState.NONE;
      default:
        // an all-null chunk of a column says nothing about its type (with includeNulls the core reports it STRING)
        return anyValue(t, c, from, to) ? TypeState.of(type, false, 0, 0) : TypeState.NONE;
    }
  }

  private static boolean anyValue(RowBatch t, int c, int from, int to) {
    for (int r = from; r < to; r++) {
      if (!t.isNull(c, r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The number of JSON texts of one partition.
   *
   * @param profiles the profiles of all partitions
   * @param partition the partition
   * @return its texts, or 0 if it has no profile
   */
  public static long elements(List<PartitionProfile> profiles, int partition) {
    for (PartitionProfile p : profiles) {
      if (p.partition == partition) {
        return p.elements;
      }
    }
    return 0;
  }
}
