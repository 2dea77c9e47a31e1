package io.transmog.io.tck;

import io.transmog.api.table.RowBatch;

/**
 * A {@link RowBatch} for writer tests that hands text out as whole UTF-8 arrays: implement {@link #utf8Bytes} and both
 * UTF-8 getters follow from it. Lets a test batch refuse {@link #getString} for text, proving that the writer copies
 * bytes as it must with the engine's batches, without each test repeating the two getters.
 */
public interface Utf8TextBatch extends RowBatch {
  /**
   * The cell's text as UTF-8 (an unpaired surrogate as {@code ?}, as the {@link RowBatch#getUtf8} contract says).
   *
   * @param column the column index
   * @param row the row index
   * @return the bytes (not modified by the callers), or {@code null} for a null cell
   */
  byte[] utf8Bytes(int column, int row);

  @Override
  default int getUtf8Length(int column, int row) {
    byte[] b = utf8Bytes(column, row);
    return b == null ? -1 : b.length;
  }

  @Override
  default int getUtf8(int column, int row, byte[] dst, int offset) {
    byte[] b = utf8Bytes(column, row);
    if (b == null) {
      return -1;
    }
    System.arraycopy(b, 0, dst, offset, b.length);
    return b.length;
  }
}
