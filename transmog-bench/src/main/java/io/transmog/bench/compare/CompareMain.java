package io.transmog.bench.compare;

import io.transmog.bench.support.Dirs;
import io.transmog.bench.support.Sizes;
import io.transmog.core.WriterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side harness: one orders file (generated if absent, default 1 GB), every system in a fresh JVM, one
 * table of results with the ratios the acceptance criteria name, and a hard failure if the systems disagree on the
 * rows of any table.
 *
 * <pre>
 * java -cp transmog-bench/target/benchmarks.jar io.transmog.bench.compare.CompareMain \
 *     [--input target/orders-1g.jsonl] [--size 1g] [--seed 42] [--work target/compare]
 *     [--systems jackson-scan,transmog-csv,transmog-parquet,transmog-memory,duckdb-csv,duckdb-parquet]
 *     [--memory-size 200m] [--repeat 1] [--xmx-scan 64m] [--xmx-stream 256m] [--xmx-memory 4g] [--xmx-duckdb 256m]
 *     [-O parquetKey=value ...] [--jvm-arg ARG ...] [--keep-output]
 * </pre>
 *
 * <p>Systems: {@code jackson-scan} (every token through Jackson's streaming parser on one thread: the ceiling),
 * {@code transmog-csv} and {@code transmog-parquet} ({@code Transmog.flattenStream} with default options),
 * {@code transmog-memory} ({@code Transmog.flatten}, the whole result held; on a {@code --memory-size} prefix of the
 * data when that is smaller than the file, as it must fit the heap), {@code duckdb-csv} and {@code duckdb-parquet}
 * (see {@link DuckDbRun}; Parquet with zstd). {@code transmog-parquet} is skipped when no {@code parquet} writer is on
 * the class path. With {@code --repeat N} each system runs N times and the run with the median wall time is shown.
 */
public final class CompareMain {
  private CompareMain() {}

  /**
   * Runs the comparison.
   *
   * @param args see the class documentation
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path input = Path.of("target/orders-1g.jsonl");
    long size = Sizes.parse("1g");
    long seed = 42;
    Path work = Path.of("target/compare");
    List<String> systems = new ArrayList<>(List.of("jackson-scan", "transmog-csv", "transmog-parquet",
        "transmog-memory", "duckdb-csv", "duckdb-parquet"));
    long memorySize = Sizes.parse("200m");
    int repeat = 1;
    String xmxScan = "64m";
    String xmxStream = "256m";
    String xmxMemory = "4g";
    String xmxDuck = "256m";
    List<String> formatOptions = new ArrayList<>();
    List<String> jvmArgs = new ArrayList<>();
    boolean keep = false;
    boolean inputGiven = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input":
          input = Path.of(args[++i]);
          inputGiven = true;
          break;
        case "--size":
          size = Sizes.parse(args[++i]);
          break;
        case "--seed":
          seed = Long.parseLong(args[++i]);
          break;
        case "--work":
          work = Path.of(args[++i]);
          break;
        case "--systems":
          systems = new ArrayList<>(Arrays.asList(args[++i].split(",")));
          break;
        case "--memory-size":
          memorySize = Sizes.parse(args[++i]);
          break;
        case "--repeat":
          repeat = Integer.parseInt(args[++i]);
          break;
        case "--xmx-scan":
          xmxScan = args[++i];
          break;
        case "--xmx-stream":
          xmxStream = args[++i];
          break;
        case "--xmx-memory":
          xmxMemory = args[++i];
          break;
        case "--xmx-duckdb":
          xmxDuck = args[++i];
          break;
        case "-O":
          formatOptions.add(args[++i]);
          break;
        case "--jvm-arg":
          jvmArgs.add(args[++i]);
          break;
        case "--keep-output":
          keep = true;
          break;
        default:
          System.err.println("unknown argument " + args[i] + "; see the class documentation of " + CompareMain.class);
          System.exit(2);
      }
    }
    if (!inputGiven && size != Sizes.parse("1g")) {
      input = Path.of("target/orders-" + sizeName(size) + ".jsonl");
    }
    List<String> formats = WriterRegistry.discover().formats();
    if (systems.contains("transmog-parquet") && !formats.contains("parquet")) {
      System.out.println("NOTE: no parquet writer on the class path (formats: " + formats
          + "); transmog-parquet is skipped");
      systems.remove("transmog-parquet");
    }

    Inputs.Input main = Inputs.orders(input, size, seed);
    Inputs.Input memoryInput = main;
    if (systems.contains("transmog-memory") && memorySize < size) {
      memoryInput = Inputs.orders(input.resolveSibling("orders-" + sizeName(memorySize) + ".jsonl"), memorySize, seed);
    }
    Inputs.warmPageCache(main.file());
    if (memoryInput != main) {
      Inputs.warmPageCache(memoryInput.file());
    }
    Files.createDirectories(work);

    List<ChildRunner.Result> results = new ArrayList<>();
    Map<String, List<ChildRunner.Result>> allRuns = new LinkedHashMap<>();
    for (String system : systems) {
      List<ChildRunner.Result> runs = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        Path out = work.resolve(system);
        Dirs.delete(out);
        settle();
        String label = system + (repeat > 1 ? " #" + (r + 1) : "");
        ChildRunner.Result res = runSystem(system, label, main, memoryInput, out, formatOptions, jvmArgs, xmxScan,
            xmxStream, xmxMemory, xmxDuck);
        System.out.println(summaryLine(res));
        runs.add(res);
        if (!keep) {
          Dirs.delete(out);
        }
      }
      runs.sort(Comparator.comparingDouble(ChildRunner.Result::seconds));
      ChildRunner.Result median = runs.get(runs.size() / 2);
      results.add(median);
      allRuns.put(system, runs);
    }

    String report = report(main, memoryInput, results, repeat, allRuns);
    System.out.println();
    System.out.println(report);
    Files.writeString(work.resolve("compare-results.md"), report);
    System.out.println("(written to " + work.resolve("compare-results.md") + ")");

    List<String> mismatches = checkRows(main, memoryInput, results);
    if (!mismatches.isEmpty()) {
      System.err.println();
      System.err.println("ROW COUNTS DIFFER BETWEEN SYSTEMS:");
      mismatches.forEach(m -> System.err.println("  " + m));
      System.exit(1);
    }
    System.out.println("row counts: every system produced the expected rows per table");
  }

  private static ChildRunner.Result runSystem(String system, String label, Inputs.Input main,
      Inputs.Input memoryInput, Path out, List<String> formatOptions, List<String> jvmArgs, String xmxScan,
      String xmxStream, String xmxMemory, String xmxDuck) {
    String in = main.file().toString();
    List<String> fo = new ArrayList<>();
    for (String o : formatOptions) {
      fo.add("fo." + o);
    }
    switch (system) {
      case "jackson-scan":
        return ChildRunner.run(label, xmxScan, jvmArgs, List.of("jackson-scan", in, out.toString()));
      case "transmog-csv":
        return ChildRunner.run(label, xmxStream, jvmArgs, List.of("transmog-stream", in, out.toString(), "format=csv"));
      case "transmog-parquet": {
        List<String> a = new ArrayList<>(List.of("transmog-stream", in, out.toString(), "format=parquet"));
        a.addAll(fo);
        return ChildRunner.run(label, xmxStream, jvmArgs, a);
      }
      case "transmog-jsonl":
        return ChildRunner.run(label, xmxStream, jvmArgs,
            List.of("transmog-stream", in, out.toString(), "format=jsonl"));
      case "transmog-memory":
        return ChildRunner.run(label, xmxMemory, jvmArgs,
            List.of("transmog-memory", memoryInput.file().toString(), out.toString()));
      case "duckdb-csv":
        return ChildRunner.run(label, xmxDuck, jvmArgs, List.of("duckdb", in, out.toString(), "format=csv"));
      case "duckdb-parquet":
        return ChildRunner.run(label, xmxDuck, jvmArgs, List.of("duckdb", in, out.toString(), "format=parquet"));
      default:
        throw new IllegalArgumentException("unknown system " + system);
    }
  }

  static String summaryLine(ChildRunner.Result r) {
    double mb = r.asLong("inputBytes") / 1e6;
    return String.format(Locale.ROOT, "   -> %s: %.2f s (CPU %.2f s), %.1f MB/s, peak RSS %s MB, peak heap %s MB,"
        + " rows %s, load %s", r.label(), r.seconds(), r.cpuSeconds(), mb / r.seconds(), Sizes.mb(r.peakRss()),
        Sizes.mb(r.asLong("peakHeapUsed")),
        r.rows(), r.values().get("load"));
  }

  /**
   * Lets the machine settle before a measured run: writes out what earlier runs left dirty in the page cache and
   * gives the file system two seconds to finish freeing the deleted outputs. Why: a run started right after deleting
   * a gigabyte of output shared the disk and the two cores with that clean-up, which added up to 1.5 s (and most of
   * the spread between repeats) to whichever system happened to run next.
   */
  static void settle() {
    try {
      Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
      sync.getInputStream().readAllBytes();
      sync.waitFor();
    } catch (IOException e) {
      // no sync command (not Linux or macOS): the pause alone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String report(Inputs.Input main, Inputs.Input memoryInput, List<ChildRunner.Result> results,
      int repeat, Map<String, List<ChildRunner.Result>> allRuns) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Input: %s, %,d bytes, %,d records (seed-generated orders); %s%n",
        main.file(), main.bytes(), main.records(), Instant.now()));
    if (memoryInput != main) {
      sb.append(String.format(Locale.ROOT, "In-memory flatten input: %s, %,d bytes, %,d records%n",
          memoryInput.file(), memoryInput.bytes(), memoryInput.records()));
    }
    sb.append(String.format(Locale.ROOT, "Machine: %d processors; java %s; %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        ManagementFactory.getRuntimeMXBean().getVmName()));
    if (repeat > 1) {
      sb.append("Each system ran ").append(repeat).append(" times; the run with the median wall time is shown.\n");
    }
    List<String> tables = new ArrayList<>(main.expectedRows().keySet());
    sb.append("\n| system | input MB | wall s | MB/s | records/s | CPU s | MB per CPU s | peak RSS MB | peak heap MB"
        + " | -Xmx |");
    for (String t : tables) {
      sb.append(' ').append(t).append(" |");
    }
    sb.append(" output MB | load avg (start/end) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int i = 0; i < tables.size(); i++) {
      sb.append("---:|");
    }
    sb.append("---:|---|\n");
    for (ChildRunner.Result r : results) {
      double mb = r.asLong("inputBytes") / 1e6;
      boolean duck = r.label().startsWith("duckdb");
      sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %,.0f | %.2f | %.1f | %s | %s | %s |",
          r.label(), mb, r.seconds(), mb / r.seconds(), r.asLong("records") / r.seconds(), r.cpuSeconds(),
          mb / r.cpuSeconds(), Sizes.mb(r.peakRss()),
          duck ? "n/a (native)" : Sizes.mb(r.asLong("peakHeapUsed")), r.xmx()));
      Map<String, Long> rows = r.rows();
      for (String t : tables) {
        Long n = rows.get(t);
        sb.append(' ').append(n == null ? "–" : String.format(Locale.ROOT, "%,d", n)).append(" |");
      }
      sb.append(String.format(Locale.ROOT, " %s | %s |%n", r.asLong("outputBytes") > 0
          ? Sizes.mb(r.asLong("outputBytes")) : "–", r.values().get("load")));
    }
    if (repeat > 1) {
      sb.append("\nAll runs (wall s / CPU s / peak RSS MB, fastest first):\n\n");
      for (Map.Entry<String, List<ChildRunner.Result>> e : allRuns.entrySet()) {
        sb.append("- ").append(e.getKey()).append(':');
        for (ChildRunner.Result r : e.getValue()) {
          sb.append(String.format(Locale.ROOT, " %.2f / %.2f / %s;", r.seconds(), r.cpuSeconds(),
              Sizes.mb(r.peakRss())));
        }
        sb.setLength(sb.length() - 1);
        sb.append('\n');
      }
    }
    sb.append('\n');
    ratio(sb, results, "transmog-csv", "jackson-scan", "Transmog → CSV / Jackson token scan");
    ratio(sb, results, "transmog-csv", "duckdb-csv", "Transmog → CSV / DuckDB → CSV");
    ratio(sb, results, "transmog-parquet", "duckdb-parquet", "Transmog → Parquet / DuckDB → Parquet");
    ratio(sb, results, "transmog-parquet", "jackson-scan", "Transmog → Parquet / Jackson token scan");
    for (ChildRunner.Result r : results) {
      if (r.values().containsKey("settings")) {
        sb.append("\n").append(r.label()).append(": ").append(r.values().get("settings")).append('\n');
        break;
      }
    }
    sb.append("\nMB/s = input bytes / 10^6 / wall s of the work in the child JVM (JVM start-up excluded). CPU s = CPU"
        + " time of the whole child process (all threads, GC and native) during the work. Peak RSS ="
        + " the child's VmHWM (or time -v's maximum RSS if larger). Peak heap = most heap in use just before any GC"
        + " or at the end (includes garbage not yet collected).\n");
    return sb.toString();
  }

  private static void ratio(StringBuilder sb, List<ChildRunner.Result> results, String a, String b, String label) {
    ChildRunner.Result ra = find(results, a);
    ChildRunner.Result rb = find(results, b);
    if (ra == null || rb == null) {
      return;
    }
    double mbA = ra.asLong("inputBytes") / 1e6 / ra.seconds();
    double mbB = rb.asLong("inputBytes") / 1e6 / rb.seconds();
    double cpuA = ra.asLong("inputBytes") / 1e6 / ra.cpuSeconds();
    double cpuB = rb.asLong("inputBytes") / 1e6 / rb.cpuSeconds();
    sb.append(String.format(Locale.ROOT, "- %s: %.2f× by wall time (%.1f / %.1f MB/s); %.2f× by CPU time (%.1f / %.1f"
        + " MB per CPU s)%n", label, mbA / mbB, mbA, mbB, cpuA / cpuB, cpuA, cpuB));
  }

  private static ChildRunner.Result find(List<ChildRunner.Result> results, String system) {
    for (ChildRunner.Result r : results) {
      if (r.label().equals(system) || r.label().startsWith(system + " #")) {
        return r;
      }
    }
    return null;
  }

  private static List<String> checkRows(Inputs.Input main, Inputs.Input memoryInput, List<ChildRunner.Result> results) {
    List<String> problems = new ArrayList<>();
    for (ChildRunner.Result r : results) {
      if (r.label().startsWith("jackson-scan")) {
        if (r.asLong("records") != main.records()) {
          problems.add(r.label() + ": " + r.asLong("records") + " records, expected " + main.records());
        }
        continue;
      }
      Inputs.Input in = r.label().startsWith("transmog-memory") ? memoryInput : main;
      Map<String, Long> rows = new LinkedHashMap<>(r.rows());
      for (Map.Entry<String, Long> e : in.expectedRows().entrySet()) {
        Long got = rows.remove(e.getKey());
        if (got == null || got.longValue() != e.getValue()) {
          problems.add(String.format(Locale.ROOT, "%s: table %s has %s rows, expected %,d", r.label(), e.getKey(),
              got == null ? "no" : String.format(Locale.ROOT, "%,d", got), e.getValue()));
        }
      }
      if (!rows.isEmpty()) {
        problems.add(r.label() + ": unexpected tables " + rows);
      }
    }
    return problems;
  }

  static String sizeName(long bytes) {
    if (bytes % 1_000_000_000L == 0) {
      return bytes / 1_000_000_000L + "g";
    }
    if (bytes % 1_000_000L == 0) {
      return bytes / 1_000_000L + "m";
    }
    return Long.toString(bytes);
  }
}
