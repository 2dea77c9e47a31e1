package io.transmog.core.internal.flatten;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.transmog.api.ArrayMode;
import io.transmog.api.ErrorMode;
import io.transmog.api.MalformedInputException;
import io.transmog.api.SchemaConflictException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.transform.RowView;
import io.transmog.api.transform.Transform;
import io.transmog.core.internal.ids.IdMaker;
import io.transmog.core.internal.ids.RowId;
import io.transmog.core.internal.input.Parsers;
import io.transmog.core.internal.input.RawTextParser;
import io.transmog.core.internal.input.RecordReader;
import io.transmog.core.internal.table.TableData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Flattens records into tables: the rules of Transmog in one class.
 *
 * <ul>
 *   <li>A record is an object; any other value is treated as {@code {"value": <it>}}. An empty object makes no row.
 *   <li>Nested object fields become columns named by their path joined with the separator; naming and collisions
 *       follow {@link Names}.
 *   <li>An array at path {@code p} of table {@code t} is handled per {@link ArrayMode}; when it makes rows, they go to
 *       table {@code t<sep>p}, each with its own ID and the ID of the row that held the array (the direct parent).
 *       Object elements are flattened into their row, scalar elements go to {@code value}, array elements are treated
 *       as {@code {"value": <array>}}. Empty arrays and empty objects make no rows and no columns.
 *   <li>A container deeper than {@code maxDepth} (the record is depth 1; array elements are one deeper than their
 *       array) is kept as compact JSON text in the column of its path.
 *   <li>Values keep their JSON type (see {@link io.transmog.api.table.ColumnType} for widening); a decimal that a
 *       double cannot hold exactly becomes a {@code DECIMAL}.
 *   <li>Transforms run as columns appear (names) and as each row ends (maps, derives, filters).
 * </ul>
 *
 * <p>Each record is read once, token by token, and written straight into columnar storage: no tree, no per-row map.
 * ID strategies that need the record's content first copy the record to canonical bytes and read those instead. A
 * record is all or nothing: if it fails, its rows are removed again. One engine serves one flattening session on one
 * thread.
 */
public final class Engine {
  private final TransmogOptions options;
  private final ArrayMode mode;
  private final boolean includeNulls;
  private final boolean stringify;
  private final boolean inferTimestamps;
  private final int maxDepth;
  private final String separator;
  private final String timestamp;
  private final int initialCapacity;
  private final JsonFactory factory;
  private final List<TableState> tables = new ArrayList<>();
  private final Set<String> tableNames = new HashSet<>();
  private final TableState main;
  private final JsonText jsonText = new JsonText();
  private final List<ScalarBuffer> scalarBuffers = new ArrayList<>();
  private final CanonicalRecord canonical = new CanonicalRecord();
  private final View view = new View();
  private final ChunkSink sink;
  private final int chunkSize;
  private final int midRecordFlushRows;
  private final boolean midRecordFlush;
  private IdMaker ids;
  private int smartLevel;
  private JsonParser p;
  /** {@link #p} when it can hand out a string's input bytes, else null. */
  private RawTextParser raw;
  private int chunkRecords;
  // the current record
  private long recordNo;
  private long recordOffset;
  /** The current record's main-row ID. */
  private final RowId rootId = new RowId();
  /** The row IDs being made, one per nesting level (see {@link #rowId}). */
  private RowId[] idsByLevel = new RowId[8];
  private int[] marks = new int[8];
  private int[] columnMarks = new int[8];
  private int markedTables;
  private boolean recordOpen;

  /** Receives each table's rows after every {@code chunkSize} records, in streaming mode. */
  @FunctionalInterface
  public interface ChunkSink {
    /**
     * Takes one table's rows of the chunk; the rows are cleared after the call returns.
     *
     * @param table the table, holding only this chunk's rows
     */
    void accept(TableData table);

