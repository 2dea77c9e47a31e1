package io.transmog.core.internal.flatten;

import io.transmog.api.TransmogOptions;
import io.transmog.api.table.ColumnType;
import io.transmog.api.transform.Transform;
import io.transmog.core.internal.ids.RowId;
import io.transmog.core.internal.table.TableData;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One output table while flattening: its rows, its interned paths, its generated columns and its transform. */
final class TableState {
  /** Marks a path whose column a transform dropped. */
  static final int DROPPED = -2;

  final String name;
  final TableData data;
  final PathNode root;
  /** The path {@code value}, where scalar array elements and non-object records go. */
  final PathNode valueNode;
  /** The transform for this table, or null. */
  final Transform transform;
  /** The natural-key field of this table's rows, or null. */
  final String naturalKey;
  private final Set<String> columnNames = new HashSet<>();
  private final Map<String, Integer> columnIndex = new HashMap<>();
  /** The path of each column, by index (null for generated and derived columns), to undo a rolled-back record. */
  private final java.util.List<PathNode> columnNodes = new java.util.ArrayList<>();
  private final String separator;
  private final int maxColumns;
  final int idCol;
  final int parentCol;
  final int rootCol;
  final int indexCol;
  private final int timestampCol;
  private final String timestamp;
  /** Rows made over the whole run (the data is cleared per chunk when streaming). */
  long totalRows;
  private final Set<String> naturalKeys = new HashSet<>();
  private String naturalKeysParent;

  TableState(String name, String parentName, TransmogOptions o, String timestamp, int capacity, Transform transform,
      String naturalKey) {
    this.name = name;
    this.separator = o.separator();
    this.maxColumns = o.maxColumnsPerTable();
    this.timestamp = timestamp;
    this.transform = transform;
    this.naturalKey = naturalKey;
    this.data = new TableData(name, parentName, capacity, o.strictTypes());
    this.root = new PathNode("", separator);
    this.valueNode = root.child("value");
    boolean child = parentName != null;
    idCol = generated(o.idColumn(), ColumnType.STRING);
    parentCol = child ? generated(o.parentIdColumn(), ColumnType.STRING) : -1;
    rootCol = child && o.includeRootId() ? generated(o.rootIdColumn(), ColumnType.STRING) : -1;
    indexCol = child && o.includeIndex() ? generated(o.indexColumn(), ColumnType.LONG) : -1;
    timestampCol = o.includeTimestamp() ? generated(o.timestampColumn(), ColumnType.STRING) : -1;
    generatedColumns = data.columnCount();
  }

  /** The number of generated columns, which come first and are never rolled back. */
  final int generatedColumns;

  private int generated(String columnName, ColumnType type) {
    String n = Names.unique(columnName, columnNames, separator);
    int c = data.addColumn(n, type);
    columnIndex.put(n, c);
    columnNodes.add(null);
    return c;
  }

  /**
   * Returns the natural keys seen under one parent row. A table is one path, so one parent row holds at most one
   * array of it: the set is per array and is reset when the parent changes.
   */
  Set<String> keysFor(String parentId) {
    if (!parentId.equals(naturalKeysParent)) {
      naturalKeys.clear();
      naturalKeysParent = parentId;
    }
    return naturalKeys;
  }

  int newRow(RowId id, RowId parentId, RowId rootId, long index) {
    int row = data.addRow();
    totalRows++;
    setId(idCol, row, id);
    if (parentCol >= 0) {
      setId(parentCol, row, parentId);
    }
    if (rootCol >= 0) {
      setId(rootCol, row, rootId);
    }
    if (indexCol >= 0) {
      data.setLong(indexCol, row, index);
    }
    if (timestampCol >= 0) {
      data.setAscii(timestampCol, row, timestamp); // Instant.toString: digits, '-', ':', '.', 'T', 'Z'
    }
    return row;
  }

  /**
   * An ID made as ASCII (every generated UUID) goes in by one array copy from its bytes; the user's text (natural
   * keys, custom functions) is encoded.
   */
  private void setId(int col, int row, RowId id) {
    if (id.isAscii()) {
      data.setUtf8(col, row, id.asciiBytes(), 0, id.asciiLength()); // ASCII is UTF-8
    } else {
      data.setString(col, row, id.text());
    }
  }

  /**
   * Returns the column of a path, creating it on first use (named by the path, the transform and the collision
   * rule), or {@link #DROPPED} when the transform drops it.
   */
  int column(PathNode node) {
    int c = node.column;
    if (c == -1) {
      String base = node.joined;
      if (transform != null) {
        Optional<String> n = transform.columnName(base);
        if (n.isEmpty()) {
          node.column = DROPPED;
          return DROPPED;
        }
        base = n.get();
      }
      c = addColumn(base);
      node.column = c;
      columnNodes.set(c, node);
    }
    return c;
  }

  /** Removes the columns from index {@code count} on, so a rolled-back record leaves no empty column behind. */
  void truncateColumns(int count) {
    for (int c = columnNodes.size() - 1; c >= count; c--) {
      PathNode node = columnNodes.remove(c);
      if (node != null) {
        node.column = -1;
      }
      String name = data.schema().column(c).name();
      columnNames.remove(name);
      columnIndex.remove(name);
    }
    data.truncateColumns(count);
  }

  /** Returns the index of a column by its final name, creating it (for derived columns). */
  int columnNamed(String columnName) {
    Integer c = columnIndex.get(columnName);
    return c != null ? c : addColumn(columnName);
  }

  /** Returns the index of a column by its final name, or -1. */
  int indexOf(String columnName) {
    Integer c = columnIndex.get(columnName);
    return c == null ? -1 : c;
  }

  private int addColumn(String base) {
    if (data.columnCount() >= maxColumns) {
      throw new RecordError("table " + name + " would get more than " + maxColumns + " columns (at \"" + base
          + "\"); raise option maxColumnsPerTable (--max-columns) or lower maxDepth to keep deep objects as JSON");
    }
    String n = Names.unique(base, columnNames, separator);
    int c = data.addColumn(n, null);
    columnIndex.put(n, c);
    columnNodes.add(null);
    return c;
  }
}
