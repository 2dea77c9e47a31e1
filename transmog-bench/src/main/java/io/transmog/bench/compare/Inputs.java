package io.transmog.bench.compare;

import io.transmog.bench.data.DataGenerator;
import io.transmog.bench.data.Generated;
import io.transmog.bench.data.Layout;
import io.transmog.bench.data.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Generated orders files for the harnesses, reused when present. Next to each file a {@code .rows} properties file
 * records the generator's seed and the rows per table it implies, so that a reused file is still checked.
 */
final class Inputs {
  private Inputs() {}

  /**
   * An input file and the rows it must produce.
   *
   * @param file the JSON Lines file
   * @param bytes its size
   * @param records its records
   * @param expectedRows rows per table
   */
  record Input(Path file, long bytes, long records, Map<String, Long> expectedRows) {}

  static Input orders(Path file, long size, long seed) {
    Path rowsFile = file.resolveSibling(file.getFileName() + ".rows");
    try {
      if (Files.isRegularFile(file) && Files.isRegularFile(rowsFile)) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(rowsFile)) {
          p.load(in);
        }
        if (Long.parseLong(p.getProperty("seed")) == seed && Long.parseLong(p.getProperty("bytes")) == Files.size(file)
            && Long.parseLong(p.getProperty("target")) == size) {
          Map<String, Long> rows = new LinkedHashMap<>();
          for (String t : p.getProperty("tables").split(",")) {
            rows.put(t, Long.parseLong(p.getProperty("rows." + t)));
          }
          System.out.printf(Locale.ROOT, "reusing %s (%,d bytes, %,d records, seed %d)%n", file, Files.size(file),
              Long.parseLong(p.getProperty("records")), seed);
          return new Input(file, Files.size(file), Long.parseLong(p.getProperty("records")), rows);
        }
      }
      System.out.printf(Locale.ROOT, "generating %s (%,d bytes, seed %d) ...%n", file, size, seed);
      long start = System.nanoTime();
      Generated g = DataGenerator.writeFile(file, Variant.ORDERS, Layout.JSON_LINES, seed, 0, size);
      System.out.printf(Locale.ROOT, "  %,d records in %.1f s%n", g.records(), (System.nanoTime() - start) / 1e9);
      Properties p = new Properties();
      p.setProperty("seed", Long.toString(seed));
      p.setProperty("target", Long.toString(size));
      p.setProperty("bytes", Long.toString(g.bytes()));
      p.setProperty("records", Long.toString(g.records()));
      p.setProperty("tables", String.join(",", g.expectedRows().keySet()));
      g.expectedRows().forEach((t, n) -> p.setProperty("rows." + t, Long.toString(n)));
      try (OutputStream out = Files.newOutputStream(rowsFile)) {
        p.store(out, "written by the transmog-bench generator; delete with the data file");
      }
      return new Input(file, g.bytes(), g.records(), g.expectedRows());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a file once so that every measured run finds it in the page cache. */
  static void warmPageCache(Path file) {
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      while (in.read(buf) >= 0) {
        // nothing
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
