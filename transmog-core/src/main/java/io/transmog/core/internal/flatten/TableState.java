package io.transmog.core.internal.flatten;

import io.transmog.api.TransmogOptions;
import io.transmog.api.table.ColumnType;
import io.transmog.core.internal.ids.RandomIds;
import io.transmog.core.internal.table.TableData;
import java.util.HashSet;
import java.util.Set;

/** One output table while flattening: its rows, its interned paths and its generated columns. */
final class TableState {
  final String name;
  final TableData data;
  final PathNode root;
  /** The path {@code value}, where scalar array elements and non-object records go. */
  final PathNode valueNode;
  private final Set<String> columnNames = new HashSet<>();
  private final String separator;
  private final RandomIds ids;
  private final String timestamp;
  private final int idCol;
  private final int parentCol;
  private final int timestampCol;
  /** The ID of the row made by the last {@link #newRow(String)}. */
  String lastId;
  /** Rows made over the whole run (the data is cleared per chunk when streaming). */
  long totalRows;

  TableState(String name, String parentName, TransmogOptions o, RandomIds ids, String timestamp, int capacity) {
    this.name = name;
    this.separator = o.separator();
    this.ids = ids;
    this.timestamp = timestamp;
    this.data = new TableData(name, parentName, capacity, o.strictTypes());
    this.root = new PathNode("", separator);
    this.valueNode = root.child("value");
    idCol = data.addColumn(Names.unique(o.idColumn(), columnNames, separator), ColumnType.STRING);
    parentCol = parentName == null ? -1
        : data.addColumn(Names.unique(o.parentIdColumn(), columnNames, separator), ColumnType.STRING);
    timestampCol = o.includeTimestamp()
        ? data.addColumn(Names.unique(o.timestampColumn(), columnNames, separator), ColumnType.STRING) : -1;
  }

  int newRow(String parentId) {
    int row = data.addRow();
    totalRows++;
    lastId = ids.next();
    data.setString(idCol, row, lastId);
    if (parentCol >= 0) {
      data.setString(parentCol, row, parentId);
    }
    if (timestampCol >= 0) {
      data.setString(timestampCol, row, timestamp);
    }
    return row;
  }

  int column(PathNode node) {
    int c = node.column;
    if (c < 0) {
      c = data.addColumn(Names.unique(node.joined, columnNames, separator), null);
      node.column = c;
    }
    return c;
  }
}
