package io.transmog.api.spi;

import io.transmog.api.table.RowBatch;

/**
 * Writes the rows of one table to one file. Used by one thread at a time. See the package documentation for the
 * contract on atomic publication and on {@link #abort()}.
 */
public interface TableWriter extends AutoCloseable {
  /**
   * Writes all rows of a batch. The batch is only valid during this call.
   *
   * @param batch rows conforming to the writer's schema
   * @throws io.transmog.api.WriterException if writing fails
   */
  void write(RowBatch batch);

  /**
   * Completes the file and moves it atomically to its final name. Idempotent; does nothing after {@link #abort()}.
   *
   * @throws io.transmog.api.WriterException if completing or publishing fails (the temporary file is then removed)
   */
  @Override
  void close();

  /** Discards everything written; no file is left under the final or the temporary name. Idempotent, never throws. */
  void abort();

  /**
   * Returns how many bytes have reached the file so far (buffered bytes may not be counted yet), so that the engine
   * can start a new part file at a size limit.
   *
   * @return the byte count, or {@code -1} if the writer cannot tell
   */
  default long bytesWritten() {
    return -1;
  }
}
