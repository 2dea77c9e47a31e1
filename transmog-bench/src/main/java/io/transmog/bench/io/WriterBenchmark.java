package io.transmog.bench.io;

import io.transmog.api.TransmogOptions;
import io.transmog.api.spi.FormatOptions;
import io.transmog.bench.data.DataGenerator;
import io.transmog.bench.data.Generated;
import io.transmog.bench.data.Layout;
import io.transmog.bench.data.Variant;
import io.transmog.bench.support.Dirs;
import io.transmog.bench.support.WriteThroughput;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Each writer on its own: the tables of {@value #ORDERS} orders are flattened once per trial, then every operation
 * writes all of them ({@code orders}, {@code orders_line_items}, {@code orders_line_items_discounts}) to files with
 * one format. One operation is one input record's rows (score: records/s; {@code gc.alloc.rate.norm}: bytes allocated
 * per record); {@code inputMB} is the MB/s of input JSON those rows came from, {@code outputMB} the MB/s written.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WriterBenchmark {
  /** Orders whose tables each operation writes: about 17 MB of input JSON. */
  public static final int ORDERS = 10_000;

  /** The flattened tables and an output directory. */
  @State(Scope.Benchmark)
  public static class Tables {
    /** The writer's format name; {@code parquet} needs transmog-io-parquet on the class path. */
    @Param({"csv", "jsonl", "parquet"})
    public String format;

    Path dir;
    Path out;
    FlattenResult result;
    Generated info;
    WriterRegistry registry;

    @Setup(Level.Trial)
    public void setUp() {
      registry = WriterRegistry.discover();
      if (!registry.formats().contains(format)) {
        throw new IllegalStateException("format " + format + " is not available (have " + registry.formats()
            + "); run with -p format=" + String.join(",", registry.formats()));
      }
      dir = Dirs.temp("transmog-bench-");
      Path input = dir.resolve("orders.jsonl");
      info = DataGenerator.writeFile(input, Variant.ORDERS, Layout.JSON_LINES, 42, ORDERS, 0);
      result = Transmog.flatten(input, TransmogOptions.builder().name("orders").build());
      out = dir.resolve("out");
    }

    @TearDown(Level.Trial)
    public void delete() {
      Dirs.delete(dir);
    }
  }

  /**
   * Writes every table with one format.
   *
   * @param s the tables
   * @param t MB/s counters
   * @return the files written
   * @throws Exception if sizing the files fails
   */
  @Benchmark
  @OperationsPerInvocation(ORDERS)
  public List<Path> write(Tables s, WriteThroughput t) throws Exception {
    List<Path> files = s.result.save(s.out, s.format, FormatOptions.empty(), s.registry);
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    t.add(s.info.bytes(), bytes);
    return files;
  }
}
