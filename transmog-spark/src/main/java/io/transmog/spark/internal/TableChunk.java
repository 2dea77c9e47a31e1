package io.transmog.spark.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Rows of one table from one chunk, already converted to the agreed {@link Layout}: columnar, one typed array per
 * column, as the element of the RDD that feeds every table's {@code Dataset<Row>}.
 *
 * <p>Why columnar rather than Spark {@code Row}s: a chunk is what Spark caches between writing one table and the next,
 * and every table's job reads every chunk back. A chunk serializes as one byte array (strings as UTF-8, primitives as
 * longs, nulls as bits) and decodes it only when its rows are asked for, so the jobs of the other tables skip it at
 * the cost of a copy, where a {@code Row} per row would cost an object graph per row to read. Rows are made on the fly
 * by {@link #rows()}.
 *
 * <p>Not modified once built (decoding is internal); about 8 bytes per primitive cell plus the UTF-8 text.
 */
public final class TableChunk implements Serializable {
  private static final long serialVersionUID = 2L;

  /** A column's representation in a chunk. */
  enum Kind {
    /** Not in this chunk: every cell is null. */
    ABSENT,
    LONG,
    DOUBLE,
    BOOLEAN,
    /** Epoch microseconds, read as {@link Instant}. */
    TIMESTAMP,
    /** Epoch days, read as {@link LocalDate}. */
    DATE,
    /** {@link String}s or {@link BigDecimal}s. */
    REF
  }

  /** The pseudo-table of rejected records. */
  static final int REJECTS = -1;

  /** The table's index in the layout, or {@link #REJECTS} for rejected records. */
  int table;
  int rows;
  private transient Kind[] kinds;
  private transient long[][] prims;
  private transient Object[][] refs;
  private transient boolean[][] nulls;
  /** The serialized columns of a chunk read back, until they are first needed. */
  private transient byte[] encoded;

  TableChunk(int table, int rows, int columns) {
    this.table = table;
    this.rows = rows;
    this.kinds = new Kind[columns];
    java.util.Arrays.fill(kinds, Kind.ABSENT);
    this.prims = new long[columns][];
    this.refs = new Object[columns][];
    this.nulls = new boolean[columns][];
  }

  /** @return the table's index in the layout, or -1 for rejected records */
  public int table() {
    return table;
  }

  /** @return the number of rows */
  public int rowCount() {
    return rows;
  }

  void setPrims(int column, Kind kind, long[] values, boolean[] isNull) {
    kinds[column] = kind;
    prims[column] = values;
    nulls[column] = isNull;
  }

  void setRefs(int column, Object[] values) {
    kinds[column] = Kind.REF;
    refs[column] = values;
  }

  /**
   * The value of one cell as Spark's {@code Row} holds it: {@link Long}, {@link Double}, {@link Boolean},
   * {@link String}, {@link BigDecimal}, {@link Instant}, {@link LocalDate} or {@code null}.
   */
  Object value(int column, int row) {
    decode();
    switch (kinds[column]) {
      case ABSENT:
        return null;
      case REF:
        return refs[column][row];
      default:
        break;
    }
    if (nulls[column][row]) {
      return null;
    }
    long v = prims[column][row];
    switch (kinds[column]) {
      case LONG:
        return v;
      case DOUBLE:
        return Double.longBitsToDouble(v);
      case BOOLEAN:
        return v != 0;
      case TIMESTAMP:
        return Instant.EPOCH.plus(v, java.time.temporal.ChronoUnit.MICROS);
      case DATE:
        return LocalDate.ofEpochDay(v);
      default:
        throw new IllegalStateException(kinds[column].name());
    }
  }

  /** @return the chunk's rows as Spark rows, made one by one */
  public Iterator<Row> rows() {
    decode();
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < rows;
      }

      @Override
      public Row next() {
        if (next >= rows) {
          throw new NoSuchElementException();
        }
        Object[] values = new Object[kinds.length];
        for (int c = 0; c < values.length; c++) {
          values[c] = value(c, next);
        }
        next++;
        return RowFactory.create(values);
      }
    };
  }

  // ---- serialization: one byte array, decoded on first use -------------------------------------------------------

  private static final byte NULL_REF = 0;
  private static final byte STRING_REF = 1;
  private static final byte DECIMAL_REF = 2;
  /** The same string as the previous row's (the processing-time column, repeated values). */
  private static final byte SAME_REF = 3;

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeInt(table);
    out.writeInt(rows);
    if (encoded != null) {
      out.writeObject(encoded);
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rows * kinds.length * 8);
    DataOutputStream d = new DataOutputStream(bytes);
    d.writeInt(kinds.length);
    for (int c = 0; c < kinds.length; c++) {
      d.writeByte(kinds[c].ordinal());
      switch (kinds[c]) {
        case ABSENT:
          break;
        case REF: {
          Object previous = null;
          for (Object v : refs[c]) {
            if (v == null) {
              d.writeByte(NULL_REF);
            } else if (v == previous || v.equals(previous)) {
              d.writeByte(SAME_REF);
            } else if (v instanceof BigDecimal b) {
              d.writeByte(DECIMAL_REF);
              writeText(d, b.toString());
            } else {
              d.writeByte(STRING_REF);
              writeText(d, (String) v);
            }
            previous = v == null ? previous : v;
          }
          break;
        }
        default: {
          boolean[] n = nulls[c];
          for (int r = 0; r < rows; r++) {
            d.writeBoolean(n[r]);
            if (!n[r]) {
              d.writeLong(prims[c][r]);
            }
          }
        }
      }
    }
    d.flush();
    out.writeObject(bytes.toByteArray());
  }

  private static void writeText(DataOutputStream d, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.writeInt(b.length);
    d.write(b);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    table = in.readInt();
    rows = in.readInt();
    encoded = (byte[]) in.readObject();
  }

  private void decode() {
    if (encoded == null) {
      return;
    }
    try (DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
      int columns = d.readInt();
      kinds = new Kind[columns];
      prims = new long[columns][];
      refs = new Object[columns][];
      nulls = new boolean[columns][];
      Kind[] all = Kind.values();
      for (int c = 0; c < columns; c++) {
        kinds[c] = all[d.readByte()];
        switch (kinds[c]) {
          case ABSENT:
            break;
          case REF: {
            Object[] values = new Object[rows];
            Object previous = null;
            for (int r = 0; r < rows; r++) {
              byte tag = d.readByte();
              if (tag == SAME_REF) {
                values[r] = previous;
              } else if (tag != NULL_REF) {
                byte[] b = new byte[d.readInt()];
                d.readFully(b);
                String s = new String(b, StandardCharsets.UTF_8);
                values[r] = tag == DECIMAL_REF ? new BigDecimal(s) : s;
                previous = values[r];
              }
            }
            refs[c] = values;
            break;
          }
          default: {
            long[] values = new long[rows];
            boolean[] n = new boolean[rows];
            for (int r = 0; r < rows; r++) {
              n[r] = d.readBoolean();
              if (!n[r]) {
                values[r] = d.readLong();
              }
            }
            prims[c] = values;
            nulls[c] = n;
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("a cached chunk of table " + table + " cannot be read", e);
    }
    encoded = null;
  }
}
