package io.transmog.core;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A push-style streaming run for records that arrive one by one from application code (a Kafka consumer, an HTTP
 * handler): {@link #accept} records, then {@link #finish()} to publish the files and the manifest; {@link #close()}
 * without {@code finish()} discards everything. Memory stays bounded by one chunk, as with
 * {@link Transmog#flattenStream}.
 *
 * <pre>{@code
 * try (Flattener f = Transmog.flattener(Path.of("out"), OutputOptions.of("parquet"), options)) {
 *   for (ConsumerRecord<String, String> r : records) {
 *     f.acceptJson(r.value());
 *   }
 *   StreamResult result = f.finish();
 * }
 * }</pre>
 *
 * <p>Use one flattener from one thread. Internally the run works on its own thread ({@code transmog-flattener}),
 * fed through a small bounded queue, so {@code accept} blocks while the run is a few records behind. An error in the
 * run (bad input in STRICT mode, a writer failure) is thrown by the next {@code accept} or by {@code finish}.
 */
public final class Flattener implements AutoCloseable {
  private static final Object END = new Object();
  private static final Object ABORT = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(256);
  private final Thread thread;
  private volatile StreamResult result;
  private volatile RuntimeException failure;
  private boolean done;

  Flattener(Path outputDir, OutputOptions output, TransmogOptions options, WriterRegistry registry) {
    Objects.requireNonNull(outputDir, "outputDir must not be null");
    Objects.requireNonNull(output, "output must not be null");
    Objects.requireNonNull(options, "options must not be null");
    // fail on a bad format or option now, on the caller's thread
    registry.provider(output.format(), output.formatOptions());
    Iterator<Object> records = new Iterator<>() {
      private Object next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransmogException("the flattener was interrupted; no output was published", e);
          }
        }
        if (next == ABORT) {
          throw new TransmogException("the flattener was closed without finish(); no output was published");
        }
        return next != END;
      }

      @Override
      public Object next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object r = next;
        next = null;
        return r instanceof Json ? ((Json) r).text : r;
      }
    };
    thread = new Thread(() -> {
      try {
        result = Transmog.streamRecords(records, outputDir, output, options, registry);
      } catch (RuntimeException e) {
        failure = e;
      } catch (Error e) {
        failure = new TransmogException("the flattener failed: " + e, e);
      }
    }, "transmog-flattener");
    thread.setDaemon(true);
    thread.start();
  }

  /** A JSON text record, told apart from a string value. */
  private record Json(String text) {}

  /**
   * Adds a record given as a map (values: maps, lists, arrays, strings, numbers, booleans, null). The map is read
   * later, on the run's thread: do not change it after handing it over.
   *
   * @param record the record
   * @throws TransmogException if the run has failed
   */
  public void accept(Map<String, ?> record) {
    put(Objects.requireNonNull(record, "record must not be null"));
  }

  /**
   * Adds a record given as its JSON text.
   *
   * @param json one JSON value
   * @throws TransmogException if the run has failed (for example because an earlier record was malformed)
   */
  public void acceptJson(String json) {
    put(new Json(Objects.requireNonNull(json, "json must not be null")));
  }

  /**
   * Ends the input, waits for the run to write everything and publishes the files and the manifest.
   *
   * @return what was written
   * @throws TransmogException the run's error, if it failed
   */
  public StreamResult finish() {
    if (done) {
      throw new IllegalStateException("finish() was already called");
    }
    done = true;
    put(END);
    if (join()) {
      throw new TransmogException("interrupted while the flattener finished; no output was published");
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  /** Discards everything unless {@link #finish()} was called; waits for the run's thread to end. Idempotent. */
  @Override
  public void close() {
    if (!done) {
      done = true;
      queue.clear();
      // the queue was just emptied, so offer cannot fail for lack of room, and it never throws on interrupt
      if (!queue.offer(ABORT)) {
        thread.interrupt();
      }
    }
    join();
  }

  private void put(Object o) {
    if (done && o != END) {
      throw new IllegalStateException("the flattener is finished or closed");
    }
    try {
      while (!queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
        if (failure != null || !thread.isAlive()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransmogException("interrupted while handing a record to the flattener", e);
    }
    RuntimeException f = failure;
    if (f != null && o != END) {
      throw f;
    }
  }

  /**
   * Waits for the run's thread even when the caller is interrupted (an interrupt is passed on to the run, which then
   * cleans up); returns whether the caller was interrupted, keeping its interrupt status.
   */
  private boolean join() {
    boolean interrupted = Thread.interrupted();
    if (interrupted) {
      thread.interrupt();
    }
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        thread.interrupt();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return interrupted;
  }
}