    /**
     * Called after the tables of a chunk were handed over, before their rows are cleared (not after a mid-record
     * flush of a huge child table).
     */
    default void endChunk() {}
  }

  private Engine(TransmogOptions options, int initialCapacity, ChunkSink sink, boolean allowMidRecordFlush) {
    this.options = options;
    this.sink = sink;
    this.chunkSize = options.chunkSize();
    this.mode = options.arrayMode();
    this.includeNulls = options.includeNulls();
    this.stringify = options.stringifyValues();
    this.inferTimestamps = options.inferTimestamps() && !options.stringifyValues();
    this.maxDepth = options.maxDepth();
    this.separator = options.separator();
    this.initialCapacity = initialCapacity;
    this.factory = Parsers.factory(options);
    this.timestamp = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    this.midRecordFlushRows = Math.max(options.chunkSize(), options.lowMemory() ? 256 : 1024) * 4;
    boolean filters = options.transforms().values().stream().anyMatch(t -> !t.filters().isEmpty());
    // rows handed to a writer cannot be taken back: only when no record can fail part-way or lose rows to a filter
    this.midRecordFlush = allowMidRecordFlush && sink != null && options.onError() == ErrorMode.STRICT && !filters;
    this.main = newTable(options.name(), null);
  }

  /**
   * Creates an engine that keeps every row in memory.
   *
   * @param options the options
   * @return the engine
   */
  public static Engine inMemory(TransmogOptions options) {
    return new Engine(options, options.lowMemory() ? 16 : 256, null, false);
  }

  /**
   * Creates an engine that hands every table's rows to a sink after each {@code chunkSize} records (see
   * {@link #commit()}) and then forgets them, so memory stays bounded by one chunk.
   *
   * @param options the options
   * @param sink receives the rows
   * @return the engine
   */
  public static Engine streaming(TransmogOptions options, ChunkSink sink) {
    return streaming(options, sink, true);
  }

  /**
   * Creates a streaming engine, choosing whether a child table that grows huge inside one record may be handed over
   * before the record ends (then a chunk's tables can reach the sink more than once).
   *
   * @param options the options
   * @param sink receives the rows
   * @param allowMidRecordFlush whether huge child tables may be flushed inside a record
   * @return the engine
   */
  public static Engine streaming(TransmogOptions options, ChunkSink sink, boolean allowMidRecordFlush) {
    int capacity = Math.min(options.chunkSize(), options.lowMemory() ? 16 : 256);
    return new Engine(options, capacity, sink, allowMidRecordFlush);
  }

  /**
   * Flattens the record the reader is positioned on, leaving the parser on the record's last token. On failure the
   * record's rows are removed again and the error is thrown; on success the record stays open until
   * {@link #commit()} or {@link #rollback()}.
   *
   * @param reader the reader
   * @throws MalformedInputException if the record is not valid JSON or breaks a limit
   * @throws SchemaConflictException if strict types are on and a value would widen a column
   */
  public void record(RecordReader reader) {
    if (ids == null) {
      ids = new IdMaker(options, reader.source());
    }
    JsonParser src = reader.parser();
    recordNo = reader.recordNumber();
    recordOffset = reader.recordOffset();
    mark();
    recordOpen = true;
    try {
      if (ids.needsCanonicalRecord()) {
        canonical.copy(src, factory);
        p = factory.createParser(canonical.bytes(), 0, canonical.length());
        p.nextToken();
      } else {
        p = src;
      }
      raw = p instanceof RawTextParser ? (RawTextParser) p : null;
      String key = ids.needsCanonicalRecord() ? rootKey() : null;
      ids.rootId(main.name, recordNo, recordOffset, canonical.bytes(), canonical.length(), key, rootId);
      element(main, null, 0, p.currentToken(), -1);
    } catch (JsonProcessingException e) {
      rollback();
      throw reader.malformed(e);
    } catch (IOException e) {
      rollback();
      throw reader.readError(e);
    } catch (TableData.TypeConflictException e) {
      rollback();
      throw new SchemaConflictException(e.table(), e.column(), e.from(), e.to(), reader.currentLocation());
    } catch (RecordError e) {
      rollback();
      throw new MalformedInputException(reader.currentLocation(), e.getMessage(), null);
    } catch (RuntimeException | Error e) {
      rollback();
      throw e;
    } finally {
      if (p != src && p != null) {
        closeQuietly(p);
      }
      p = null;
      raw = null;
    }
  }

