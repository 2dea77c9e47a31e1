package io.transmog.core.internal.flatten;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.transmog.api.ArrayMode;
import io.transmog.api.SchemaConflictException;
import io.transmog.api.TransmogOptions;
import io.transmog.core.internal.ids.RandomIds;
import io.transmog.core.internal.input.RecordReader;
import io.transmog.core.internal.table.TableData;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * </ul>
 *
 * <p>Each record is read once, token by token, and written straight into columnar storage: no tree, no per-row map.
 * One engine serves one flattening session on one thread.
 */
public final class Engine {
  private final TransmogOptions options;
  private final ArrayMode mode;
  private final boolean includeNulls;
  private final boolean stringify;
  private final boolean inferTimestamps;
  private final int maxDepth;
  private final String separator;
  private final RandomIds ids;
  private final String timestamp;
  private final int initialCapacity;
  private final List<TableState> tables = new ArrayList<>();
  private final Set<String> tableNames = new HashSet<>();
  private final TableState main;
  private final JsonText jsonText = new JsonText();
  private final List<ScalarBuffer> scalarBuffers = new ArrayList<>();
  private int smartLevel;
  private JsonParser p;
  private final ChunkSink sink;
  private final int chunkSize;
  private int chunkRecords;
  /** A child table holding this many rows is handed over even in the middle of a record (one huge array). */
  private final int midRecordFlushRows;

  /** Receives each table's rows after every {@code chunkSize} records, in streaming mode. */
  @FunctionalInterface
  public interface ChunkSink {
    /**
     * Takes one table's rows of the chunk; the rows are cleared after the call returns.
     *
     * @param table the table, holding only this chunk's rows
     */
    void accept(TableData table);
  }

  private Engine(TransmogOptions options, RandomIds ids, int initialCapacity, ChunkSink sink) {
    this.options = options;
    this.sink = sink;
    this.chunkSize = options.chunkSize();
    this.midRecordFlushRows = Math.max(options.chunkSize(), options.lowMemory() ? 256 : 1024) * 4;
    this.mode = options.arrayMode();
    this.includeNulls = options.includeNulls();
    this.stringify = options.stringifyValues();
    this.inferTimestamps = options.inferTimestamps() && !options.stringifyValues();
    this.maxDepth = options.maxDepth();
    this.separator = options.separator();
    this.ids = ids;
    this.initialCapacity = initialCapacity;
    this.timestamp = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    this.main = newTable(options.name(), null);
  }

  /**
   * Creates an engine that keeps every row in memory.
   *
   * @param options the options
   * @return the engine
   */
  public static Engine inMemory(TransmogOptions options) {
    return new Engine(options, new RandomIds(), options.lowMemory() ? 16 : 256, null);
  }

  /**
   * Creates an engine that hands every table's rows to a sink after each {@code chunkSize} records and then forgets
   * them, so memory stays bounded by one chunk.
   *
   * @param options the options
   * @param sink receives the rows
   * @return the engine
   */
  public static Engine streaming(TransmogOptions options, ChunkSink sink) {
    int capacity = Math.min(options.chunkSize(), options.lowMemory() ? 16 : 256);
    return new Engine(options, new RandomIds(), capacity, sink);
  }

  /**
   * Flattens the record the reader is positioned on, leaving the parser on the record's last token.
   *
   * @param reader the reader
   * @throws io.transmog.api.MalformedInputException if the record is not valid JSON
   */
  public void record(RecordReader reader) {
    p = reader.parser();
    try {
      element(main, null, 0, p.currentToken());
    } catch (JsonProcessingException e) {
      throw reader.malformed(e);
    } catch (IOException e) {
      throw reader.readError(e);
    } catch (TableData.TypeConflictException e) {
      throw new SchemaConflictException(e.table(), e.column(), e.from(), e.to(), reader.currentLocation());
    }
    if (sink != null && ++chunkRecords >= chunkSize) {
      flush();
    }
  }

