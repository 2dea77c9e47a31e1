package io.transmog.spark.internal;

import io.transmog.api.InputLocation;
import io.transmog.api.SchemaConflictException;
import io.transmog.api.TransmogException;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agreed shape of a Spark run: every table (main first, then child tables in first-seen order across the
 * partitions in input order), each with its parent and its columns (first-seen order, types as the core would widen
 * them over the whole input), and for every column the sequence of types the whole-input run would give it as it
 * reaches each partition ({@link #path}). Built on the driver from the partitions' {@link PartitionProfile}s, then
 * broadcast to the executors, which convert each chunk to it.
 *
 * <p>Immutable after {@link #merge}; its size is that of the schemas (no values).
 */
public final class Layout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<TableLayout> tables;
  private final Map<String, Integer> tableIndex;
  private final int partitions;
  private final String timestampColumn;
  private final String runTimestamp;
  private final List<String> warnings;
  private final long records;
  private final long rejected;
  private final long bytes;
  private final boolean counted;

  private Layout(List<TableLayout> tables, int partitions, String timestampColumn, String runTimestamp,
      List<String> warnings, long records, long rejected, long bytes, boolean counted) {
    this.tables = List.copyOf(tables);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      index.put(tables.get(i).name, i);
    }
    this.tableIndex = index;
    this.partitions = partitions;
    this.timestampColumn = timestampColumn;
    this.runTimestamp = runTimestamp;
    this.warnings = List.copyOf(warnings);
    this.records = records;
    this.rejected = rejected;
    this.bytes = bytes;
    this.counted = counted;
  }

  /** One table: name, parent, columns. */
  public static final class TableLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;
    /** {@code null} for the main table. */
    final String parent;
    final List<ColumnLayout> columns;
    final Map<String, Integer> columnIndex;
    /** Rows over all partitions; meaningful only when the layout was {@link #counted()}. */
    final long rows;

    TableLayout(String name, String parent, List<ColumnLayout> columns, long rows) {
      this.name = name;
      this.parent = parent;
      this.columns = List.copyOf(columns);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        index.put(columns.get(i).name, i);
      }
      this.columnIndex = index;
      this.rows = rows;
    }

    /** @return the table's name */
    public String name() {
      return name;
    }

    /** @return the parent table's name, empty for the main table */
    public Optional<String> parent() {
      return Optional.ofNullable(parent);
    }

    /** @return the rows over all partitions (when counted) */
    public long rows() {
      return rows;
    }

    /** @return the columns in order */
    public List<ColumnLayout> columns() {
      return columns;
    }

    /** @return the table's schema with the core's types, precisions and scales */
    public TableSchema schema() {
      List<Column> cols = new ArrayList<>(columns.size());
      for (ColumnLayout c : columns) {
        cols.add(c.column());
      }
      return new TableSchema(name, Optional.ofNullable(parent), cols);
    }
  }

  /** One column: its final state and the points where the whole-input run would widen it. */
  public static final class ColumnLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;
    final TypeState finalState;
    /** Partition numbers, ascending, after which the cumulative state changed. */
    final int[] changeAt;
    /** The cumulative state over partitions {@code 0..changeAt[k]}. */
    final TypeState[] changedTo;

    ColumnLayout(String name, TypeState finalState, int[] changeAt, TypeState[] changedTo) {
      this.name = name;
      this.finalState = finalState;
      this.changeAt = changeAt;
      this.changedTo = changedTo;
    }

    /** @return the column's name */
    public String name() {
      return name;
    }

    /** @return the final type as the core reports it ({@code STRING} for a column of nulls only) */
    public ColumnType type() {
      return finalState.effectiveType();
    }

    /** @return the precision of a DECIMAL column, else 0 */
    public int precision() {
      return finalState.precision();
    }

    /** @return the scale of a DECIMAL column, else 0 */
    public int scale() {
      return type() == ColumnType.DECIMAL ? finalState.scale() : 0;
    }

    /** @return the column as the core describes it */
    public Column column() {
      return new Column(name, type(), precision(), scale());
    }

    /** The cumulative state over the partitions before {@code partition}. */
    TypeState before(int partition) {
      TypeState s = TypeState.NONE;
      for (int k = 0; k < changeAt.length && changeAt[k] < partition; k++) {
        s = changedTo[k];
      }
      return s;
    }
  }

  /**
   * Merges the partitions' profiles, in partition order, as the core would see their records one after the other.
   *
   * @param profiles one per partition, any order
   * @param partitions the number of partitions
   * @param emptyInput the core's tables for an input without records (used when no partition saw a record)
   * @param strictTypes whether a column whose type differs between partitions is an error (the core's strict types)
   * @param maxColumnsPerTable the core's column limit
   * @param separator the core's name separator (for the collision warning)
   * @param timestampColumn the processing-time column, or {@code null} when the run has none
   * @param runTimestamp the run's one processing time, as the core prints it
   * @param describePartition names a partition's input in messages
   * @return the layout
   */
  public static Layout merge(List<PartitionProfile> profiles, int partitions, List<TableSchema> emptyInput,
      boolean strictTypes, int maxColumnsPerTable, String separator, String timestampColumn, String runTimestamp,
      java.util.function.IntFunction<String> describePartition) {
    List<PartitionProfile> ordered = new ArrayList<>(profiles);
    ordered.sort((a, b) -> Integer.compare(a.partition, b.partition));

    Map<String, TableBuilder> tables = new LinkedHashMap<>();
    long records = 0;
    long rejected = 0;
    long bytes = 0;
    boolean sampled = false;
    for (PartitionProfile p : ordered) {
      records += p.records;
      rejected += p.rejected;
      bytes += p.bytes;
      sampled |= p.sampled;
      for (PartitionProfile.TableProfile tp : p.tables.values()) {
        TableBuilder tb = tables.computeIfAbsent(tp.name, n -> new TableBuilder(n, tp.parent));
        tb.rows += tp.rows;
        for (Map.Entry<String, TypeState> c : tp.columns.entrySet()) {
          ColumnBuilder cb = tb.columns.computeIfAbsent(c.getKey(), ColumnBuilder::new);
          TypeState next = cb.state.join(c.getValue());
          if (strictTypes && cb.state.type() != null && next.type() != cb.state.type()) {
            throw new SchemaConflictException(tp.name, c.getKey(), cb.state.type(), c.getValue().effectiveType(),
                new InputLocation(describePartition.apply(p.partition), -1, -1, -1, -1, ""));
          }
          // a change point only where the type (or the big-long fact that decides LONG with DOUBLE) changes: paths
          // look at types; the digits only size the final DECIMAL
          if (next.type() != cb.state.type() || next.bigLong() != cb.state.bigLong()) {
            cb.changeAt.add(p.partition);
            cb.changedTo.add(next);
          }
          cb.state = next;
        }
        if (tb.columns.size() > maxColumnsPerTable) {
          throw new TransmogException("table " + tp.name + " has more than " + maxColumnsPerTable
              + " columns over all partitions (maxColumnsPerTable; raise it with --max-columns)");
        }
      }
    }
    if (tables.isEmpty()) {
      for (TableSchema s : emptyInput) {
        TableBuilder tb = new TableBuilder(s.table(), s.parent().orElse(null));
        for (Column c : s.columns()) {
          tb.columns.put(c.name(), new ColumnBuilder(c.name()));
        }
        tables.put(s.table(), tb);
      }
    }
    List<TableLayout> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (TableBuilder tb : tables.values()) {
      List<ColumnLayout> cols = new ArrayList<>();
      for (ColumnBuilder cb : tb.columns.values()) {
        int[] at = cb.changeAt.stream().mapToInt(Integer::intValue).toArray();
        cols.add(new ColumnLayout(cb.name, cb.state, at, cb.changedTo.toArray(new TypeState[0])));
      }
      out.add(new TableLayout(tb.name, tb.parent, cols, tb.rows));
      warnings.addAll(nameWarnings(tb.name, tb.columns.keySet(), separator));
    }
    return new Layout(out, partitions, timestampColumn, runTimestamp, warnings, records, rejected, bytes, !sampled);
  }

  /**
   * Names that may hide a problem the per-partition runs cannot see: a collision suffix ({@code a_b_2}) is handed out
   * in first-seen order within one run, so partitions may have given it to different paths; and Spark, unlike the
   * core, compares column names case-insensitively by default.
   */
  static List<String> nameWarnings(String table, java.util.Collection<String> names, String separator) {
    List<String> w = new ArrayList<>();
    java.util.Set<String> all = new java.util.HashSet<>(names);
    Map<String, String> lower = new TreeMap<>();
    for (String n : names) {
      int at = n.lastIndexOf(separator);
      if (at > 0 && at + separator.length() < n.length()) {
        String suffix = n.substring(at + separator.length());
        if (suffix.chars().allMatch(Character::isDigit) && !suffix.startsWith("0") && Integer.parseInt(suffix) >= 2
            && suffix.length() < 9 && all.contains(n.substring(0, at))) {
          w.add("table " + table + ": columns " + n.substring(0, at) + " and " + n + " look like a key collision;"
              + " partitions number colliding paths in the order they see them, so " + n + " may hold different"
              + " paths in different partitions");
        }
      }
      String prev = lower.put(n.toLowerCase(Locale.ROOT), n);
      if (prev != null) {
        w.add("table " + table + ": columns " + prev + " and " + n + " differ only in case; Spark compares names"
            + " case-insensitively unless spark.sql.caseSensitive=true, and its writers refuse such duplicates");
      }
    }
    return w;
  }

  private static final class TableBuilder {
    final String name;
    final String parent;
    final Map<String, ColumnBuilder> columns = new LinkedHashMap<>();
    long rows;

    TableBuilder(String name, String parent) {
      this.name = name;
      this.parent = parent;
    }
  }

  private static final class ColumnBuilder {
    final String name;
    TypeState state = TypeState.NONE;
    final List<Integer> changeAt = new ArrayList<>();
    final List<TypeState> changedTo = new ArrayList<>();

    ColumnBuilder(String name) {
      this.name = name;
    }
  }

  /**
   * The types a value of {@code column} goes through in the whole-input run after the chunk of {@code partition} that
   * holds it ended with type {@code chunkType}: first the column's type when the whole-input run reached this
   * partition joined with the chunk's, then every later widening of the whole-input run, up to the final type.
   *
   * @param column the column
   * @param partition the partition of the chunk
   * @param chunkType the column's type in the chunk
   * @return the types, in order (repeats are skipped by {@link Cells#widenAlong})
   */
  static List<ColumnType> path(ColumnLayout column, int partition, ColumnType chunkType) {
    List<ColumnType> path = new ArrayList<>(4);
    TypeState before = column.before(partition);
    ColumnType t = TypeState.joinTypes(chunkType, before.type(), before.bigLong());
    path.add(t);
    for (int k = 0; k < column.changeAt.length; k++) {
      if (column.changeAt[k] >= partition) {
        path.add(column.changedTo[k].effectiveType());
      }
    }
    path.add(column.type());
    return path;
  }

  /** @return the tables, main first */
  public List<TableLayout> tables() {
    return tables;
  }

  /**
   * Finds a table's position.
   *
   * @param name the table name
   * @return its index in {@link #tables()}, or -1
   */
  public int indexOf(String name) {
    Integer i = tableIndex.get(name);
    return i == null ? -1 : i;
  }

  /** @return the number of partitions the layout was made for */
  public int partitions() {
    return partitions;
  }

  /** @return the processing-time column, or {@code null} */
  String timestampColumn() {
    return timestampColumn;
  }

  /** @return the run's one processing time */
  public String runTimestamp() {
    return runTimestamp;
  }

  /** @return warnings about names (see {@link #nameWarnings}) */
  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** @return whether every partition was read in full, so that the counts below are the input's */
  public boolean counted() {
    return counted;
  }

  /** @return the records flattened over all partitions */
  public long records() {
    return records;
  }

  /** @return the records rejected over all partitions */
  public long rejected() {
    return rejected;
  }

  /** @return the input bytes read over all partitions */
  public long bytes() {
    return bytes;
  }
}
