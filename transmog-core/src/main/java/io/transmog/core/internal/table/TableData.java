package io.transmog.core.internal.table;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.Table;
import io.transmog.api.table.TableSchema;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one table, stored by column. Rows are appended; columns may be added at any time (earlier rows read
 * them as null) and widen their type as values arrive. Implements {@link Table} so that a finished table and a batch
 * handed to a writer are the same object: no copy. Not thread-safe while being filled; read-only afterwards.
 */
public final class TableData implements Table {
  private static final int INITIAL_CAPACITY = 64;

  private final String name;
  private final String parent;
  private final boolean strictTypes;
  private final List<ColumnData> columns = new ArrayList<>();
  /** The same columns as an array, exactly sized: the per-cell setters and getters index it without a list's checks. */
  private ColumnData[] cols = new ColumnData[0];
  private int rowCount;
  private int capacity;
  private TableSchema schema;

  /**
   * Creates an empty table.
   *
   * @param name the table name
   * @param parent the parent table name, or {@code null} for the main table
   * @param initialCapacity rows to allocate up front
   * @param strictTypes whether a value that would widen a column's type throws {@link TypeConflictException}
   */
  public TableData(String name, String parent, int initialCapacity, boolean strictTypes) {
    this.name = name;
    this.parent = parent;
    this.capacity = Math.max(1, initialCapacity);
    this.strictTypes = strictTypes;
  }

  /** Creates an empty table that widens types as needed. */
  public TableData(String name, String parent, int initialCapacity) {
    this(name, parent, initialCapacity, false);
  }

  /** A value would have widened a column's type in strict mode. */
  public static final class TypeConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String table;
    private final String column;
    private final ColumnType from;
    private final ColumnType to;

    TypeConflictException(String table, String column, ColumnType from, ColumnType to) {
      super(table + "." + column + ": " + from + " -> " + to, null, false, false);
      this.table = table;
      this.column = column;
      this.from = from;
      this.to = to;
    }

    /** @return the table name */
    public String table() {
      return table;
    }

    /** @return the column name */
    public String column() {
      return column;
    }

    /** @return the column's type */
    public ColumnType from() {
      return from;
    }

