package io.transmog.bench.flatten;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.bench.data.DataGenerator;
import io.transmog.bench.data.Generated;
import io.transmog.bench.data.Layout;
import io.transmog.bench.data.Variant;
import io.transmog.bench.support.Dirs;
import io.transmog.bench.support.DiscardingWriterProvider;
import io.transmog.bench.support.Throughput;
import io.transmog.core.FlattenResult;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + flatten into a discarding sink (every cell read, nothing encoded or written): the engine's own cost.
 *
 * <p>One operation is one input record ({@link OperationsPerInvocation}), so the score is records/s and the GC
 * profiler's {@code gc.alloc.rate.norm} is bytes allocated per record. The {@code inputMB} secondary result is MB/s of
 * input JSON. Inputs are generated once per trial by the seeded generator into a temporary file.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FlattenBenchmark {
  /** Orders per invocation: about 34 MB of JSON Lines. */
  public static final int ORDERS = 20_000;
  /** Deep/wide records per invocation: about 30 MB. */
  public static final int DEEP = 6_000;
  /** Large-array records (1,000 items each) per invocation: about 30 MB. */
  public static final int LARGE = 400;
  /** The seed of every generated input. */
  public static final long SEED = 42;

  /** A generated input file and a discarding registry. */
  public abstract static class Input {
    Path dir;
    Path file;
    Generated info;
    WriterRegistry registry;
    OutputOptions output;

    void generate(Variant variant, long records) {
      dir = Dirs.temp("transmog-bench-");
      file = dir.resolve(variant.tableName() + ".jsonl");
      info = DataGenerator.writeFile(file, variant, Layout.JSON_LINES, SEED, records, 0);
      registry = WriterRegistry.builder().register(new DiscardingWriterProvider()).build();
      output = OutputOptions.builder().format(DiscardingWriterProvider.FORMAT).overwrite(true).build();
    }

    StreamResult run(TransmogOptions options) {
      StreamResult r = Transmog.flattenStream(file, dir.resolve("out"), output, options, registry);
      if (r.records() != info.records()) {
        throw new IllegalStateException("flattened " + r.records() + " records, generated " + info.records());
      }
      return r;
    }

    /** Checks the row counts once, so that a broken engine does not produce fast numbers. */
    void verify(TransmogOptions options) {
      StreamResult r = run(options);
      for (Map.Entry<String, Long> e : info.expectedRows().entrySet()) {
        long rows = r.table(e.getKey()).map(StreamResult.TableSummary::rows).orElse(0L);
        if (rows != e.getValue()) {
          throw new IllegalStateException("table " + e.getKey() + ": " + rows + " rows, expected " + e.getValue());
        }
      }
    }

    @TearDown(Level.Trial)
    public void delete() {
      Dirs.delete(dir);
    }
  }

  /** Orders, swept over chunk size and low-memory mode (parallelism: the default, the available processors). */
  @State(Scope.Benchmark)
  public static class Orders extends Input {
    @Param({"1", "100", "1000", "10000"})
    public int chunkSize;

    @Param({"false", "true"})
    public boolean lowMemory;

    TransmogOptions options;

    @Setup(Level.Trial)
    public void setUp() {
      generate(Variant.ORDERS, ORDERS);
      options = TransmogOptions.builder().name(Variant.ORDERS.tableName()).chunkSize(chunkSize)
          .lowMemory(lowMemory).build();
      verify(options);
    }
  }

  /** Orders at the default chunk size, run on one thread or with the writer thread (parallelism 2). */
  @State(Scope.Benchmark)
  public static class OrdersByParallelism extends Input {
    @Param({"1", "2"})
    public int parallelism;

    TransmogOptions options;

    @Setup(Level.Trial)
    public void setUp() {
      generate(Variant.ORDERS, ORDERS);
      options = TransmogOptions.builder().name(Variant.ORDERS.tableName()).parallelism(parallelism).build();
      verify(options);
    }
  }

  /** Orders with default options, for the in-memory path. */
  @State(Scope.Benchmark)
  public static class OrdersDefault extends Input {
    TransmogOptions options;

    @Setup(Level.Trial)
    public void setUp() {
      generate(Variant.ORDERS, ORDERS);
      options = TransmogOptions.builder().name(Variant.ORDERS.tableName()).build();
    }
  }

  /** Deep and wide records, default options. */
  @State(Scope.Benchmark)
  public static class Deep extends Input {
    TransmogOptions options;

    @Setup(Level.Trial)
    public void setUp() {
      generate(Variant.DEEP, DEEP);
      options = TransmogOptions.builder().name(Variant.DEEP.tableName()).build();
      verify(options);
    }
  }

  /** Records with one 1,000-element array each, default options. */
  @State(Scope.Benchmark)
  public static class Large extends Input {
    TransmogOptions options;

    @Setup(Level.Trial)
    public void setUp() {
      generate(Variant.LARGE_ARRAY, LARGE);
      options = TransmogOptions.builder().name(Variant.LARGE_ARRAY.tableName()).build();
      verify(options);
    }
  }

  /**
   * Streams orders into the discarding sink.
   *
   * @param s the input
   * @param t MB/s counter
   * @return the result (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(ORDERS)
  public StreamResult orders(Orders s, Throughput t) {
    StreamResult r = s.run(s.options);
    t.input(s.info.bytes());
    return r;
  }

  /**
   * Streams orders into the discarding sink with a given parallelism (1: one thread; 2: flattening and writing
   * overlap on two threads).
   *
   * @param s the input
   * @param t MB/s counter
   * @return the result (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(ORDERS)
  public StreamResult ordersByParallelism(OrdersByParallelism s, Throughput t) {
    StreamResult r = s.run(s.options);
    t.input(s.info.bytes());
    return r;
  }

  /**
   * Flattens orders in memory ({@code Transmog.flatten(Path)}): the whole result is held, then dropped.
   *
   * @param s the input
   * @param t MB/s counter
   * @return the result (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(ORDERS)
  public FlattenResult ordersInMemory(OrdersDefault s, Throughput t) {
    FlattenResult r = Transmog.flatten(s.file, s.options);
    t.input(s.info.bytes());
    return r;
  }

  /**
   * Streams deep/wide records into the discarding sink.
   *
   * @param s the input
   * @param t MB/s counter
   * @return the result (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(DEEP)
  public StreamResult deep(Deep s, Throughput t) {
    StreamResult r = s.run(s.options);
    t.input(s.info.bytes());
    return r;
  }

  /**
   * Streams large-array records into the discarding sink; one operation is one record of 1,000 child rows.
   *
   * @param s the input
   * @param t MB/s counter
   * @return the result (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(LARGE)
  public StreamResult largeArray(Large s, Throughput t) {
    StreamResult r = s.run(s.options);
    t.input(s.info.bytes());
    return r;
  }
}
