package io.transmog.io.parquet.internal;

import io.transmog.api.table.RowBatch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;

/**
 * Holds one text cell at a time as UTF-8, copied from the batch ({@link RowBatch#getUtf8}) into a reusable buffer, and
 * hands it to Parquet as a <em>reused</em> {@link Binary}: no {@code String}, no byte array and, for values up to
 * {@value #MAX_VIEW_LENGTH} bytes, no {@code Binary} object is allocated per cell. Used by one thread; each result is
 * valid until the next {@link #read}.
 *
 * <p>Why this is safe: a {@code Binary} made with {@link Binary#fromReusedByteArray} tells Parquet that its bytes will
 * change, and Parquet copies whatever it keeps beyond the call (the dictionary's new entries and the statistics'
 * min/max, through {@link Binary#copy()}); plain encoding copies the bytes into the page at once. The earlier code
 * allocated a {@code byte[]} ({@link String#getBytes}) and a {@code Binary} for every text cell, which was 60 % of
 * the writer's allocation; the one before this read every cell as a {@code String} and encoded it, which costs a
 * {@code String} per cell once the batch holds its text as UTF-8.
 *
 * <p>The bytes are the batch's: an unpaired surrogate (possible in JSON through an escaped lone surrogate) arrives as
 * {@code ?}, as {@link String#getBytes} would write it.
 */
final class Utf8Buffer {
  /** The longest value with a cached view; longer values get a new (small) {@code Binary} object each. */
  static final int MAX_VIEW_LENGTH = 512;

  /** Reads 8 bytes as one {@code long}, the first byte lowest, for {@link #hash}. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf = new byte[4 * 1024];
  /** views[n] reads buf[0, n); rebuilt when buf is replaced by a larger array. */
  private Binary[] views = new Binary[MAX_VIEW_LENGTH + 1];
  private int length;

  /**
   * Copies a cell's text into the buffer.
   *
   * @param batch the batch
   * @param column the column index
   * @param row the row index
   * @return the number of bytes, or -1 if the batch holds no text for the cell (a null); the buffer then keeps the
   *     previous value
   */
  int read(RowBatch batch, int column, int row) {
    int n = batch.getUtf8Length(column, row);
    if (n < 0) {
      return -1;
    }
    if (n > buf.length - Long.BYTES) {
      // 8 bytes of slack let hash() read the last, partial word whole
      buf = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(n + (long) Long.BYTES, 2L * buf.length))];
      views = new Binary[MAX_VIEW_LENGTH + 1];
    }
    length = batch.getUtf8(column, row, buf, 0);
    return length;
  }

  /** @return the number of bytes of the last {@link #read} */
  int length() {
    return length;
  }

  /**
   * Tells whether the last {@link #read} holds exactly these bytes.
   *
   * @param bytes a whole array
   * @return whether it equals the buffer's bytes
   */
  boolean contentEquals(byte[] bytes) {
    return Arrays.equals(buf, 0, length, bytes, 0, bytes.length);
  }

  /**
   * Tells whether two buffers hold the same bytes.
   *
   * @param other another buffer
   * @return whether the last reads of both are equal
   */
  boolean contentEquals(Utf8Buffer other) {
    return Arrays.equals(buf, 0, length, other.buf, 0, other.length);
  }

  /**
   * Returns a 64-bit hash of the bytes of the last {@link #read}: 8 bytes at a time, each word mixed in by a multiply
   * and a shift, and MurmurHash3's finalizer at the end, so that every bit of the value reaches every bit of the hash.
   * Values that differ in their first bytes or their length differ in the hash as well.
   *
   * <p>Why not {@link String#hashCode()}'s {@code 31 * h + b}: that is a chain of one multiply-add per byte, while
   * this costs a few operations per 8 bytes; and there is no {@code String} any more.
   *
   * @return the hash
   */
  long hash() {
    byte[] b = buf;
    int n = length;
    long h = n * 0x9E3779B97F4A7C15L;
    int i = 0;
    for (; i <= n - Long.BYTES; i += Long.BYTES) {
      h = mix(h ^ (long) LONGS.get(b, i));
    }
    if (i < n) {
      // the last 1 to 7 bytes, the bytes after the value masked off (read() keeps 8 bytes of slack)
      h = mix(h ^ ((long) LONGS.get(b, i) & (-1L >>> (Long.SIZE - Byte.SIZE * (n - i)))));
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ h >>> 33;
  }

  private static long mix(long h) {
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ h >>> 31;
  }

  /** @return a copy of the bytes of the last {@link #read}, for a value that is kept */
  byte[] copy() {
    return Arrays.copyOf(buf, length);
  }

  /** @return the bytes of the last {@link #read}, as a reused {@code Binary} over this buffer */
  Binary binary() {
    int n = length;
    if (n > MAX_VIEW_LENGTH) {
      return Binary.fromReusedByteArray(buf, 0, n);
    }
    Binary v = views[n];
    if (v == null) {
      v = Binary.fromReusedByteArray(buf, 0, n);
      views[n] = v;
    }
    return v;
  }
}