    /** @return the type the value needed */
    public ColumnType to() {
      return to;
    }
  }

  /** @return the table name */
  @Override
  public String name() {
    return name;
  }

  /**
   * Adds a column; earlier rows read it as null.
   *
   * @param columnName a name not yet used in this table (the caller guarantees it)
   * @param fixedType the type, or {@code null} to infer it from values
   * @return the column index
   */
  public int addColumn(String columnName, ColumnType fixedType) {
    columns.add(new ColumnData(name, columnName, fixedType, capacity, strictTypes));
    cols = columns.toArray(cols);
    schema = null;
    return columns.size() - 1;
  }

  /** @return the number of columns */
  public int columnCount() {
    return columns.size();
  }

  /** @return the index of the new row */
  public int addRow() {
    if (rowCount == capacity) {
      capacity = Math.max(INITIAL_CAPACITY, capacity + (capacity >> 1));
      for (ColumnData c : columns) {
        c.grow(capacity);
      }
    }
    return rowCount++;
  }

  /**
   * Removes the rows from {@code rows} on (a record that failed, a row a filter removed, with its subtree). Columns and
   * types stay.
   *
   * @param rows the row count to keep
   */
  public void truncate(int rows) {
    if (rows >= rowCount) {
      return;
    }
    for (ColumnData c : columns) {
      c.clearFrom(rows, rowCount);
    }
    rowCount = rows;
  }

  /**
   * Removes the columns from index {@code count} on (added by a record that was then rolled back).
   *
   * @param count the number of columns to keep
   */
  public void truncateColumns(int count) {
    while (columns.size() > count) {
      columns.remove(columns.size() - 1);
      schema = null;
    }
    cols = columns.toArray(new ColumnData[0]);
  }

  /**
   * Makes a cell null.
   *
   * @param col the column
   * @param row the row
   */
  public void setNull(int col, int row) {
    cols[col].clearCell(row);
  }

  /**
   * Hands the rows over to another owner: returns a table holding them (and this table's storage), and leaves this
   * table empty with fresh storage and the same columns and types. Lets a writer thread encode one chunk while the
   * next is being flattened.
   *
   * @return the rows so far, as a table of its own
   */
  public TableData detachRows() {
    TableData rows = new TableData(name, parent, capacity, strictTypes);
    rows.columns.addAll(columns);
    rows.cols = cols.clone();
    rows.rowCount = rowCount;
    int fresh = Math.max(INITIAL_CAPACITY, Math.min(capacity, rowCount));
    for (int i = 0; i < columns.size(); i++) {
      columns.set(i, cols[i].emptyCopy(fresh));
    }
    cols = columns.toArray(new ColumnData[0]);
    capacity = fresh;
    rowCount = 0;
    rows.schema = schema;
    return rows;
  }

  /** Gives back the unused part of the storage (growth leaves up to a third spare); for finished tables. */
  public void trimToSize() {
    for (ColumnData c : columns) {
      c.trim(rowCount);
    }
    capacity = Math.max(1, rowCount);
  }

  /** @return the bytes of text storage a column holds (tests of the storage's reuse) */
  int textCapacity(int col) {
    byte[] b = cols[col].utf8;
    return b == null ? 0 : b.length;
  }

  /** Forgets all rows (after they were handed to a writer), keeping columns, their types and the storage. */
  public void clearRows() {
    for (ColumnData c : columns) {
      c.clear(rowCount);
    }
    rowCount = 0;
  }

  // The setters take the column index and row index; the column type widens when needed (or, in strict mode, the
  // column throws a TypeConflictException instead).

  /** @param col column @param row row @param v value */
  public void setLong(int col, int row, long v) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setLong(row, v);
    changed(before, c);
  }

  /** @param col column @param row row @param v a double holding its input value exactly */
  public void setDouble(int col, int row, double v) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setDouble(row, v);
    changed(before, c);
  }

  /** @param col column @param row row @param v value */
  public void setDecimal(int col, int row, BigDecimal v) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setDecimal(row, v);
    changed(before, c);
  }

  /** @param col column @param row row @param v value */
  public void setBoolean(int col, int row, boolean v) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setBoolean(row, v);
    changed(before, c);
  }

  /** @param col column @param row row @param v value */
  public void setString(int col, int row, String v) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setString(row, v);
    changed(before, c);
  }

  /**
   * Stores text given as characters, such as the parser's buffer, without making a String for it (STRING columns keep
   * UTF-8 bytes).
   *
   * @param col column
   * @param row row
   * @param chars the characters
   * @param offset the first character
   * @param length the number of characters
   */
  public void setChars(int col, int row, char[] chars, int offset, int length) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setChars(row, chars, offset, length);
    changed(before, c);
  }

  /**
   * Stores text given as well-formed UTF-8 bytes (a string's bytes in the input) without making a String for it.
   *
   * @param col column
   * @param row row
   * @param bytes the bytes
   * @param offset the first byte
   * @param length the number of bytes
   */
  public void setUtf8(int col, int row, byte[] bytes, int offset, int length) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setUtf8(row, bytes, offset, length);
    changed(before, c);
  }

  /**
   * Stores text that the caller knows to be ASCII (generated IDs, the run timestamp) with one array copy. Text that
   * is not ASCII must go through {@link #setString}: this method would store only the low byte of each character.
   *
   * @param col column
   * @param row row
   * @param ascii the text, every character below 0x80
   */
  public void setAscii(int col, int row, String ascii) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setAscii(row, ascii);
    changed(before, c);
  }

  /**
   * Stores JSON text given as characters without making a String for it.
   *
   * @param col column
   * @param row row
   * @param chars valid JSON text
   * @param offset the first character
   * @param length the number of characters
   */
  public void setJsonChars(int col, int row, char[] chars, int offset, int length) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setJsonChars(row, chars, offset, length);
    changed(before, c);
  }

  /** @param col column @param row row @param json valid JSON text */
  public void setJson(int col, int row, String json) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setJson(row, json);
    changed(before, c);
  }

  /** @param col column @param row row @param micros epoch microseconds (UTC) @param text the input text */
  public void setTimestamp(int col, int row, long micros, String text) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setTimestamp(row, micros, text);
    changed(before, c);
  }

  /** @param col column @param row row @param epochDay days since 1970-01-01 @param text the input text */
  public void setDate(int col, int row, long epochDay, String text) {
    ColumnData c = cols[col];
    int before = c.version;
    c.setDate(row, epochDay, text);
    changed(before, c);
  }

  private void changed(int before, ColumnData c) {
    if (before != c.version) {
      schema = null;
    }
  }

  // ---- Table / RowBatch ---------------------------------------------------------------------------------

  @Override
  public TableSchema schema() {
    TableSchema s = schema;
    if (s == null) {
      List<Column> cols = new ArrayList<>(columns.size());
      for (ColumnData c : columns) {
        cols.add(new Column(c.name, c.effectiveType(), c.precision(), c.scale()));
      }
      s = TableSchema.of(name, parent, cols);
      schema = s;
    }
    return s;
  }

  @Override
  public int rowCount() {
    return rowCount;
  }

  @Override
  public boolean isNull(int column, int row) {
    checkRow(row);
    return cols[column].isNull(row);
  }

  @Override
  public boolean getBoolean(int column, int row) {
    checkRow(row);
    ColumnData c = cols[column];
    return c.type == ColumnType.BOOLEAN ? c.prims[row] != 0 : Boolean.parseBoolean(c.text(row));
  }

  @Override
  public long getLong(int column, int row) {
    checkRow(row);
    ColumnData c = cols[column];
    if (c.type == ColumnType.LONG || c.type == ColumnType.TIMESTAMP || c.type == ColumnType.DATE) {
      return c.prims[row];
    }
    throw new IllegalStateException("column " + c.name + " of table " + name + " is " + c.effectiveType()
        + ", not LONG, TIMESTAMP or DATE");
  }

  @Override
  public double getDouble(int column, int row) {
    checkRow(row);
    ColumnData c = cols[column];
    if (c.type == ColumnType.DOUBLE) {
      return Double.longBitsToDouble(c.prims[row]);
    }
    if (c.type == ColumnType.LONG) {
      return c.prims[row];
    }
    if (c.type == ColumnType.DECIMAL) {
      return ((BigDecimal) c.refs[row]).doubleValue();
    }
    throw new IllegalStateException(
        "column " + c.name + " of table " + name + " is " + c.effectiveType() + ", not numeric");
  }

  @Override
  public BigDecimal getDecimal(int column, int row) {
    checkRow(row);
    ColumnData c = cols[column];
    if (c.isNull(row)) {
      return null;
    }
    switch (c.effectiveType()) {
      case LONG:
        return BigDecimal.valueOf(c.prims[row]);
      case DOUBLE:
        return ColumnData.exactDecimal(Double.longBitsToDouble(c.prims[row]));
      case DECIMAL:
        return (BigDecimal) c.refs[row];
      default:
        throw new IllegalStateException(
            "column " + c.name + " of table " + name + " is " + c.effectiveType() + ", not numeric");
    }
  }

  @Override
  public String getString(int column, int row) {
    checkRow(row);
    ColumnData c = cols[column];
    return c.isNull(row) ? null : c.text(row);
  }

  @Override
  public int getUtf8Length(int column, int row) {
    checkRow(row);
    ColumnData c = cols[column];
    if (c.isNull(row)) {
      return -1;
    }
    return ColumnData.isText(c.type) ? c.textLength(row) : Utf8.length(c.text(row));
  }

  @Override
  public int getUtf8(int column, int row, byte[] dst, int offset) {
    checkRow(row);
    ColumnData c = cols[column];
    if (c.isNull(row)) {
      return -1;
    }
    if (ColumnData.isText(c.type)) {
      return c.copyText(row, dst, offset);
    }
    // numbers, decimals, timestamps and dates: encoded from their text (exactly Utf8.length bytes, checked first so that a
    // short array fails before any byte is written)
    String s = c.text(row);
    java.util.Objects.checkFromIndexSize(offset, Utf8.length(s), dst.length);
    return Utf8.encode(s, dst, offset) - offset;
  }

  @Override
  public Object getValue(int column, int row) {
    checkRow(row);
    ColumnData c = cols[column];
    if (c.isNull(row)) {
      return null;
    }
    switch (c.effectiveType()) {
      case LONG:
        return c.prims[row];
      case DOUBLE:
        return Double.longBitsToDouble(c.prims[row]);
      case BOOLEAN:
        return c.prims[row] != 0;
      case TIMESTAMP:
        return java.time.Instant.ofEpochSecond(Math.floorDiv(c.prims[row], 1_000_000L),
            Math.floorMod(c.prims[row], 1_000_000L) * 1000L);
      case DATE:
        return java.time.LocalDate.ofEpochDay(c.prims[row]);
      case STRING:
      case JSON:
        return c.text(row);
      default:
        return c.refs[row];
    }
  }

  @Override
  public Map<String, Object> row(int row) {
    checkRow(row);
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      m.put(cols[i].name, getValue(i, row));
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public List<Map<String, Object>> rows() {
    return new AbstractList<>() {
      @Override
      public Map<String, Object> get(int index) {
        return row(index);
      }

      @Override
      public int size() {
        return rowCount;
      }
    };
  }

  @Override
  public List<Object> column(String columnName) {
    int idx = schema().indexOf(columnName);
    if (idx < 0) {
      throw new IllegalArgumentException("table " + name + " has no column " + columnName + "; it has "
          + schema().columnNames());
    }
    List<Object> out = new ArrayList<>(rowCount);
    for (int r = 0; r < rowCount; r++) {
      out.add(getValue(idx, r));
    }
    return Collections.unmodifiableList(out);
  }

  private void checkRow(int row) {
    if (row < 0 || row >= rowCount) {
      throw new IndexOutOfBoundsException("row " + row + " of table " + name + " with " + rowCount + " rows");
    }
  }

  @Override
  public String toString() {
    return "Table{" + name + ", " + rowCount + " rows, " + schema().columnNames() + "}";
  }
}
