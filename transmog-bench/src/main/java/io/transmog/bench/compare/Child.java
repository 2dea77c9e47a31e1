package io.transmog.bench.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.table.Table;
import io.transmog.bench.support.Dirs;
import io.transmog.bench.support.MemoryWatch;
import io.transmog.core.FlattenResult;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured task, run in a fresh JVM started by {@link CompareMain} or {@link MemoryTableMain}. Prints its
 * measurements as {@code RESULT key value} lines on standard output, read by {@link ChildRunner}.
 *
 * <pre>
 * Child TASK INPUT OUTDIR [key=value ...]
 *   TASK: jackson-scan | transmog-stream | transmog-memory | duckdb
 *   keys: format=csv|parquet|jsonl  chunkSize=N  lowMemory=true|false  name=orders  fo.KEY=VALUE (format option)
 * </pre>
 */
public final class Child {
  private Child() {}

  /**
   * Runs one task.
   *
   * @param args task, input, output directory, options
   * @throws Exception on any failure (the exit code is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    String task = args[0];
    Path input = Path.of(args[1]);
    Path outDir = Path.of(args[2]);
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    if (task.equals("duckdb")) {
      DuckDbRun.warmUp(); // like JVM start-up, loading the native library is not part of the measurement
    }
    MemoryWatch watch = MemoryWatch.start();
    double load0 = MemoryWatch.loadAverage();
    Map<String, Long> rows = new LinkedHashMap<>();
    long cpu0 = MemoryWatch.processCpuNanos();
    long start = System.nanoTime();
    long records;
    String extra = "";
    switch (task) {
      case "jackson-scan":
        records = jacksonScan(input, rows);
        break;
      case "transmog-stream":
        records = transmogStream(input, outDir, opts, rows);
        break;
      case "transmog-memory":
        records = transmogMemory(input, opts, rows);
        break;
      case "duckdb":
        DuckDbRun.Outcome o = DuckDbRun.run(input, outDir, opts.getOrDefault("format", "csv"), rows);
        records = o.records();
        extra = o.settings();
        break;
      default:
        throw new IllegalArgumentException("unknown task " + task);
    }
    long nanos = System.nanoTime() - start;
    long cpuNanos = MemoryWatch.processCpuNanos() - cpu0;
    Thread.sleep(200); // let the last GC notifications arrive
    long[] gc = MemoryWatch.gcCountAndMillis();
    long outBytes = Files.isDirectory(outDir) ? Dirs.size(outDir) : 0;
    result("task", task);
    result("seconds", String.format(Locale.ROOT, "%.3f", nanos / 1e9));
    result("cpuSeconds", String.format(Locale.ROOT, "%.3f", cpuNanos / 1e9));
    result("inputBytes", Long.toString(Files.size(input)));
    result("records", Long.toString(records));
    for (Map.Entry<String, Long> e : rows.entrySet()) {
      result("rows." + e.getKey(), Long.toString(e.getValue()));
    }
    result("outputBytes", Long.toString(outBytes));
    result("peakHeapUsed", Long.toString(watch.peakHeapUsed()));
    result("peakHeapLive", Long.toString(watch.peakHeapLive()));
    result("sumOfPoolPeaks", Long.toString(MemoryWatch.sumOfPoolPeaks()));
    result("maxHeap", Long.toString(MemoryWatch.maxHeap()));
    result("vmHwm", Long.toString(MemoryWatch.procStatus("VmHWM")));
    result("vmRss", Long.toString(MemoryWatch.procStatus("VmRSS")));
    result("gcCount", Long.toString(gc[0]));
    result("gcMillis", Long.toString(gc[1]));
    result("load", String.format(Locale.ROOT, "%.2f/%.2f", load0, MemoryWatch.loadAverage()));
    result("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    if (!extra.isEmpty()) {
      result("settings", extra);
    }
    System.out.flush();
  }

  private static void result(String key, String value) {
    System.out.println("RESULT " + key + " " + value);
  }

  /** The ceiling: every token of the file through Jackson's streaming parser, nothing else (one thread). */
  static long jacksonScan(Path input, Map<String, Long> rows) throws Exception {
    JsonFactory factory = new JsonFactory();
    long records = 0;
    long tokens = 0;
    try (InputStream in = Files.newInputStream(input); JsonParser p = factory.createParser(in)) {
      int depth = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        tokens++;
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
          if (depth == 0 && t == JsonToken.END_OBJECT) {
            records++;
          }
        }
      }
    }
    rows.put("tokens", tokens);
    return records;
  }

  static TransmogOptions options(Map<String, String> opts) {
    TransmogOptions.Builder b = TransmogOptions.builder().name(opts.getOrDefault("name", "orders"));
    if (opts.containsKey("chunkSize")) {
      b.chunkSize(Integer.parseInt(opts.get("chunkSize")));
    }
    if (opts.containsKey("lowMemory")) {
      b.lowMemory(Boolean.parseBoolean(opts.get("lowMemory")));
    }
    return b.build();
  }

  static long transmogStream(Path input, Path outDir, Map<String, String> opts, Map<String, Long> rows) {
    Map<String, String> formatOptions = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : opts.entrySet()) {
      if (e.getKey().startsWith("fo.")) {
        formatOptions.put(e.getKey().substring(3), e.getValue());
      }
    }
    OutputOptions output = OutputOptions.builder().format(opts.getOrDefault("format", "csv"))
        .formatOptions(FormatOptions.of(formatOptions)).overwrite(true).build();
    StreamResult r = Transmog.flattenStream(input, outDir, output, options(opts));
    for (StreamResult.TableSummary t : r.tables()) {
      rows.put(t.name(), t.rows());
    }
    return r.records();
  }

  static long transmogMemory(Path input, Map<String, String> opts, Map<String, Long> rows) {
    FlattenResult r = Transmog.flatten(input, options(opts));
    long main = 0;
    List<Table> tables = new ArrayList<>(r.tables());
    for (Table t : tables) {
      rows.put(t.name(), (long) t.rowCount());
    }
    main = r.main().rowCount();
    // keep the result reachable until the measurement ends
    KEEP.add(r);
    return main;
  }

  private static final List<Object> KEEP = new ArrayList<>();
}
