package io.transmog.io.parquet.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One memory budget for the row groups of all Parquet writers open at once, shared equally: with {@code n} writers
 * open, each flushes its row group at {@code total / n} bytes (between {@value #MIN_BYTES} bytes and a cap). This is
 * what parquet-hadoop's {@code MemoryManager} does for its output format, which Transmog does not use.
 *
 * <p>Why: every table of a run, and of every split, buffers a row group at the same time. A fixed size per writer is
 * too large when many tables are open (20 tables and 2 splits at 8 MiB each are 320 MiB, more than a 256 MiB heap)
 * and needlessly small when few are (three tables in two splits left most of the budget unused, and small row groups
 * cost time: each starts its dictionaries and pages afresh). A writer reads its share each time it checks its size,
 * so it follows writers opening and closing. Thread-safe; one instance per provider, so per engine and class loader.
 */
final class RowGroupBudget {
  /** The smallest share: below it, pages and dictionaries cost more than the row group saves. */
  static final long MIN_BYTES = 1024L * 1024;

  private final long total;
  private final AtomicInteger open = new AtomicInteger();

  /**
   * Creates a budget.
   *
   * @param total the bytes shared by all open writers
   */
  RowGroupBudget(long total) {
    this.total = Math.max(MIN_BYTES, total);
  }

  /**
   * The budget for a heap: a quarter of it, the memory that a fixed 1/32 of the heap per writer gave eight writers.
   *
   * @param maxHeap the maximum heap ({@link Runtime#maxMemory()})
   * @return the budget
   */
  static RowGroupBudget forHeap(long maxHeap) {
    return new RowGroupBudget(maxHeap / 4);
  }

  /**
   * Counts a writer in until its {@link Share#release()}.
   *
   * @param cap the largest row group this writer may use
   * @return the writer's share
   */
  Share join(long cap) {
    open.incrementAndGet();
    return new Share(cap);
  }

  /** @return the number of writers counted in */
  int openWriters() {
    return open.get();
  }

  /** One writer's part of the budget: its current row-group size. */
  final class Share implements LongSupplier {
    private final long cap;
    private boolean released;

    private Share(long cap) {
      this.cap = cap;
    }

    /** @return the row-group size for now: the budget divided by the writers open, within [1 MiB, cap] */
    @Override
    public long getAsLong() {
      long share = total / Math.max(1, open.get());
      return Math.max(Math.min(MIN_BYTES, cap), Math.min(cap, share));
    }

    /** Counts the writer out; idempotent. Called by the writer's own thread on close or abort. */
    void release() {
      if (!released) {
        released = true;
        open.decrementAndGet();
      }
    }
  }
}
