package io.transmog.io.parquet.internal;

import io.transmog.api.WriterException;
import io.transmog.api.table.RowBatch;
import io.transmog.io.parquet.internal.ParquetSchemaMapper.ColumnPlan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Pushes one row of a {@link RowBatch} at a time into Parquet's {@link RecordConsumer}: the low-level write path, with
 * no intermediate record object. Each cell is read with the typed getter of its column type, so {@code BOOLEAN},
 * {@code LONG}, {@code DOUBLE}, {@code TIMESTAMP} and {@code DATE} cells are never boxed; a null cell is simply not
 * written (every column is {@code optional}).
 *
 * <p>Values are never changed: a decimal is rescaled with {@link BigDecimal#setScale(int)} (no rounding mode, so an
 * inexact rescale fails), and text must be valid Unicode (an unpaired surrogate fails instead of turning into
 * {@code ?}). Such failures throw a {@link WriterException} naming the table, file, column and row. Used by one thread.
 */
final class RowBatchWriteSupport extends WriteSupport<RowBatchWriteSupport.Cursor> {
  /** Writer model name recorded in the footer ({@code writer.model.name}). */
  static final String MODEL_NAME = "transmog";
  /** Footer key-value metadata key holding the table name. */
  static final String TABLE_KEY = "transmog.table";

  /** The row to write next; one instance is reused for every row, so writing allocates nothing per row. */
  static final class Cursor {
    RowBatch batch;
    int row;
  }

  private final String where;
  private final ColumnPlan[] plans;
  private final MessageType messageType;
  private final Map<String, String> metadata;
  private RecordConsumer consumer;

  /**
   * Creates the write support.
   *
   * @param where "table t (path)", the prefix of every error message
   * @param table the table name, recorded in the footer
   * @param plans the column plans
   */
  RowBatchWriteSupport(String where, String table, ColumnPlan[] plans) {
    this.where = where;
    this.plans = plans;
    this.messageType = ParquetSchemaMapper.messageType(plans);
    this.metadata = Map.of(TABLE_KEY, table);
  }

  MessageType messageType() {
    return messageType;
  }

  /** Never called: the writer is built with a {@code ParquetConfiguration}, see {@link #init(ParquetConfiguration)}. */
  @Override
  @Deprecated
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    return new WriteContext(messageType, metadata);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    // Overridden because the inherited version converts to a Hadoop Configuration, loading Hadoop.
    return new WriteContext(messageType, metadata);
  }

  @Override
  public String getName() {
    return MODEL_NAME;
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Cursor cursor) {
    RowBatch batch = cursor.batch;
    int row = cursor.row;
    RecordConsumer rc = consumer;
    rc.startMessage();
    for (int c = 0; c < plans.length; c++) {
      if (batch.isNull(c, row)) {
        continue;
      }
      ColumnPlan plan = plans[c];
      rc.startField(plan.name(), c);
      switch (plan.kind()) {
        case BOOLEAN:
          rc.addBoolean(batch.getBoolean(c, row));
          break;
        case INT64:
          // LONG, and TIMESTAMP as microseconds since the epoch (UTC)
          rc.addLong(batch.getLong(c, row));
          break;
        case DOUBLE:
          rc.addDouble(batch.getDouble(c, row));
          break;
        case DATE:
          rc.addInteger(days(batch.getLong(c, row), plan, row));
          break;
        case DECIMAL_INT32:
          rc.addInteger(unscaled(batch, c, row, plan).intValueExact());
          break;
        case DECIMAL_INT64:
          rc.addLong(unscaled(batch, c, row, plan).longValueExact());
          break;
        case DECIMAL_FIXED:
          rc.addBinary(Binary.fromConstantByteArray(fixed(unscaled(batch, c, row, plan), plan.fixedLength())));
          break;
        default:
          // TEXT (STRING, JSON) and DECIMAL_TEXT: the cell's text; getString gives decimals in plain form
          rc.addBinary(utf8(batch.getString(c, row), plan, row));
          break;
      }
      rc.endField(plan.name(), c);
    }
    rc.endMessage();
  }

  private int days(long days, ColumnPlan plan, int row) {
    if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
      throw new WriterException(where + ": column " + plan.name() + ", row " + row + " of the batch: date " + days
          + " days from 1970-01-01 does not fit Parquet's 32-bit DATE");
    }
    return (int) days;
  }

  /** The unscaled value at the column's scale; fails rather than round, and checks the column's precision. */
  private BigInteger unscaled(RowBatch batch, int c, int row, ColumnPlan plan) {
    BigDecimal value = batch.getDecimal(c, row);
    BigDecimal scaled;
    try {
      scaled = value.setScale(plan.scale()); // no RoundingMode: throws if digits would be dropped
    } catch (ArithmeticException e) {
      throw notRepresentable(value, plan, row, e);
    }
    if (scaled.precision() > plan.precision()) {
      throw notRepresentable(value, plan, row, null);
    }
    return scaled.unscaledValue();
  }

  private WriterException notRepresentable(BigDecimal value, ColumnPlan plan, int row, Exception cause) {
    return new WriterException(where + ": column " + plan.name() + ", row " + row + " of the batch: "
        + value.toPlainString() + " cannot be stored exactly as DECIMAL(" + plan.precision() + "," + plan.scale()
        + ")", cause);
  }

  /** Big-endian two's complement, sign-extended to exactly {@code length} bytes, as Parquet's DECIMAL requires. */
  static byte[] fixed(BigInteger unscaled, int length) {
    byte[] minimal = unscaled.toByteArray();
    if (minimal.length == length) {
      return minimal;
    }
    // The precision check guarantees minimal.length <= length.
    byte[] out = new byte[length];
    Arrays.fill(out, 0, length - minimal.length, unscaled.signum() < 0 ? (byte) 0xFF : 0);
    System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
    return out;
  }

  /**
   * Encodes text as UTF-8, refusing unpaired surrogates: {@link String#getBytes} would silently write {@code ?}
   * for them. The scan is cheap next to the encoding and finds nothing in valid text.
   */
  private Binary utf8(String text, ColumnPlan plan, int row) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char ch = text.charAt(i);
      if (Character.isSurrogate(ch)) {
        if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          throw new WriterException(where + ": column " + plan.name() + ", row " + row + " of the batch: the text "
              + "is not valid Unicode (an unpaired surrogate at index " + i + ")");
        }
      }
    }
    return Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
  }
}
