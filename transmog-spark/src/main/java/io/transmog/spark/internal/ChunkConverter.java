package io.transmog.spark.internal;

import io.transmog.api.RejectedRecord;
import io.transmog.api.TransmogException;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.Table;
import io.transmog.api.table.TableSchema;
import io.transmog.core.FlattenResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the core's chunks of one partition into {@link TableChunk}s of the agreed {@link Layout}: columns put in
 * the layout's order (missing ones null), values widened along the whole-input run's types ({@link Layout#path},
 * {@link Cells}), and the processing-time column set to the run's one timestamp.
 *
 * <p>A partition may be flattened by several core runs one after the other (sub-ranges of a file split, batches of a
 * Dataset partition, so that memory stays bounded by one run's output); the converter remembers the column types seen
 * in this partition so far, which a later run starts without. One per task; not thread-safe.
 */
final class ChunkConverter {
  /** Spark's largest decimal precision; wider DECIMAL columns become text. */
  static final int MAX_SPARK_PRECISION = 38;

  private final Layout layout;
  private final int partition;
  /** Per table and column: the type of this partition's values so far (across its core runs). */
  private final Map<String, Map<String, ColumnType>> soFar = new HashMap<>();

  ChunkConverter(Layout layout, int partition) {
    this.layout = layout;
    this.partition = partition;
  }

  /**
   * Converts one chunk: a {@link TableChunk} per table that has rows, and one of rejected records if there are any.
   *
   * @param chunk the core's chunk (valid only during this call: everything is copied)
   * @param out receives the converted chunks
   */
  void convert(FlattenResult chunk, List<TableChunk> out) {
    for (Table t : chunk.tables()) {
      if (t.rowCount() > 0) {
        out.add(convert(t, 0, t.rowCount()));
      }
    }
    if (!chunk.rejects().isEmpty()) {
      out.add(rejects(chunk.rejects()));
    }
  }

  /**
   * Converts rows {@code [from, to)} of one table.
   *
   * @param t the table (or batch)
   * @param from the first row
   * @param to the row after the last
   * @return the converted rows
   */
  TableChunk convert(RowBatch t, int from, int to) {
    TableSchema schema = t.schema();
    int index = layout.indexOf(schema.table());
    if (index < 0) {
      throw unknown("table " + schema.table());
    }
    Layout.TableLayout table = layout.tables().get(index);
    int rows = to - from;
    TableChunk out = new TableChunk(index, rows, table.columns.size());
    Map<String, ColumnType> seen = soFar.computeIfAbsent(schema.table(), k -> new HashMap<>());
    for (int c = 0; c < schema.size(); c++) {
      String name = schema.column(c).name();
      Integer fi = table.columnIndex.get(name);
      if (fi == null) {
        throw unknown("column " + name + " of table " + schema.table());
      }
      Layout.ColumnLayout column = table.columns.get(fi);
      if (name.equals(layout.timestampColumn())) {
        Object[] ts = new Object[rows];
        java.util.Arrays.fill(ts, layout.runTimestamp());
        out.setRefs(fi, ts);
        continue;
      }
      Cells cells = Cells.read(t, c, from, rows);
      ColumnType own = typeOf(cells);
      ColumnType before = seen.get(name);
      if (own != null) {
        seen.put(name, before == null ? own : TypeState.joinTypes(before, own, false));
      }
      if (own == null) {
        continue; // all null here: the column stays absent (null) in this chunk
      }
      ColumnType chunkType = before == null ? own : TypeState.joinTypes(own, before, false);
      ColumnType target = column.type();
      if (TypeState.joinTypes(chunkType, target, column.finalState.bigLong()) != target) {
        throw new TransmogException("column " + name + " of table " + schema.table() + " holds " + chunkType
            + " values in partition " + partition + ", wider than the " + target + " the schema inference agreed"
            + " on; the sample did not see them: infer the schema from the whole input (SchemaInference.full())");
      }
      TypeState earlier = column.before(partition);
      ColumnType arrivedInto = before == null ? earlier.type()
          : TypeState.joinTypes(before, earlier.type(), earlier.bigLong());
      if (own == ColumnType.DECIMAL && arrivedInto != null && arrivedInto != ColumnType.LONG
          && arrivedInto != ColumnType.DOUBLE && arrivedInto != ColumnType.DECIMAL) {
        // the whole-input run had this column non-numeric before these values came: they arrive as text
        cells.arriveAsText(TypeState.joinTypes(chunkType, arrivedInto, false));
      } else if (chunkType != own) {
        cells.widen(chunkType);
      }
      cells.widenAlong(Layout.path(column, partition, cells.type));
      if (cells.type != target) {
        throw new IllegalStateException("column " + name + " of table " + schema.table() + " converted to "
            + cells.type + ", not " + target);
      }
      store(out, fi, column, cells);
    }
    return out;
  }

  /** The column's type if it holds any value here, else {@code null} (the core's untyped column). */
  private static ColumnType typeOf(Cells cells) {
    for (int i = 0; i < cells.rows; i++) {
      if (!cells.nullAt(i)) {
        return cells.type;
      }
    }
    return null;
  }

  private void store(TableChunk out, int fi, Layout.ColumnLayout column, Cells cells) {
    switch (cells.type) {
      case LONG:
        out.setPrims(fi, TableChunk.Kind.LONG, cells.prims, cells.isNull);
        break;
      case DOUBLE:
        out.setPrims(fi, TableChunk.Kind.DOUBLE, cells.prims, cells.isNull);
        break;
      case BOOLEAN:
        out.setPrims(fi, TableChunk.Kind.BOOLEAN, cells.prims, cells.isNull);
        break;
      case TIMESTAMP:
        out.setPrims(fi, TableChunk.Kind.TIMESTAMP, cells.prims, cells.isNull);
        break;
      case DATE:
        out.setPrims(fi, TableChunk.Kind.DATE, cells.prims, cells.isNull);
        break;
      case DECIMAL: {
        int precision = column.precision();
        int scale = column.scale();
        Object[] values = new Object[cells.rows];
        for (int i = 0; i < cells.rows; i++) {
          if (!cells.nullAt(i)) {
            BigDecimal d = (BigDecimal) cells.refAt(i);
            if (precision > MAX_SPARK_PRECISION) {
              values[i] = Cells.plain(d); // beyond Spark's DecimalType: the exact text
            } else if (Math.max(0, d.scale()) > scale || Math.max(0, d.precision() - d.scale()) > precision - scale) {
              throw new TransmogException("column " + column.name + ": the value " + Cells.plain(d)
                  + " does not fit DECIMAL(" + precision + "," + scale + "), which the schema inference agreed on"
                  + " from a sample; infer the schema from the whole input (SchemaInference.full())");
            } else {
              values[i] = d;
            }
          }
        }
        out.setRefs(fi, values);
        break;
      }
      default: // STRING, JSON
        out.setRefs(fi, cells.refs);
    }
  }

  private TransmogException unknown(String what) {
    return new TransmogException(what + " appeared in partition " + partition + " but not in the schema the"
        + " inference pass agreed on: either the inference read only a sample (use SchemaInference.full()), or the"
        + " input is not deterministic (a Dataset computed differently on each evaluation: cache it first)");
  }

  /** The rejected records of a chunk, as rows of the rejects table ({@link SparkSchemas#rejectsSchema()}). */
  static TableChunk rejects(List<RejectedRecord> rejects) {
    int n = rejects.size();
    TableChunk out = new TableChunk(TableChunk.REJECTS, n, 8);
    Object[] source = new Object[n];
    long[] line = new long[n];
    long[] col = new long[n];
    long[] offset = new long[n];
    long[] record = new long[n];
    Object[] path = new Object[n];
    Object[] reason = new Object[n];
    Object[] raw = new Object[n];
    for (int i = 0; i < n; i++) {
      RejectedRecord r = rejects.get(i);
      source[i] = r.location().source();
      line[i] = r.location().line();
      col[i] = r.location().column();
      offset[i] = r.location().byteOffset();
      record[i] = r.location().record();
      path[i] = r.location().jsonPath();
      reason[i] = r.reason();
      raw[i] = r.raw().orElse(null);
    }
    boolean[] none = new boolean[n];
    out.setRefs(0, source);
    out.setPrims(1, TableChunk.Kind.LONG, line, none);
    out.setPrims(2, TableChunk.Kind.LONG, col, none);
    out.setPrims(3, TableChunk.Kind.LONG, offset, none);
    out.setPrims(4, TableChunk.Kind.LONG, record, none);
    out.setRefs(5, path);
    out.setRefs(6, reason);
    out.setRefs(7, raw);
    return out;
  }

  /** For the conversion of a whole in-memory result: the tables' row slices, one chunk of rows at a time. */
  static List<int[]> slices(int rows, int chunkRows) {
    List<int[]> s = new ArrayList<>();
    for (int from = 0; from < rows; from += chunkRows) {
      s.add(new int[] {from, Math.min(rows, from + chunkRows)});
    }
    return s;
  }
}
