package io.transmog.io.parquet.internal;

import io.transmog.api.table.RowBatch;
import io.transmog.io.parquet.internal.ParquetSchemaMapper.ColumnPlan;
import java.util.Arrays;

/**
 * Looks at a column's first values (from the first batch) to tell whether they repeat. Run once per file, before the
 * Parquet writer is built; allocates, but never per row of the data (text is compared as the UTF-8 bytes the batch
 * hands over, without a {@code String} per value).
 *
 * <p>Why: Parquet Java dictionary-encodes every column and falls back to plain encoding only once a column's
 * dictionary grows past the page size or does not pay off at the first page (up to 20,000 rows). For a column whose
 * values never repeat (generated IDs, parent IDs of one-row children, emails, timestamps with microseconds) every one
 * of those values is hashed, compared against colliding entries and copied into a dictionary that is then thrown
 * away, in every row group. If the first {@value #MIN_SAMPLE} or more values are all distinct, the column has, with
 * overwhelming likelihood, far more distinct values than a dictionary page can hold: a column with D distinct values
 * shows no repeat among n draws with probability about exp(-n²/2D), which is below e<sup>-10</sup> for n = 1,000 and
 * D = 50,000, while a dictionary page of 1 MiB holds at most about 100,000 entries of even the shortest text. Such a
 * column is written without a dictionary from the start, as Parquet would have ended up writing it anyway.
 */
final class ColumnSample {
  /** Fewer non-null values than this in the first batch say too little; Parquet's own rule then decides. */
  static final int MIN_SAMPLE = 1000;
  /** At most this many values are looked at. */
  static final int MAX_SAMPLE = 4096;

  /** The verdict on one column. */
  enum Verdict {
    /** Too few values (or a type not sampled): leave the choice to Parquet. */
    UNKNOWN,
    /** Some value repeats: a dictionary is worth trying. */
    REPEATS,
    /** All sampled values differ: no dictionary. */
    DISTINCT
  }

  private ColumnSample() {}

  /**
   * Samples one column of a batch.
   *
   * @param batch the first batch of the file
   * @param column the column index
   * @param plan how the column is written
   * @return the verdict; {@link Verdict#UNKNOWN} for kinds that are not sampled (booleans, dates, decimals)
   */
  static Verdict of(RowBatch batch, int column, ColumnPlan plan) {
    switch (plan.kind()) {
      case TEXT:
      case DECIMAL_TEXT:
        return text(batch, column);
      case INT64:
        return longs(batch, column, false);
      case DOUBLE:
        return longs(batch, column, true);
      default:
        return Verdict.UNKNOWN;
    }
  }

  /**
   * Text by its UTF-8 bytes, as the writer stores it: a table of the sampled values' 64-bit hashes and rows. A hash
   * seen before is checked by reading the earlier row's bytes again and comparing, so the verdict is exact; the
   * values themselves are not kept (a column of long texts would hold up to {@value #MAX_SAMPLE} of them).
   */
  private static Verdict text(RowBatch batch, int column) {
    Utf8Buffer value = new Utf8Buffer();
    Utf8Buffer earlier = null;
    // a power of two at least twice the values sampled: at most half full
    int mask = (Integer.highestOneBit(Math.max(1, Math.min(MAX_SAMPLE, batch.rowCount()))) << 2) - 1;
    long[] hashes = new long[mask + 1];
    int[] rows = new int[mask + 1]; // row + 1, 0 when empty
    int n = 0;
    for (int r = 0, count = batch.rowCount(); r < count && n < MAX_SAMPLE; r++) {
      if (batch.isNull(column, r) || value.read(batch, column, r) < 0) {
        continue;
      }
      n++;
      long h = value.hash();
      int i = (int) h & mask;
      for (; rows[i] != 0; i = (i + 1) & mask) {
        if (hashes[i] == h) {
          if (earlier == null) {
            earlier = new Utf8Buffer();
          }
          earlier.read(batch, column, rows[i] - 1);
          if (value.contentEquals(earlier)) {
            return Verdict.REPEATS;
          }
        }
      }
      hashes[i] = h;
      rows[i] = r + 1;
    }
    return n >= MIN_SAMPLE ? Verdict.DISTINCT : Verdict.UNKNOWN;
  }

  private static Verdict longs(RowBatch batch, int column, boolean doubles) {
    long[] values = new long[Math.min(MAX_SAMPLE, batch.rowCount())];
    int n = 0;
    for (int r = 0, rows = batch.rowCount(); r < rows && n < values.length; r++) {
      if (!batch.isNull(column, r)) {
        // doubles by their bits, as Parquet's dictionary tells them apart
        values[n++] = doubles ? Double.doubleToLongBits(batch.getDouble(column, r)) : batch.getLong(column, r);
      }
    }
    Arrays.sort(values, 0, n);
    for (int i = 1; i < n; i++) {
      if (values[i] == values[i - 1]) {
        return Verdict.REPEATS;
      }
    }
    return n >= MIN_SAMPLE ? Verdict.DISTINCT : Verdict.UNKNOWN;
  }
}