  /** Accepts the current record; in streaming mode hands over a full chunk. */
  public void commit() {
    recordOpen = false;
    if (sink != null && ++chunkRecords >= chunkSize) {
      flush();
    }
  }

  /** Removes every row and column the current record made (it turned out bad after it was read). */
  public void rollback() {
    if (!recordOpen) {
      return; // the reader failed before the record began (or it was rolled back already): nothing of it to remove
    }
    recordOpen = false;
    truncateTo(marks, markedTables);
    for (int i = 0; i < tables.size(); i++) {
      tables.get(i).truncateColumns(i < markedTables ? columnMarks[i] : tables.get(i).generatedColumns);
    }
  }

  private void mark() {
    if (marks.length < tables.size()) {
      marks = Arrays.copyOf(marks, tables.size() * 2);
      columnMarks = Arrays.copyOf(columnMarks, tables.size() * 2);
    }
    for (int i = 0; i < tables.size(); i++) {
      marks[i] = tables.get(i).data.rowCount();
      columnMarks[i] = tables.get(i).data.columnCount();
    }
    markedTables = tables.size();
  }

  private int[] snapshot() {
    int[] m = new int[tables.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = tables.get(i).data.rowCount();
    }
    return m;
  }

  /** Depth-first: every row made after a snapshot belongs to the subtree being removed. */
  private void truncateTo(int[] m, int count) {
    for (int i = 0; i < tables.size(); i++) {
      TableState t = tables.get(i);
      int keep = i < count ? m[i] : 0;
      int removed = t.data.rowCount() - keep;
      if (removed > 0) {
        t.totalRows -= removed;
        t.data.truncate(keep);
      }
    }
  }

  /** Hands every table's pending rows to the sink and clears them. */
  private void flush() {
    chunkRecords = 0;
    for (int i = 0; i < tables.size(); i++) {
      TableState t = tables.get(i);
      if (t.data.rowCount() > 0) {
        sink.accept(t.data);
      }
    }
    sink.endChunk();
    for (int i = 0; i < tables.size(); i++) {
      TableData d = tables.get(i).data;
      if (d.rowCount() > 0) {
        d.clearRows();
      }
    }
  }

  /**
   * Returns the tables as they are now: the main table first, then child tables that have had a row, in first-seen
   * order, each holding the rows not yet handed over.
   *
   * @return the tables
   */
  public List<TableData> currentTables() {
    List<TableData> out = new ArrayList<>(tables.size());
    for (TableState t : tables) {
      if (t == main || t.totalRows > 0) {
        out.add(t.data);
      }
    }
    return out;
  }

  /**
   * Ends the run: in streaming mode hands over the last rows. Child tables that never got a row (an array holding only
   * empty objects) are left out.
   *
   * @return the main table first, then child tables in the order they were first seen; in streaming mode the tables
   *     hold no rows any more but keep their final schemas
   */
  public List<TableData> finish() {
    if (sink != null) {
      flush();
    }
    List<TableData> out = new ArrayList<>(tables.size());
    for (TableState t : tables) {
      if (t == main || t.totalRows > 0) {
        if (sink == null && options.lowMemory()) {
          t.data.trimToSize();
        }
        out.add(t.data);
      }
    }
    return out;
  }

