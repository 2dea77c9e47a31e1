package io.transmog.io.arrow.internal;

import io.transmog.api.WriterException;
import io.transmog.api.table.Column;
import io.transmog.api.table.RowBatch;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Copies one column of {@link RowBatch}es into the Arrow vector of the record batch being built, with the typed getter
 * of the column's type (primitives are never boxed). One per column and writer; not thread-safe.
 *
 * <p>{@link #fill} copies a run of rows to a run of vector positions. Text columns count the UTF-8 bytes of the current
 * batch and stop early at a limit (see {@link ArrowTableWriter}), so that no {@code utf8} buffer of a batch can pass
 * the 2 GiB that Arrow's 32-bit offsets address.
 */
abstract class ColumnFiller implements AutoCloseable {
  /** Initial value capacity of every vector; vectors double as needed and keep their size across batches. */
  static final int INITIAL_CAPACITY = 1024;

  final Column column;
  final int index;
  final String where;

  ColumnFiller(Column column, int index, String where) {
    this.column = column;
    this.index = index;
    this.where = where;
  }

  /** @return the vector in the record batch (for a dictionary column, its index vector) */
  abstract FieldVector vector();

  /**
   * Copies rows {@code [from, from + count)} of a batch to positions {@code [pos, pos + count)}.
   *
   * @param batch the batch
   * @param from the first row of the batch
   * @param pos the first position in the vector
   * @param count the number of rows
   * @param firstRow the number, in the file, of the row at {@code pos} (for messages)
   * @return how many rows were copied: {@code count}, or fewer when a text column reached its per-batch limit (never
   *     0 when {@code pos} is 0)
   * @throws WriterException naming the table, file, column and row if a value cannot be stored exactly
   */
  abstract int fill(RowBatch batch, int from, int pos, int count, long firstRow);

  /** Empties the vector for the next record batch, keeping its memory. */
  void resetBatch() {
    vector().reset();
  }

  @Override
  public void close() {
    vector().close();
  }

  final WriterException fail(long row, String message) {
    return new WriterException(where + ": column " + column.name() + ", row " + row + ": " + message);
  }

  final WriterException fail(long row, String message, Throwable cause) {
    return new WriterException(where + ": column " + column.name() + ", row " + row + ": " + message, cause);
  }

  static void ensureCapacity(BaseFixedWidthVector vector, int size) {
    while (vector.getValueCapacity() < size) {
      vector.reAlloc();
    }
  }

  static <V extends FieldVector> V allocate(V vector) {
    vector.setInitialCapacity(INITIAL_CAPACITY);
    vector.allocateNew();
    return vector;
  }

  /** {@code BOOLEAN} to {@code bool}. */
  static final class Booleans extends ColumnFiller {
    private final BitVector vector;

    Booleans(Column column, int index, String where, Field field, BufferAllocator allocator) {
      super(column, index, where);
      this.vector = allocate((BitVector) field.createVector(allocator));
    }

    @Override
    FieldVector vector() {
      return vector;
    }

    @Override
    int fill(RowBatch batch, int from, int pos, int count, long firstRow) {
      ensureCapacity(vector, pos + count);
      for (int i = 0; i < count; i++) {
        int r = from + i;
        if (batch.isNull(index, r)) {
          vector.setNull(pos + i);
        } else {
          vector.set(pos + i, batch.getBoolean(index, r) ? 1 : 0);
        }
      }
      return count;
    }
  }

  /** {@code LONG} to {@code int64}. */
  static final class Longs extends ColumnFiller {
    private final BigIntVector vector;

    Longs(Column column, int index, String where, Field field, BufferAllocator allocator) {
      super(column, index, where);
      this.vector = allocate((BigIntVector) field.createVector(allocator));
    }

    @Override
    FieldVector vector() {
      return vector;
    }

    @Override
    int fill(RowBatch batch, int from, int pos, int count, long firstRow) {
      ensureCapacity(vector, pos + count);
      for (int i = 0; i < count; i++) {
        int r = from + i;
        if (batch.isNull(index, r)) {
          vector.setNull(pos + i);
        } else {
          vector.set(pos + i, batch.getLong(index, r));
        }
      }
      return count;
    }
  }

  /** {@code TIMESTAMP} (microseconds since the epoch, UTC) to {@code timestamp[us, tz=UTC]}. */
  static final class Timestamps extends ColumnFiller {
    private final TimeStampVector vector;

    Timestamps(Column column, int index, String where, Field field, BufferAllocator allocator) {
      super(column, index, where);
      this.vector = allocate((TimeStampVector) field.createVector(allocator));
    }

    @Override
    FieldVector vector() {
      return vector;
    }

    @Override
    int fill(RowBatch batch, int from, int pos, int count, long firstRow) {
      ensureCapacity(vector, pos + count);
      for (int i = 0; i < count; i++) {
        int r = from + i;
        if (batch.isNull(index, r)) {
          vector.setNull(pos + i);
        } else {
          vector.set(pos + i, batch.getLong(index, r));
        }
      }
      return count;
    }
  }

  /** {@code DOUBLE} to {@code double}. */
  static final class Doubles extends ColumnFiller {
    private final Float8Vector vector;

    Doubles(Column column, int index, String where, Field field, BufferAllocator allocator) {
      super(column, index, where);
      this.vector = allocate((Float8Vector) field.createVector(allocator));
    }

    @Override
    FieldVector vector() {
      return vector;
    }

    @Override
    int fill(RowBatch batch, int from, int pos, int count, long firstRow) {
      ensureCapacity(vector, pos + count);
      for (int i = 0; i < count; i++) {
        int r = from + i;
        if (batch.isNull(index, r)) {
          vector.setNull(pos + i);
        } else {
          vector.set(pos + i, batch.getDouble(index, r));
        }
      }
      return count;
    }
  }

  /** {@code DATE} (days since 1970-01-01) to {@code date32[day]}. */
  static final class Dates extends ColumnFiller {
    private final DateDayVector vector;

    Dates(Column column, int index, String where, Field field, BufferAllocator allocator) {
      super(column, index, where);
      this.vector = allocate((DateDayVector) field.createVector(allocator));
    }

    @Override
    FieldVector vector() {
      return vector;
    }

    @Override
    int fill(RowBatch batch, int from, int pos, int count, long firstRow) {
      ensureCapacity(vector, pos + count);
      for (int i = 0; i < count; i++) {
        int r = from + i;
        if (batch.isNull(index, r)) {
          vector.setNull(pos + i);
        } else {
          long days = batch.getLong(index, r);
          if (days != (int) days) {
            throw fail(firstRow + i, "the date " + days + " days from 1970-01-01 is outside Arrow date32's range");
          }
          vector.set(pos + i, (int) days);
        }
      }
      return count;
    }
  }

  /** {@code DECIMAL} with precision 1 to 38 to {@code decimal128(precision, scale)}, exactly or not at all. */
  static final class Decimals extends ColumnFiller {
    private final DecimalVector vector;
    private final int precision;
    private final int scale;

    Decimals(Column column, int index, String where, Field field, BufferAllocator allocator) {
      super(column, index, where);
      this.vector = allocate((DecimalVector) field.createVector(allocator));
      this.precision = column.precision();
      this.scale = column.scale();
    }

    @Override
    FieldVector vector() {
      return vector;
    }

    @Override
    int fill(RowBatch batch, int from, int pos, int count, long firstRow) {
      ensureCapacity(vector, pos + count);
      for (int i = 0; i < count; i++) {
        int r = from + i;
        BigDecimal value = batch.isNull(index, r) ? null : batch.getDecimal(index, r);
        if (value == null) {
          vector.setNull(pos + i);
          continue;
        }
        BigDecimal scaled;
        try {
          // no rounding mode: a value with more fractional digits than the column's scale throws instead of rounding
          scaled = value.setScale(scale);
        } catch (ArithmeticException e) {
          throw fail(firstRow + i, "the value " + value.toPlainString() + " has more than " + scale
              + " digits after the point, so decimal128(" + precision + ", " + scale + ") cannot hold it without "
              + "rounding, and the writer never rounds", e);
        }
        if (scaled.precision() > precision) {
          throw fail(firstRow + i, "the value " + value.toPlainString() + " needs " + scaled.precision()
              + " digits at scale " + scale + ", more than the column's precision " + precision);
        }
        vector.set(pos + i, scaled);
      }
      return count;
    }
  }

  /**
   * {@code STRING}, {@code JSON} and wide {@code DECIMAL} to {@code utf8}: the text of the value. {@code STRING} and
   * {@code JSON} cells are copied as the UTF-8 bytes the batch holds ({@link RowBatch#getUtf8}, no {@code String} per
   * cell) into the writer's reused buffer, and from there into the vector.
   */
  static final class Texts extends ColumnFiller {
    private final VarCharVector vector;
    private final Utf8Encoder utf8;
    private final boolean decimalText;
    private final long batchLimit;
    private long batchBytes;

    Texts(Column column, int index, String where, Field field, BufferAllocator allocator, Utf8Encoder utf8,
        long batchLimit) {
      super(column, index, where);
      this.vector = allocate((VarCharVector) field.createVector(allocator));
      this.utf8 = utf8;
      this.decimalText = column.type() == io.transmog.api.table.ColumnType.DECIMAL;
      this.batchLimit = batchLimit;
    }

    @Override
    FieldVector vector() {
      return vector;
    }

    @Override
    int fill(RowBatch batch, int from, int pos, int count, long firstRow) {
      for (int i = 0; i < count; i++) {
        int r = from + i;
        int length = -1;
        if (!batch.isNull(index, r)) {
          if (decimalText) {
            BigDecimal d = batch.getDecimal(index, r);
            length = d == null ? -1 : encode(d.toPlainString(), firstRow + i);
          } else {
            length = utf8.read(batch, index, r);
          }
        }
        if (length < 0) {
          vector.setNull(pos + i);
          continue;
        }
        if (batchBytes + length > batchLimit && pos + i > 0) {
          return i; // the batch is full of text: the caller writes it and continues from this row
        }
        vector.setSafe(pos + i, utf8.bytes(), 0, length);
        batchBytes += length;
      }
      return count;
    }

    private int encode(String text, long row) {
      try {
        return utf8.encode(text);
      } catch (CharacterCodingException e) {
        throw fail(row, e.getMessage(), e);
      }
    }

    @Override
    void resetBatch() {
      super.resetBatch();
      batchBytes = 0;
    }
  }

  /**
   * {@code STRING} to {@code dictionary<values=utf8, indices=int32>}: each distinct value gets an index, and rows hold
   * indexes. Values are read with {@link RowBatch#getString} and kept as the map's keys (dictionary encoding is an
   * option, off by default); a new value is encoded once, when it enters the dictionary. Two scopes, one per IPC
   * format (see {@link IpcWriters}):
   *
   * <ul>
   *   <li><b>whole file</b> (file format): one dictionary for the file, written after the last record batch; every
   *       distinct value is kept until then;
   *   <li><b>per batch</b> (stream format): each record batch gets the dictionary of its own values, written as a
   *       (replacement) dictionary batch before it unless it equals the previous one; memory is bounded by the batch.
   * </ul>
   */
  static final class DictionaryTexts extends ColumnFiller {
    private final IntVector indices;
    private final VarCharVector values;
    private final Dictionary dictionary;
    /** Index of each value in {@link #values}; insertion order is the index order. */
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private final Utf8Encoder utf8;
    private final boolean wholeFile;
    private final long limit;
    private long bytes;
    private boolean written;
    private List<String> previous = List.of();

    /**
     * @param wholeFile whether the dictionary spans the whole file (file format) rather than one batch
     * @param limit for a whole-file dictionary, the bytes of distinct values beyond which the write fails (it is one
     *     {@code utf8} buffer); per batch, the bytes after which a record batch ends early
     */
    DictionaryTexts(Column column, int index, String where, Field field, BufferAllocator allocator, Utf8Encoder utf8,
        boolean wholeFile, long limit) {
      super(column, index, where);
      DictionaryEncoding encoding = field.getDictionary();
      this.indices = allocate((IntVector) field.createVector(allocator));
      this.values = allocate((VarCharVector) new Field(column.name(),
          FieldType.nullable(ArrowType.Utf8.INSTANCE), null).createVector(allocator));
      this.dictionary = new Dictionary(values, encoding);
      this.utf8 = utf8;
      this.wholeFile = wholeFile;
      this.limit = limit;
    }

    @Override
    FieldVector vector() {
      return indices;
    }

    /** @return the dictionary, whose vector holds the values of this batch (per batch) or of the file (whole file) */
    Dictionary dictionary() {
      return dictionary;
    }

    /**
     * Per batch: whether a dictionary batch is due before the record batch, i.e. the first one (even if empty: a
     * stream reader expects every dictionary before the first record batch), or one that differs from the last.
     */
    boolean dictionaryBatchDue() {
      return !written || !previous.equals(new ArrayList<>(ids.keySet()));
    }

    /** Sets the value vector's length before it is written. */
    void prepareDictionaryBatch() {
      values.setValueCount(ids.size());
    }

    /** Marks the dictionary written. */
    void dictionaryBatchWritten() {
      written = true;
      if (!wholeFile) {
        previous = new ArrayList<>(ids.keySet());
      }
    }

    @Override
    void resetBatch() {
      super.resetBatch();
      if (!wholeFile) {
        // the next batch starts its own dictionary
        ids.clear();
        values.reset();
        bytes = 0;
      }
    }

    @Override
    int fill(RowBatch batch, int from, int pos, int count, long firstRow) {
      ensureCapacity(indices, pos + count);
      for (int i = 0; i < count; i++) {
        int r = from + i;
        String text = batch.isNull(index, r) ? null : batch.getString(index, r);
        if (text == null) {
          indices.setNull(pos + i);
          continue;
        }
        Integer id = ids.get(text);
        if (id == null) {
          int length;
          try {
            length = utf8.encode(text);
          } catch (CharacterCodingException e) {
            throw fail(firstRow + i, e.getMessage(), e);
          }
          if (bytes + length > limit) {
            if (wholeFile) {
              throw fail(firstRow + i, "the distinct values of this dictionary-encoded column pass " + limit
                  + " bytes, more than one Arrow dictionary should hold; write it with dictionary=false (dictionary "
                  + "encoding pays only for columns with few distinct values) or ipcFormat=stream");
            }
            if (pos + i > 0) {
              return i; // the batch is full of text: the caller writes it and continues from this row
            }
          }
          id = ids.size();
          ids.put(text, id);
          values.setSafe(id, utf8.bytes(), 0, length);
          bytes += length;
        }
        indices.set(pos + i, id);
      }
      return count;
    }

    @Override
    public void close() {
      indices.close();
      values.close();
    }
  }
}
