package io.transmog.core.internal.stream;

import io.transmog.api.TransmogException;
import io.transmog.core.internal.table.TableData;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A second thread that encodes and writes finished chunks while the calling thread flattens the next ones. Batches
 * are handed over whole ({@link TableData#detachRows()}), in order, through a small bounded queue, so at most a few
 * chunks are in memory and the output is exactly that of a single-threaded run. The first error on the writer thread
 * is rethrown on the calling thread at its next hand-over; the thread is always stopped and joined.
 */
final class AsyncWriter {
  private static final TableData END = new TableData("<end>", null, 1);

  private final BlockingQueue<TableData> queue;
  private final Thread thread;
  private volatile RuntimeException failure;

  AsyncWriter(Consumer<TableData> write, int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(() -> {
      try {
        while (true) {
          TableData batch = queue.take();
          if (batch == END) {
            return;
          }
          write.accept(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        failure = e;
      } catch (Error e) {
        failure = new TransmogException("the writer thread failed: " + e, e);
      }
    }, "transmog-writer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Hands a batch to the writer thread, waiting while the queue is full. */
  void submit(TableData batch) {
    put(batch);
  }

  /** Waits until every batch is written; rethrows the writer's error. */
  void finish() {
    put(END);
    if (joinUninterruptibly()) {
      stop();
      throw new TransmogException("interrupted while the last chunks were written; no output was published");
    }
    check();
  }

  /**
   * Stops the writer thread without waiting for pending batches (the run failed) and waits until it has ended, so
   * that no writer is ever used by two threads: the caller aborts the writers only after this returns.
   */
  void stop() {
    thread.interrupt();
    joinUninterruptibly();
  }

  /** Waits for the thread even when the caller is interrupted; keeps the caller's interrupt status. */
  private boolean joinUninterruptibly() {
    boolean interrupted = Thread.interrupted();
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return interrupted;
  }

  private void put(TableData batch) {
    try {
      while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        check();
        if (!thread.isAlive()) {
          throw new IllegalStateException("the writer thread stopped");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransmogException("interrupted while handing rows to the writer; no output was published", e);
    }
    check();
  }

  private void check() {
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
  }
}