  /**
   * Returns the row count a table has had over the whole run.
   *
   * @param table a table from {@link #finish()}
   * @return its total rows
   */
  public long totalRows(TableData table) {
    for (TableState t : tables) {
      if (t.data == table) {
        return t.totalRows;
      }
    }
    throw new IllegalArgumentException("not a table of this run: " + table.name());
  }

  private TableState newTable(String name, TableState parent) {
    String unique = Names.unique(name, tableNames, separator);
    String path = parent == null ? "" : unique.substring(Math.min(unique.length(), options.name().length() + separator.length()));
    Transform transform = lookup(options.transforms(), unique, path, parent == null);
    String naturalKey = null;
    if (options.idStrategy() instanceof IdStrategy.Natural) {
      naturalKey = lookup(((IdStrategy.Natural) options.idStrategy()).keyFieldByTable(), unique, path,
          parent == null);
    }
    TableState t = new TableState(unique, parent == null ? null : parent.name, options, timestamp, initialCapacity,
        transform, naturalKey);
    tables.add(t);
    return t;
  }

  /** Finds a per-table setting by table name, by path relative to the main table, or by "" for the main table. */
  private static <V> V lookup(Map<String, V> byTable, String table, String path, boolean isMain) {
    if (byTable.isEmpty()) {
      return null;
    }
    V v = byTable.get(table);
    if (v == null && !path.isEmpty()) {
      v = byTable.get(path);
    }
    if (v == null && isMain) {
      v = byTable.get("");
    }
    return v;
  }

  private TableState childTable(TableState t, PathNode node) {
    TableState c = node.childTable;
    if (c == null) {
      c = newTable(t.name + separator + node.joined, t);
      node.childTable = c;
    }
    return c;
  }

  // ---- the walk ---------------------------------------------------------------------------------------------

