package io.transmog.core.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.WriterException;
import io.transmog.core.Flattener;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threads Transmog starts itself ({@code transmog-writer} for a streaming run with parallelism 2 or more,
 * {@code transmog-flattener} for a {@link Flattener}) are joined before the call that ends the run returns: after a
 * success, a failure, or an interrupt of the calling thread. The check is made the moment the call returns, on the
 * calling thread; waiting a little would hide a thread that is still writing while the caller already cleans up.
 */
class ThreadLifecycleTest {
  private static final TransmogOptions PARALLEL = TransmogOptions.builder().name("orders").chunkSize(20)
      .parallelism(2).includeTimestamp(false).build();
  private static final TransmogOptions SERIAL = PARALLEL.toBuilder().parallelism(1).build();

  @TempDir Path tmp;
  private Path input;
  private Set<Thread> before;

  @BeforeEach
  void setUp() {
    input = Embedding.write(tmp.resolve("in/orders.jsonl"), Embedding.orders(3_000, 11));
    before = new HashSet<>(Embedding.transmogThreads());
  }

  @AfterEach
  void everyThreadEndsEventually() throws InterruptedException {
    // a weaker property than the tests': whatever they found at return, nothing may run on for long
    assertThat(Embedding.awaitNoNewTransmogThreads(before, 10_000)).as("transmog threads 10 s later").isEmpty();
  }

  @Test
  void aFailedStreamingRunJoinsItsWriterThread() {
    ScriptedWriterProvider boom = ScriptedWriterProvider.failingAtWrite(5);
    assertThatThrownBy(() -> Transmog.flattenStream(input, tmp.resolve("out"), OutputOptions.of("boom"), PARALLEL,
        WriterRegistry.builder().register(boom).build())).isInstanceOf(WriterException.class);
    assertThat(Embedding.newTransmogThreads(before)).isEmpty();
    assertThat(boom.balanced()).isTrue();
    assertThat(Embedding.names(tmp.resolve("out"))).isEmpty();
  }

  @Test
  void aFailedFlattenerJoinsItsThreads() {
    ScriptedWriterProvider boom = ScriptedWriterProvider.failingAtWrite(5);
    List<String> lines = Embedding.orders(3_000, 12).lines().toList();
    assertThatThrownBy(() -> {
      try (Flattener f = Transmog.flattener(tmp.resolve("out"), OutputOptions.of("boom"), PARALLEL,
          WriterRegistry.builder().register(boom).build())) {
        lines.forEach(f::acceptJson);
        f.finish();
      }
    }).isInstanceOf(WriterException.class);
    assertThat(Embedding.newTransmogThreads(before)).isEmpty();
    assertThat(boom.balanced()).isTrue();
  }

  @Test
  void aMalformedRecordInAFlattenerJoinsItsThreads() {
    assertThatThrownBy(() -> {
      try (Flattener f = Transmog.flattener(tmp.resolve("out"), OutputOptions.of("jsonl"), PARALLEL)) {
        f.acceptJson("{\"ok\": 1}");
        f.acceptJson("{\"broken\": ");
        for (int i = 0; i < 10_000; i++) {
          f.acceptJson("{\"ok\": 1}");
        }
        f.finish();
      }
    }).isInstanceOf(TransmogException.class);
    assertThat(Embedding.newTransmogThreads(before)).isEmpty();
    assertThat(Embedding.names(tmp.resolve("out"))).isEmpty();
  }

  @Test
  void anInterruptedStreamingRunPublishesNothingAndItsWriterThreadEnds() throws Exception {
    ScriptedWriterProvider slow = ScriptedWriterProvider.slow(20);
    Outcome o = interruptedStreamingRun(slow);
    assertThat(o.thrown()).isInstanceOf(TransmogException.class).hasMessageContaining("interrupted");
    assertThat(o.interruptFlagKept()).as("the caller's interrupt status is restored").isTrue();
    assertThat(Embedding.awaitNoNewTransmogThreads(before, 10_000)).isEmpty();
    assertThat(slow.balanced()).as("opened %s, closed %s, aborted %s", slow.opened, slow.closed, slow.aborted)
        .isTrue();
    assertThat(Embedding.names(tmp.resolve("out"))).as("nothing published, no staging directory").isEmpty();
  }

  @Test
  void anInterruptedStreamingRunJoinsItsWriterThreadBeforeReturning() throws Exception {
    for (int i = 0; i < 5; i++) { // the race is lost most of the time; five runs make it certain enough
      Outcome o = interruptedStreamingRun(ScriptedWriterProvider.slow(20));
      assertThat(o.threadsAtReturn()).as("transmog threads alive when flattenStream returned").isEmpty();
      assertThat(o.balancedAtReturn()).as("every writer closed or aborted when flattenStream returned").isTrue();
    }
  }

