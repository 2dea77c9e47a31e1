package io.transmog.bench.e2e;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.bench.data.DataGenerator;
import io.transmog.bench.data.Generated;
import io.transmog.bench.data.Layout;
import io.transmog.bench.data.Variant;
import io.transmog.bench.support.Dirs;
import io.transmog.bench.support.WriteThroughput;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.nio.file.Path;
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
 * The whole file path: a JSON Lines file of {@value #ORDERS} orders streamed by {@code Transmog.flattenStream} into
 * one file per table, with default options. One operation is one record (score: records/s; {@code gc.alloc.rate.norm}:
 * bytes per record); {@code inputMB} is input MB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EndToEndBenchmark {
  /** Orders per invocation: about 34 MB of JSON Lines. */
  public static final int ORDERS = 20_000;

  /** The input file and the output format. */
  @State(Scope.Benchmark)
  public static class Run {
    /** The writer's format name; {@code parquet} needs transmog-io-parquet on the class path. */
    @Param({"csv", "parquet"})
    public String format;

    Path dir;
    Path input;
    Generated info;
    OutputOptions output;
    TransmogOptions options;

    @Setup(Level.Trial)
    public void setUp() {
      WriterRegistry registry = WriterRegistry.discover();
      if (!registry.formats().contains(format)) {
        throw new IllegalStateException("format " + format + " is not available (have " + registry.formats()
            + "); run with -p format=" + String.join(",", registry.formats()));
      }
      dir = Dirs.temp("transmog-bench-");
      input = dir.resolve("orders.jsonl");
      info = DataGenerator.writeFile(input, Variant.ORDERS, Layout.JSON_LINES, 42, ORDERS, 0);
      output = OutputOptions.builder().format(format).overwrite(true).build();
      options = TransmogOptions.builder().name("orders").build();
    }

    @TearDown(Level.Trial)
    public void delete() {
      Dirs.delete(dir);
    }
  }

  /**
   * Streams the file to one file per table.
   *
   * @param s the input and format
   * @param t MB/s counters
   * @return the result
   */
  @Benchmark
  @OperationsPerInvocation(ORDERS)
  public StreamResult fileToFiles(Run s, WriteThroughput t) {
    StreamResult r = Transmog.flattenStream(s.input, s.dir.resolve("out"), s.output, s.options);
    if (r.records() != s.info.records()) {
      throw new IllegalStateException("flattened " + r.records() + " records, generated " + s.info.records());
    }
    long bytes = 0;
    for (StreamResult.TableSummary table : r.tables()) {
      for (StreamResult.FileSummary f : table.files()) {
        bytes += f.bytes();
      }
    }
    t.add(s.info.bytes(), bytes);
    return r;
  }
}
