package io.transmog.io.parquet.internal;

import io.transmog.api.WriterException;
import io.transmog.api.table.RowBatch;
import io.transmog.io.parquet.internal.ParquetSchemaMapper.ColumnPlan;
import io.transmog.io.parquet.internal.ParquetSchemaMapper.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes the cells of a {@link RowBatch} into the column writers of a {@link ParquetRowWriter}, one row at a time, with
 * no intermediate record object. Each cell is read with the typed getter of its column type, so {@code BOOLEAN},
 * {@code LONG}, {@code DOUBLE}, {@code TIMESTAMP} and {@code DATE} cells are never boxed; a null cell is a null of its
 * optional column.
 *
 * <p>Text cells ({@code STRING}, {@code JSON}, and decimals too wide for a fixed-size decimal) are copied as UTF-8
 * from the batch ({@link RowBatch#getUtf8}) into one reused buffer ({@link Utf8Buffer}), never read as a
 * {@code String}, and in columns whose values repeat looked up in a {@link ValueCache}, so that writing a text cell
 * allocates nothing in the common case.
 *
 * <p>Values are never changed: a decimal is rescaled with {@link BigDecimal#setScale(int)} (no rounding mode, so an
 * inexact rescale fails); such failures throw a {@link WriterException} naming the table, file, column and row. Text is
 * written as the batch's UTF-8 bytes, where an unpaired surrogate is already {@code ?}. Used by one thread.
 */
final class CellWriter {
  /** Writer model name recorded in the footer ({@code writer.model.name}). */
  static final String MODEL_NAME = "transmog";
  /** Footer key-value metadata key holding the table name. */
  static final String TABLE_KEY = "transmog.table";

  /** Repetition level of every value: no column repeats. */
  private static final int R = 0;
  /** Definition level of a present value of an optional top-level column. */
  private static final int PRESENT = 1;
  /** Definition level of a null. */
  private static final int NULL = 0;

  private final String where;
  private final ColumnPlan[] plans;
  private final Kind[] kinds;
  /** Every text cell is encoded here; Parquet copies what it keeps, see {@link Utf8Buffer}. */
  private final Utf8Buffer text8 = new Utf8Buffer();
  /** Per column: the cache of a text column whose values repeat, else null (see {@link ValueCache}). */
  private final ValueCache[] caches;

  /**
   * Creates the cell writer.
   *
   * @param where "table t (path)", the prefix of every error message
   * @param plans the column plans
   */
  CellWriter(String where, ColumnPlan[] plans) {
    this.where = where;
    this.plans = plans;
    this.kinds = new Kind[plans.length];
    for (int c = 0; c < plans.length; c++) {
      kinds[c] = plans[c].kind();
    }
    this.caches = new ValueCache[plans.length];
  }

  /**
   * Gives a text column a {@link ValueCache}; called before the first row, for columns whose first values repeat and
   * that are dictionary-encoded.
   *
   * @param column the column index
   */
  void cacheValues(int column) {
    if (kinds[column] == Kind.TEXT) {
      caches[column] = new ValueCache();
    }
  }

  /**
   * Writes every row of a batch.
   *
   * @param batch the rows
   * @param out the file; its column writers change when a row group is flushed, but the array holding them does not
   * @throws IOException if a row group cannot be written
   */
  void write(RowBatch batch, ParquetRowWriter out) throws IOException {
    ColumnWriter[] w = out.columns();
    Kind[] k = kinds;
    for (int row = 0, rows = batch.rowCount(); row < rows; row++) {
      for (int c = 0; c < k.length; c++) {
        ColumnWriter cw = w[c];
        if (batch.isNull(c, row)) {
          cw.writeNull(R, NULL);
          continue;
        }
        switch (k[c]) {
          case BOOLEAN:
            cw.write(batch.getBoolean(c, row), R, PRESENT);
            break;
          case INT64:
            // LONG, and TIMESTAMP as microseconds since the epoch (UTC)
            cw.write(batch.getLong(c, row), R, PRESENT);
            break;
          case DOUBLE:
            cw.write(batch.getDouble(c, row), R, PRESENT);
            break;
          case TEXT:
          case DECIMAL_TEXT:
            // STRING and JSON; DECIMAL_TEXT as the decimal's plain form, which is its text
            Binary text = text(batch, c, row);
            if (text == null) {
              cw.writeNull(R, NULL); // the batch had no text for the cell after all
            } else {
              cw.write(text, R, PRESENT);
            }
            break;
          case DATE:
            cw.write(days(batch.getLong(c, row), plans[c], row), R, PRESENT);
            break;
          case DECIMAL_INT32:
            cw.write(unscaled(batch, c, row, plans[c]).intValueExact(), R, PRESENT);
            break;
          case DECIMAL_INT64:
            cw.write(unscaled(batch, c, row, plans[c]).longValueExact(), R, PRESENT);
            break;
          case DECIMAL_FIXED:
            cw.write(Binary.fromConstantByteArray(fixed(unscaled(batch, c, row, plans[c]), plans[c].fixedLength())),
                R, PRESENT);
            break;
          default:
            throw new IllegalStateException("no writer for " + k[c]);
        }
      }
      out.endRow();
    }
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
   * A text cell's UTF-8 bytes as a {@code Binary}: the cached one when the column has a cache that holds the value,
   * else a reused view of the buffer (see {@link Utf8Buffer}).
   *
   * @return the bytes, or {@code null} if the batch has no text for the cell
   */
  private Binary text(RowBatch batch, int c, int row) {
    if (text8.read(batch, c, row) < 0) {
      return null;
    }
    ValueCache cache = caches[c];
    if (cache == null) {
      return text8.binary();
    }
    Binary cached = cache.get(text8);
    if (cache.retired()) {
      caches[c] = null; // too many distinct values: the cache is dropped for the rest of the file
    }
    if (cached != null) {
      return cached;
    }
    return cache.admit(text8);
  }
}