  @Test
  void anInterruptedFlattenerPublishesNothingAndItsThreadEnds() throws Exception {
    ScriptedWriterProvider slow = ScriptedWriterProvider.slow(20);
    Outcome o = interruptedFlattener(slow);
    assertThat(o.thrown()).isInstanceOf(TransmogException.class).hasMessageContaining("interrupted");
    assertThat(o.interruptFlagKept()).as("the caller's interrupt status is restored").isTrue();
    assertThat(Embedding.awaitNoNewTransmogThreads(before, 10_000)).isEmpty();
    assertThat(slow.balanced()).as("opened %s, closed %s, aborted %s", slow.opened, slow.closed, slow.aborted)
        .isTrue();
    assertThat(Embedding.names(tmp.resolve("out"))).as("nothing published, no staging directory").isEmpty();
  }

  @Test
  void anInterruptedFlattenerJoinsItsThreadBeforeCloseReturns() throws Exception {
    ScriptedWriterProvider slow = ScriptedWriterProvider.slow(20);
    Outcome o = interruptedFlattener(slow);
    assertThat(o.threadsAtReturn()).as("transmog threads alive when close() returned").isEmpty();
    assertThat(o.balancedAtReturn()).as("every writer closed or aborted when close() returned").isTrue();
    assertThat(o.filesAtReturn()).as("output directory when close() returned").isEmpty();
  }

  @Test
  void anInterruptedFinishThrowsInsteadOfReturningNull() throws Exception {
    ScriptedWriterProvider slow = ScriptedWriterProvider.slow(20);
    AtomicReference<Object> returned = new AtomicReference<>("not set");
    java.util.concurrent.CountDownLatch finishing = new java.util.concurrent.CountDownLatch(1);
    List<String> lines = Embedding.orders(200, 14).lines().toList(); // fewer than the queue holds: accept never waits
    Outcome o = onAnotherThread(slow, finishing, () -> {
      try (Flattener f = Transmog.flattener(tmp.resolve("out"), OutputOptions.of("slow"), SERIAL,
          WriterRegistry.builder().register(slow).build())) {
        lines.forEach(f::acceptJson);
        finishing.countDown();
        returned.set(f.finish());
      }
    });
    assertThat(returned.get()).as("finish() returned instead of throwing").isEqualTo("not set");
    assertThat(o.thrown()).isInstanceOf(TransmogException.class).hasMessageContaining("interrupted");
    assertThat(o.threadsAtReturn()).isEmpty();
  }

  private Outcome interruptedStreamingRun(ScriptedWriterProvider slow) throws Exception {
    Path out = tmp.resolve("out");
    return onAnotherThread(slow, null, () -> Transmog.flattenStream(input, out, OutputOptions.of("slow"), PARALLEL,
        WriterRegistry.builder().register(slow).build()));
  }

  private Outcome interruptedFlattener(ScriptedWriterProvider slow) throws Exception {
    List<String> lines = Embedding.orders(3_000, 13).lines().toList();
    return onAnotherThread(slow, null, () -> {
      try (Flattener f = Transmog.flattener(tmp.resolve("out"), OutputOptions.of("slow"), SERIAL,
          WriterRegistry.builder().register(slow).build())) {
        lines.forEach(f::acceptJson);
        f.finish();
      }
    });
  }

  // ---------------------------------------------------------------------------------------------------------------

  private interface Run {
    void run() throws Exception;
  }

  /**
   * What the interrupted thread saw the moment its call ended: its exception, its interrupt flag, the transmog threads
   * still alive, whether every writer opened was closed or aborted, and the output directory.
   */
  private record Outcome(Throwable thrown, boolean interruptFlagKept, List<String> threadsAtReturn,
      boolean balancedAtReturn, List<String> filesAtReturn) {}

  /**
   * Runs {@code run} on a new thread and interrupts it once the writer is busy (and, if given, once {@code ready} is
   * counted down).
   */
  private Outcome onAnotherThread(ScriptedWriterProvider writer, java.util.concurrent.CountDownLatch ready, Run run)
      throws Exception {
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Path out = tmp.resolve("out");
    Thread caller = new Thread(() -> {
      Throwable thrown = null;
      try {
        run.run();
      } catch (Throwable t) {
        thrown = t;
      }
      // first thing after the call: no waiting
      List<String> alive = Embedding.newTransmogThreads(before);
      boolean balanced = writer.balanced();
      List<String> files = Embedding.names(out);
      outcome.set(new Outcome(thrown, Thread.currentThread().isInterrupted(), alive, balanced, files));
    }, "application-thread");
    caller.start();
    assertThat(writer.writing.await(30, TimeUnit.SECONDS)).as("the writer started").isTrue();
    if (ready != null) {
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(50);
    }
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(caller.isAlive()).as("the interrupted call returned").isFalse();
    // the next run of the same test starts from a clean directory once this run's threads are gone
    assertThat(Embedding.awaitNoNewTransmogThreads(before, 10_000)).isEmpty();
    return outcome.get();
  }
}