  /** Hands every table's pending rows to the sink and clears them. */
  private void flush() {
    chunkRecords = 0;
    for (int i = 0; i < tables.size(); i++) { // the sink never adds tables, but index loops avoid a CME if it did
      TableState t = tables.get(i);
      if (t.data.rowCount() > 0) {
        sink.accept(t.data);
        t.data.clearRows();
      }
    }
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
    TableState t = new TableState(Names.unique(name, tableNames, separator), parent == null ? null : parent.name,
        options, ids, timestamp, initialCapacity);
    tables.add(t);
    return t;
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
   * One element of an array (or a whole record, with {@code arrayDepth} 0) becomes one row of {@code table}, unless
   * it is empty. The current token is the element's first token.
   */
  private void element(TableState table, String parentId, int arrayDepth, JsonToken tok) throws IOException {
    int depth = arrayDepth + 1;
    switch (tok.id()) {
      case JsonTokenId.ID_START_OBJECT: {
        if (depth > maxDepth) {
          deepElement(table, parentId);
          return;
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_OBJECT) {
          return;
        }
        int row = table.newRow(parentId);
        walkObject(table, table.root, row, table.lastId, depth, first);
        return;
      }
      case JsonTokenId.ID_START_ARRAY: {
        // treated as {"value": <array>}: that object is at `depth`, the array one deeper
        if (depth + 1 > maxDepth) {
          deepElement(table, parentId);
          return;
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_ARRAY) {
          return;
        }
        int row = table.newRow(parentId);
        arrayFrom(table, table.valueNode, row, table.lastId, depth + 1, first);
        return;
      }
      default: {
        int row = table.newRow(parentId);
        scalar(table, table.valueNode, row, tok);
      }
    }
  }

  private void deepElement(TableState table, String parentId) throws IOException {
    String json = jsonText.copyContainer(p);
    if (!JsonText.isEmptyContainer(json)) {
      int row = table.newRow(parentId);
      setJson(table, table.valueNode, row, json);
    }
  }

  /** Walks an object's fields; {@code tok} is the token after its START_OBJECT. */
  private void walkObject(TableState t, PathNode node, int row, String rowId, int depth, JsonToken tok)
      throws IOException {
    while (tok == JsonToken.FIELD_NAME) {
      PathNode child = node.child(p.currentName());
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
  private void arrayFrom(TableState t, PathNode node, int row, String rowId, int arrayDepth, JsonToken first)
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
        for (JsonToken tok = first; tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
          element(c, rowId, arrayDepth, tok);
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
  private void smartArray(TableState t, PathNode node, int row, String rowId, int arrayDepth, JsonToken first)
      throws IOException {
    JsonToken tok = first;
    if (!tok.isScalarValue()) {
      TableState c = childTable(t, node);
      for (; tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
        element(c, rowId, arrayDepth, tok);
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
        setJson(t, node, row, buf.json());
        return;
      }
      TableState c = childTable(t, node);
      for (int i = 0; i < buf.size(); i++) {
        int r = c.newRow(rowId);
        buf.replay(i, this, c, c.valueNode, r);
      }
      for (; tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
        element(c, rowId, arrayDepth, tok);
        flushIfHuge(c);
      }
    } finally {
      smartLevel--;
    }
  }

  /**
   * Streams out a child table that grew huge inside one record (say 2 million line items in one order), so a single
   * record never needs to fit in memory. Safe: when an element has been walked, every row of its table is complete
   * (a table is never its own ancestor); only open ancestor rows, in other tables, stay behind.
   */
  private void flushIfHuge(TableState c) {
    if (sink != null && c.data.rowCount() >= midRecordFlushRows) {
      sink.accept(c.data);
      c.data.clearRows();
    }
  }

  // ---- cells ----------------------------------------------------------------------------------------------

  private void scalar(TableState t, PathNode node, int row, JsonToken tok) throws IOException {
    TableData d = t.data;
    switch (tok.id()) {
      case JsonTokenId.ID_STRING:
        string(t, node, row, p.getText());
        break;
      case JsonTokenId.ID_NUMBER_INT:
        if (stringify) {
          d.setString(t.column(node), row, p.getText());
        } else {
          JsonParser.NumberType nt = p.getNumberType();
          if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
            d.setLong(t.column(node), row, p.getLongValue());
          } else {
            d.setDecimal(t.column(node), row, new BigDecimal(p.getBigIntegerValue()));
          }
        }
        break;
      case JsonTokenId.ID_NUMBER_FLOAT:
        if (stringify) {
          d.setString(t.column(node), row, p.getText());
        } else {
          double v = p.getDoubleValue();
          if (Numbers.isExactDouble(v, p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
            d.setDouble(t.column(node), row, v);
          } else {
            d.setDecimal(t.column(node), row, new BigDecimal(p.getText()));
          }
        }
        break;
      case JsonTokenId.ID_TRUE:
      case JsonTokenId.ID_FALSE:
        if (stringify) {
          d.setString(t.column(node), row, tok == JsonToken.VALUE_TRUE ? "true" : "false");
        } else {
          d.setBoolean(t.column(node), row, tok == JsonToken.VALUE_TRUE);
        }
        break;
      case JsonTokenId.ID_NULL:
        if (includeNulls) {
          t.column(node);
        }
        break;
      default:
        throw new IllegalStateException("unexpected token " + tok + " at " + p.currentLocation());
    }
  }

  /** Stores a scalar given by its JSON text (SMART replay); the same typing rules as {@link #scalar}. */
  void scalarText(TableState t, PathNode node, int row, JsonToken tok, String text) {
    TableData d = t.data;
    switch (tok.id()) {
      case JsonTokenId.ID_STRING:
        string(t, node, row, text);
        break;
      case JsonTokenId.ID_NUMBER_INT:
        if (stringify) {
          d.setString(t.column(node), row, text);
        } else if (Numbers.fitsLong(text)) {
          d.setLong(t.column(node), row, Long.parseLong(text));
        } else {
          d.setDecimal(t.column(node), row, new BigDecimal(text));
        }
        break;
      case JsonTokenId.ID_NUMBER_FLOAT:
        if (stringify) {
          d.setString(t.column(node), row, text);
        } else {
          double v = Double.parseDouble(text);
          char[] chars = text.toCharArray();
          if (Numbers.isExactDouble(v, chars, 0, chars.length)) {
            d.setDouble(t.column(node), row, v);
          } else {
            d.setDecimal(t.column(node), row, new BigDecimal(text));
          }
        }
        break;
      case JsonTokenId.ID_TRUE:
      case JsonTokenId.ID_FALSE:
        if (stringify) {
          d.setString(t.column(node), row, tok == JsonToken.VALUE_TRUE ? "true" : "false");
        } else {
          d.setBoolean(t.column(node), row, tok == JsonToken.VALUE_TRUE);
        }
        break;
      default: // null
        if (includeNulls) {
          t.column(node);
        }
    }
  }

  private void string(TableState t, PathNode node, int row, String s) {
    if (inferTimestamps && s.length() >= 10 && s.charAt(4) == '-') {
      long v = Temporals.timestamp(s);
      if (v != Temporals.NONE) {
        t.data.setTimestamp(t.column(node), row, v, s);
        return;
      }
      v = Temporals.date(s);
      if (v != Temporals.NONE) {
        t.data.setDate(t.column(node), row, v, s);
        return;
      }
    }
    t.data.setString(t.column(node), row, s);
  }

  private void setJson(TableState t, PathNode node, int row, String json) {
    if (stringify) {
      t.data.setString(t.column(node), row, json);
    } else {
      t.data.setJson(t.column(node), row, json);
    }
  }
}
