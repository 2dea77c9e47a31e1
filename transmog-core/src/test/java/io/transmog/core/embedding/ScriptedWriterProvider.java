package io.transmog.core.embedding;

import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.RowBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test writer registered explicitly ({@code WriterRegistry.builder().register(...)}): writes one text line per row
 * to a real file (so that file descriptors are opened), optionally throws on the n-th {@code write} of the whole run,
 * or spends time in every {@code write} without reacting to interrupts, as blocking file I/O does. Counts what the
 * engine opened, closed and aborted, so a test can check that every writer was closed or aborted exactly once.
 */
final class ScriptedWriterProvider implements TableWriterProvider {
  final AtomicInteger opened = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  final AtomicInteger aborted = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  /** Counted down by every {@code write}, so a test can wait until the run is writing. */
  final CountDownLatch writing = new CountDownLatch(1);

  private final String format;
  private final int failAtWrite;
  private final long busyNanosPerWrite;

  private ScriptedWriterProvider(String format, int failAtWrite, long busyNanosPerWrite) {
    this.format = format;
    this.failAtWrite = failAtWrite;
    this.busyNanosPerWrite = busyNanosPerWrite;
  }

  /** A writer that throws an unchecked exception on the {@code n}-th write call (1-based) of the run. */
  static ScriptedWriterProvider failingAtWrite(int n) {
    return new ScriptedWriterProvider("boom", n, 0);
  }

  /** A writer whose every write takes {@code millis}, ignoring interrupts. */
  static ScriptedWriterProvider slow(long millis) {
    return new ScriptedWriterProvider("slow", -1, TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /** Whether every writer opened was closed or aborted, and none twice. */
  boolean balanced() {
    return opened.get() == closed.get() + aborted.get();
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("txt");
  }

  @Override
  public boolean canAppend(io.transmog.api.table.TableSchema written, io.transmog.api.table.TableSchema next) {
    return true; // one file per table whatever the schema does: keeps the fd count independent of schema growth
  }

  @Override
  public TableWriter open(WriterContext context) {
    PendingFile file = PendingFile.create(context.target());
    OutputStream out = file.openStream();
    opened.incrementAndGet();
    return new TableWriter() {
      private boolean done;

      @Override
      public void write(RowBatch batch) {
        writing.countDown();
        int n = writes.incrementAndGet();
        if (busyNanosPerWrite > 0) {
          long end = System.nanoTime() + busyNanosPerWrite;
          while (System.nanoTime() < end) {
            Thread.onSpinWait(); // like FileOutputStream.write: interrupts are not noticed
          }
        }
        if (n == failAtWrite) {
          throw new WriterException("scripted failure at write " + n + " of " + context.target());
        }
        try {
          for (int r = 0; r < batch.rowCount(); r++) {
            out.write((batch.getString(0, r) + "\n").getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() {
        if (done) {
          return; // the SPI allows close() after abort() and a second close(); only the first one counts
        }
        done = true;
        closed.incrementAndGet();
        try {
          out.close();
        } catch (IOException e) {
          file.discard();
          throw new WriterException("cannot close " + context.target(), e);
        }
        file.publish();
      }

      @Override
      public void abort() {
        if (done) {
          return;
        }
        done = true;
        aborted.incrementAndGet();
        try {
          out.close();
        } catch (IOException ignored) {
          // aborting
        }
        file.discard();
      }
    };
  }
}
