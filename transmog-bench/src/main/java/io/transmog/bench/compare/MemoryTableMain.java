package io.transmog.bench.compare;

import io.transmog.bench.support.Dirs;
import io.transmog.bench.support.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The memory table of the streaming issue: each mode in a fresh JVM with the same fixed {@code -Xmx}, on one orders
 * file (default 200 MB, generated if absent), printing a Markdown table.
 *
 * <pre>
 * java -cp transmog-bench/target/benchmarks.jar io.transmog.bench.compare.MemoryTableMain \
 *     [--input target/orders-200m.jsonl] [--size 200m] [--seed 42] [--xmx 2g] [--format csv]
 *     [--modes flatten,flatten-low-memory,stream,stream-low-memory-chunk50] [--repeat 1] [--work target/memory]
 * </pre>
 *
 * <p>Modes: {@code flatten} ({@code Transmog.flatten(Path, options)}, whole result in memory), {@code flatten-low-memory}
 * (the same with {@code lowMemory(true)}), {@code stream} ({@code Transmog.flattenStream} to files with default
 * options), {@code stream-low-memory-chunk50} ({@code flattenStream} with {@code lowMemory(true).chunkSize(50)}).
 */
public final class MemoryTableMain {
  private MemoryTableMain() {}

  /**
   * Runs the table.
   *
   * @param args see the class documentation
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path input = null;
    long size = Sizes.parse("200m");
    long seed = 42;
    String xmx = "2g";
    String format = "csv";
    List<String> modes = List.of("flatten", "flatten-low-memory", "stream", "stream-low-memory-chunk50");
    int repeat = 1;
    Path work = Path.of("target/memory");
    List<String> jvmArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input":
          input = Path.of(args[++i]);
          break;
        case "--size":
          size = Sizes.parse(args[++i]);
          break;
        case "--seed":
          seed = Long.parseLong(args[++i]);
          break;
        case "--xmx":
          xmx = args[++i];
          break;
        case "--format":
          format = args[++i];
          break;
        case "--modes":
          modes = Arrays.asList(args[++i].split(","));
          break;
        case "--repeat":
          repeat = Integer.parseInt(args[++i]);
          break;
        case "--work":
          work = Path.of(args[++i]);
          break;
        case "--jvm-arg":
          jvmArgs.add(args[++i]);
          break;
        default:
          System.err.println("unknown argument " + args[i] + "; see the class documentation of " + MemoryTableMain.class);
          System.exit(2);
      }
    }
    if (input == null) {
      input = Path.of("target/orders-" + CompareMain.sizeName(size) + ".jsonl");
    }
    Inputs.Input in = Inputs.orders(input, size, seed);
    Inputs.warmPageCache(in.file());
    Files.createDirectories(work);

    List<ChildRunner.Result> results = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String mode : modes) {
      List<ChildRunner.Result> runs = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        Path out = work.resolve(mode);
        Dirs.delete(out);
        List<String> a = new ArrayList<>();
        switch (mode) {
          case "flatten":
            a.addAll(List.of("transmog-memory", in.file().toString(), out.toString()));
            break;
          case "flatten-low-memory":
            a.addAll(List.of("transmog-memory", in.file().toString(), out.toString(), "lowMemory=true"));
            break;
          case "stream":
            a.addAll(List.of("transmog-stream", in.file().toString(), out.toString(), "format=" + format));
            break;
          case "stream-low-memory-chunk50":
            a.addAll(List.of("transmog-stream", in.file().toString(), out.toString(), "format=" + format,
                "lowMemory=true", "chunkSize=50"));
            break;
          default:
            throw new IllegalArgumentException("unknown mode " + mode);
        }
        ChildRunner.Result res = ChildRunner.run(mode + (repeat > 1 ? " #" + (r + 1) : ""), xmx, jvmArgs, a);
        System.out.println(CompareMain.summaryLine(res));
        runs.add(res);
        Dirs.delete(out);
      }
      runs.sort(Comparator.comparingDouble(ChildRunner.Result::seconds));
      ChildRunner.Result median = runs.get(runs.size() / 2);
      results.add(median);
      if (!median.rows().equals(in.expectedRows())) {
        problems.add(mode + ": rows " + median.rows() + ", expected " + in.expectedRows());
      }
    }

    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Input: %s, %,d bytes, %,d records; -Xmx%s for every mode; stream output %s;"
        + " %s%n%n", in.file(), in.bytes(), in.records(), xmx, format, Instant.now()));
    sb.append("| mode | input MB | wall s | MB/s | CPU s | peak heap MB | live heap MB (max after GC) | peak RSS MB |"
        + " GCs | load avg |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (ChildRunner.Result r : results) {
      double mb = r.asLong("inputBytes") / 1e6;
      sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %.2f | %s | %s | %s | %d | %s |%n",
          label(r.label()), mb, r.seconds(), mb / r.seconds(), r.cpuSeconds(), Sizes.mb(r.asLong("peakHeapUsed")),
          Sizes.mb(r.asLong("peakHeapLive")),
          Sizes.mb(r.peakRss()), r.asLong("gcCount"), r.values().get("load")));
    }
    sb.append("\nPeak heap = most heap in use just before any GC or at the end (includes uncollected garbage, so it"
        + " follows the young generation G1 chose); live heap = most heap still in use just after a GC; peak RSS ="
        + " VmHWM of the child JVM; CPU s = CPU time of the child process (all threads) during the work.\n");
    System.out.println();
    System.out.println(sb);
    Files.writeString(work.resolve("memory-table.md"), sb.toString());
    if (!problems.isEmpty()) {
      System.err.println("ROW COUNTS WRONG:");
      problems.forEach(p -> System.err.println("  " + p));
      System.exit(1);
    }
  }

  private static String label(String mode) {
    String base = mode.replaceAll(" #\\d+$", "");
    switch (base) {
      case "flatten":
        return "`flatten` (in memory)";
      case "flatten-low-memory":
        return "`flatten` + lowMemory";
      case "stream":
        return "`flattenStream` default";
      case "stream-low-memory-chunk50":
        return "`flattenStream` + lowMemory + chunkSize 50";
      default:
        return mode;
    }
  }
}