  /**
   * One element of an array (or a whole record, with {@code arrayDepth} 0 and index -1) becomes one row of
   * {@code table}, unless it is empty. The current token is the element's first token.
   */
  private void element(TableState table, RowId parentId, int arrayDepth, JsonToken tok, long index)
      throws IOException {
    int depth = arrayDepth + 1;
    switch (tok.id()) {
      case JsonTokenId.ID_START_OBJECT: {
        if (depth > maxDepth) {
          deepElement(table, parentId, index, depth);
          return;
        }
        String key = table.naturalKey != null && parentId != null ? naturalKey(table, parentId) : null;
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_OBJECT) {
          return;
        }
        int[] rowMarks = rowMarks(table);
        RowId id = rowId(table, parentId, index, key, depth);
        int row = table.newRow(id, parentId, rootId, index);
        walkObject(table, table.root, row, id, depth, first);
        finishRow(table, row, rowMarks);
        return;
      }
      case JsonTokenId.ID_START_ARRAY: {
        // treated as {"value": <array>}: that object is at `depth`, the array one deeper
        if (depth + 1 > maxDepth) {
          deepElement(table, parentId, index, depth);
          return;
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_ARRAY) {
          return;
        }
        int[] rowMarks = rowMarks(table);
        RowId id = rowId(table, parentId, index, null, depth);
        int row = table.newRow(id, parentId, rootId, index);
        arrayFrom(table, table.valueNode, row, id, depth + 1, first);
        finishRow(table, row, rowMarks);
        return;
      }
      default: {
        int[] rowMarks = rowMarks(table);
        int row = table.newRow(rowId(table, parentId, index, null, depth), parentId, rootId, index);
        scalar(table, table.valueNode, row, tok);
        finishRow(table, row, rowMarks);
      }
    }
  }

  /**
   * The ID of a new row at nesting level {@code level} (an element's depth): the record's main-row ID for the main
   * table, else a child ID made into the level's reusable {@link RowId}. A level's ID stays valid while the row's
   * children are made, at deeper levels; the next row at the same level, a sibling, comes after them.
   */
  private RowId rowId(TableState table, RowId parentId, long index, String naturalKey, int level) {
    if (parentId == null) {
      return rootId;
    }
    if (level >= idsByLevel.length) {
      idsByLevel = Arrays.copyOf(idsByLevel, Math.max(level + 1, 2 * idsByLevel.length));
    }
    RowId out = idsByLevel[level];
    if (out == null) {
      out = new RowId();
      idsByLevel[level] = out;
    }
    ids.childId(table.name, parentId, index, recordNo, recordOffset, naturalKey, out);
    return out;
  }

  private void deepElement(TableState table, RowId parentId, long index, int level) throws IOException {
    String json = jsonText.copyContainer(p);
    if (!JsonText.isEmptyContainer(json)) {
      int[] rowMarks = rowMarks(table);
      int row = table.newRow(rowId(table, parentId, index, null, level), parentId, rootId, index);
      setJson(table, table.valueNode, row, json);
      finishRow(table, row, rowMarks);
    }
  }

  /** Walks an object's fields; {@code tok} is the token after its START_OBJECT. */
  private void walkObject(TableState t, PathNode node, int row, RowId rowId, int depth, JsonToken tok)
      throws IOException {
    int position = 0;
    while (tok == JsonToken.FIELD_NAME) {
      PathNode child = node.child(p.currentName(), position++);
      JsonToken v = p.nextToken();
      switch (v.id()) {
        case JsonTokenId.ID_START_OBJECT:
          if (depth + 1 > maxDepth) {
            deepValue(t, child, row);
          } else {
            walkObject(t, child, row, rowId, depth + 1, p.nextToken());
          }
          break;
        case JsonTokenId.ID_START_ARRAY:
          if (depth + 1 > maxDepth) {
            deepValue(t, child, row);
          } else {
            JsonToken first = p.nextToken();
            if (first != JsonToken.END_ARRAY) {
              arrayFrom(t, child, row, rowId, depth + 1, first);
            }
          }
          break;
        default:
          scalar(t, child, row, v);
      }
      tok = p.nextToken();
    }
  }

  private void deepValue(TableState t, PathNode node, int row) throws IOException {
    String json = jsonText.copyContainer(p);
    if (!JsonText.isEmptyContainer(json)) {
      setJson(t, node, row, json);
    }
  }

  /** A non-empty array at {@code node}; {@code first} is its first element's first token. */
  private void arrayFrom(TableState t, PathNode node, int row, RowId rowId, int arrayDepth, JsonToken first)
      throws IOException {
    switch (mode) {
      case SKIP:
        for (JsonToken tok = first; tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
          p.skipChildren();
        }
        return;
      case INLINE:
        setJson(t, node, row, jsonText.copyArrayFrom(p, first));
        return;
      case SEPARATE: {
        TableState c = childTable(t, node);
        long index = 0;
        for (JsonToken tok = first; tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
          element(c, rowId, arrayDepth, tok, index++);
          flushIfHuge(c);
        }
        return;
      }
      default:
        smartArray(t, node, row, rowId, arrayDepth, first);
    }
  }

  /**
   * SMART: scalars are buffered (as text) while they last; if the array ends, it becomes one JSON-text value. At the
   * first non-scalar element the array becomes a child table and the buffered scalars are replayed as its first rows.
   * No look-ahead is needed, and arrays of objects never touch the buffer.
   */
  private void smartArray(TableState t, PathNode node, int row, RowId rowId, int arrayDepth, JsonToken first)
      throws IOException {
    JsonToken tok = first;
    long index = 0;
    if (!tok.isScalarValue()) {
      TableState c = childTable(t, node);
      for (; tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
        element(c, rowId, arrayDepth, tok, index++);
        flushIfHuge(c);
      }
      return;
    }
    if (smartLevel == scalarBuffers.size()) {
      scalarBuffers.add(new ScalarBuffer());
    }
    ScalarBuffer buf = scalarBuffers.get(smartLevel++);
    try {
      buf.reset();
      while (tok != JsonToken.END_ARRAY && tok.isScalarValue()) {
        buf.add(tok, p);
        tok = p.nextToken();
      }
      if (tok == JsonToken.END_ARRAY) {
        inlineArray(t, node, row, buf);
        return;
      }
      TableState c = childTable(t, node);
      for (int i = 0; i < buf.size(); i++, index++) {
        int[] rowMarks = rowMarks(c);
        // the depth element() gives these rows
        int r = c.newRow(rowId(c, rowId, index, null, arrayDepth + 1), rowId, rootId, index);
        buf.replay(i, this, c, c.valueNode, r);
        finishRow(c, r, rowMarks);
      }
      for (; tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
        element(c, rowId, arrayDepth, tok, index++);
        flushIfHuge(c);
      }
    } finally {
      smartLevel--;
    }
  }

  /**
   * Streams out a child table that grew huge inside one record (say 2 million line items in one order), so a single
   * record never needs to fit in memory. Safe: when an element has been walked, every row of its table is complete
   * (a table is never its own ancestor); only open ancestor rows, in other tables, stay behind. Off when a record
   * can still be rolled back (SKIP/WARN) or a filter can remove rows.
   */
  private void flushIfHuge(TableState c) {
    if (midRecordFlush && c.data.rowCount() >= midRecordFlushRows) {
      sink.accept(c.data);
      c.data.clearRows();
      mark(); // flushed rows are gone from the buffer; the marks must not point past them
    }
  }

  // ---- IDs from content ---------------------------------------------------------------------------------

  /** The root key (root fields or natural key) read ahead from the canonical record, or null. */
  private String rootKey() throws IOException {
    IdStrategy s = ids.strategy();
    if (s instanceof IdStrategy.Deterministic) {
      List<String> fields = ((IdStrategy.Deterministic) s).rootFields();
      if (fields.isEmpty()) {
        return null;
      }
      String[] values = lookAhead(0, fields);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < fields.size(); i++) {
        sb.append(fields.get(i)).append('\u0000').append(values[i] == null ? "\u0001null" : values[i]).append('\u0000');
      }
      return sb.toString();
    }
    if (main.naturalKey != null) {
      return lookAhead(0, List.of(main.naturalKey))[0];
    }
    return null;
  }

  /** A child row's natural key, read ahead from the canonical record; duplicates under one parent are an error. */
  private String naturalKey(TableState table, RowId parentId) throws IOException {
    long offset = p.currentTokenLocation().getByteOffset();
    String key = lookAhead((int) offset, List.of(table.naturalKey))[0];
    if (key != null && !table.keysFor(parentId.text()).add(key)) {
      throw new RecordError("natural id " + table.naturalKey + " = \"" + key + "\" appears twice under one parent"
          + " in table " + table.name + " (record " + recordNo + "); natural keys must be unique per parent");
    }
    return key;
  }

  /** Reads the top-level scalar fields of the object starting at {@code offset} of the canonical record. */
  private String[] lookAhead(int offset, List<String> fields) throws IOException {
    String[] out = new String[fields.size()];
    try (JsonParser q = factory.createParser(canonical.bytes(), offset, canonical.length() - offset)) {
      if (q.nextToken() != JsonToken.START_OBJECT) {
        return out;
      }
      for (JsonToken t = q.nextToken(); t == JsonToken.FIELD_NAME; t = q.nextToken()) {
        int i = fields.indexOf(q.currentName());
        JsonToken v = q.nextToken();
        if (i >= 0 && v.isScalarValue() && v != JsonToken.VALUE_NULL) {
          out[i] = q.getText();
        } else {
          q.skipChildren();
        }
      }
    }
    return out;
  }

  // ---- cells ----------------------------------------------------------------------------------------------

  private void scalar(TableState t, PathNode node, int row, JsonToken tok) throws IOException {
    if (tok == JsonToken.VALUE_NULL) {
      if (includeNulls) {
        t.column(node); // a null makes its column only when nulls count
      }
      return;
    }
    int col = t.column(node);
    if (col < 0) {
      return;
    }
    TableData d = t.data;
    switch (tok.id()) {
      case JsonTokenId.ID_STRING:
        if (inferTimestamps) {
          string(t, col, row, node.text(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
        } else {
          RawTextParser r = raw;
          int end = r == null ? -1 : r.rawStringEnd();
          if (end >= 0) {
            // the string's bytes in the input are its UTF-8 text: copied as they are, never decoded
            d.setUtf8(col, row, r.rawBuffer(), r.rawStart(), end - r.rawStart());
          } else {
            // straight from the parser's buffer into the column's UTF-8 storage: no String per cell
            d.setChars(col, row, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          }
        }
        break;
      case JsonTokenId.ID_NUMBER_INT:
        if (stringify) {
          d.setString(col, row, p.getText());
        } else {
          JsonParser.NumberType nt = p.getNumberType();
          if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
            d.setLong(col, row, p.getLongValue());
          } else {
            d.setDecimal(col, row, new BigDecimal(p.getBigIntegerValue()));
          }
        }
        break;
      case JsonTokenId.ID_NUMBER_FLOAT:
        if (stringify) {
          d.setString(col, row, p.getText());
        } else {
          double v = p.getDoubleValue();
          if (Numbers.isExactDouble(v, p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
            d.setDouble(col, row, v);
          } else {
            decimal(d, col, row, p.getText());
          }
        }
        break;
      case JsonTokenId.ID_TRUE:
      case JsonTokenId.ID_FALSE:
        if (stringify) {
          d.setString(col, row, tok == JsonToken.VALUE_TRUE ? "true" : "false");
        } else {
          d.setBoolean(col, row, tok == JsonToken.VALUE_TRUE);
        }
        break;
      default:
        throw new IllegalStateException("unexpected token " + tok + " at " + p.currentLocation());
    }
  }

  /** Stores a scalar given by its JSON text (SMART replay); the same typing rules as {@link #scalar}. */
  void scalarText(TableState t, PathNode node, int row, JsonToken tok, String text) {
    if (tok == JsonToken.VALUE_NULL) {
      if (includeNulls) {
        t.column(node);
      }
      return;
    }
    int col = t.column(node);
    if (col < 0) {
      return;
    }
    TableData d = t.data;
    switch (tok.id()) {
      case JsonTokenId.ID_STRING:
        string(t, col, row, text);
        break;
      case JsonTokenId.ID_NUMBER_INT:
        if (stringify) {
          d.setString(col, row, text);
        } else if (Numbers.fitsLong(text)) {
          d.setLong(col, row, Long.parseLong(text));
        } else {
          decimal(d, col, row, text);
        }
        break;
      case JsonTokenId.ID_NUMBER_FLOAT:
        if (stringify) {
          d.setString(col, row, text);
        } else {
          double v = Double.parseDouble(text);
          char[] chars = text.toCharArray();
          if (Numbers.isExactDouble(v, chars, 0, chars.length)) {
            d.setDouble(col, row, v);
          } else {
            decimal(d, col, row, text);
          }
        }
        break;
      case JsonTokenId.ID_TRUE:
      case JsonTokenId.ID_FALSE:
        if (stringify) {
          d.setString(col, row, tok == JsonToken.VALUE_TRUE ? "true" : "false");
        } else {
          d.setBoolean(col, row, tok == JsonToken.VALUE_TRUE);
        }
        break;
      default:
        throw new IllegalStateException("unexpected token " + tok);
    }
  }

  /**
   * Stores a number as an exact decimal; a number whose exponent is beyond what {@link BigDecimal} holds (say
   * {@code 1e9999999999}) keeps its exact text as a string rather than being rounded or refused.
   */
  private static void decimal(TableData d, int col, int row, String text) {
    BigDecimal v;
    try {
      v = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      d.setString(col, row, text);
      return;
    }
    d.setDecimal(col, row, v);
  }

  private void string(TableState t, int col, int row, String s) {
    if (inferTimestamps && s.length() >= 10 && s.charAt(4) == '-') {
      long v = Temporals.timestamp(s);
      if (v != Temporals.NONE) {
        t.data.setTimestamp(col, row, v, s);
        return;
      }
      v = Temporals.date(s);
      if (v != Temporals.NONE) {
        t.data.setDate(col, row, v, s);
        return;
      }
    }
    t.data.setString(col, row, s);
  }

  /** An all-scalar SMART array: its JSON text goes from the buffer into the column's UTF-8 storage, no String. */
  private void inlineArray(TableState t, PathNode node, int row, ScalarBuffer buf) {
    if (stringify) {
      setJson(t, node, row, buf.json(node));
      return;
    }
    int col = t.column(node);
    if (col >= 0) {
      buf.endJson();
      t.data.setJsonChars(col, row, buf.jsonChars(), 0, buf.jsonLength());
    }
  }

  private void setJson(TableState t, PathNode node, int row, String json) {
    int col = t.column(node);
    if (col < 0) {
      return;
    }
    if (stringify) {
      t.data.setString(col, row, json);
    } else {
      t.data.setJson(col, row, json);
    }
  }

  // ---- transforms -------------------------------------------------------------------------------------------

  private int[] rowMarks(TableState table) {
    return table.transform != null && !table.transform.filters().isEmpty() ? snapshot() : null;
  }

  /** Runs the table's per-row steps on a finished row: maps, derives, then filters (removing the row's subtree). */
  private void finishRow(TableState t, int row, int[] rowMarks) {
    Transform tr = t.transform;
    if (tr == null || !tr.hasRowSteps()) {
      return;
    }
    for (Map.Entry<String, UnaryOperator<Object>> m : tr.maps()) {
      int c = t.indexOf(m.getKey());
      if (c >= 0 && !t.data.isNull(c, row)) {
        put(t, c, row, m.getValue().apply(t.data.getValue(c, row)));
      }
    }
    view.table = t;
    view.row = row;
    for (Map.Entry<String, Function<RowView, Object>> d : tr.derives()) {
      Object v = d.getValue().apply(view);
      int c = t.columnNamed(d.getKey());
      put(t, c, row, v);
    }
    for (Predicate<RowView> f : tr.filters()) {
      if (!f.test(view)) {
        truncateTo(rowMarks, rowMarks.length);
        return;
      }
    }
  }

  private void put(TableState t, int c, int row, Object v) {
    TableData d = t.data;
    if (v == null) {
      d.setNull(c, row);
    } else if (v instanceof Boolean) {
      d.setBoolean(c, row, (Boolean) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      d.setLong(c, row, ((Number) v).longValue());
    } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
      d.setDouble(c, row, ((Number) v).doubleValue());
    } else if (v instanceof BigDecimal) {
      d.setDecimal(c, row, (BigDecimal) v);
    } else if (v instanceof BigInteger) {
      d.setDecimal(c, row, new BigDecimal((BigInteger) v));
    } else if (v instanceof Instant) {
      Instant i = (Instant) v;
      d.setTimestamp(c, row, Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000),
          i.toString());
    } else if (v instanceof LocalDate) {
      d.setDate(c, row, ((LocalDate) v).toEpochDay(), v.toString());
    } else {
      d.setString(c, row, v.toString());
    }
  }

  /** The row a transform step looks at. */
  private static final class View implements RowView {
    TableState table;
    int row;

    @Override
    public String table() {
      return table.name;
    }

    @Override
    public Object get(String column) {
      int c = table.indexOf(column);
      return c < 0 ? null : table.data.getValue(c, row);
    }
  }

  private static void closeQuietly(JsonParser q) {
    try {
      q.close();
    } catch (IOException ignored) {
      // a parser over a byte array holds nothing to release
    }
  }
}
