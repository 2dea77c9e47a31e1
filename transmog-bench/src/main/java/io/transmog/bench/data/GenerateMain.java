package io.transmog.bench.data;

import io.transmog.bench.support.Sizes;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Command line for the generator.
 *
 * <pre>
 * java -cp transmog-bench/target/benchmarks.jar io.transmog.bench.data.GenerateMain \
 *     --out target/orders-1g.jsonl --size 1g --variant orders --seed 42 [--layout jsonl|array]
 * java -cp ... GenerateMain --out target/deep.jsonl --records 10000 --variant deep
 * </pre>
 *
 * <p>{@code --size} is decimal ({@code 1g} = 10^9 bytes; generation stops at the first record that reaches it).
 * {@code --layout} defaults to {@code array} for a {@code .json} file and {@code jsonl} otherwise.
 */
public final class GenerateMain {
  private GenerateMain() {}

  /**
   * Runs the generator.
   *
   * @param args see the class documentation
   */
  public static void main(String[] args) {
    Path out = null;
    long size = 0;
    long records = 0;
    Variant variant = Variant.ORDERS;
    long seed = 42;
    Layout layout = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--size":
          size = Sizes.parse(args[++i]);
          break;
        case "--records":
          records = Long.parseLong(args[++i].replace("_", ""));
          break;
        case "--variant":
          variant = Variant.parse(args[++i]);
          break;
        case "--seed":
          seed = Long.parseLong(args[++i]);
          break;
        case "--layout":
          String l = args[++i].toLowerCase(Locale.ROOT);
          layout = l.equals("array") || l.equals("json") ? Layout.ARRAY : Layout.JSON_LINES;
          break;
        case "-h":
        case "--help":
          usage();
          return;
        default:
          System.err.println("unknown argument: " + a);
          usage();
          System.exit(2);
      }
    }
    if (out == null || (size <= 0 && records <= 0)) {
      usage();
      System.exit(2);
    }
    if (layout == null) {
      layout = out.getFileName().toString().endsWith(".json") ? Layout.ARRAY : Layout.JSON_LINES;
    }
    long start = System.nanoTime();
    Generated g = DataGenerator.writeFile(out, variant, layout, seed, records, size);
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "wrote %s: %s, %s, seed %d, %,d records, %,d bytes in %.2f s (%.0f MB/s)%n",
        out, variant.cliName(), layout, seed, g.records(), g.bytes(), secs, g.bytes() / 1e6 / secs);
    for (Map.Entry<String, Long> e : g.expectedRows().entrySet()) {
      System.out.printf(Locale.ROOT, "  expected rows %-40s %,d%n", e.getKey(), e.getValue());
    }
  }

  private static void usage() {
    System.err.println("usage: GenerateMain --out FILE (--size 1g | --records N) [--variant orders|deep|large-array]"
        + " [--seed 42] [--layout jsonl|array]");
  }
}
