package io.transmog.example.app;

import io.transmog.api.TransmogOptions;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs on the module path: lists the writers the module layer provides, flattens one record and saves it as CSV.
 *
 * <pre>
 * java -p target/classes:&lt;transmog-api, -core, -io-csv, jackson-core, commons-csv, commons-io, commons-codec jars&gt;
 *      -m io.transmog.example.app/io.transmog.example.app.Main [output-dir]
 * </pre>
 */
public final class Main {
  private Main() {}

  /**
   * Runs the example.
   *
   * @param args an optional output directory; a new temporary directory by default
   * @throws IOException if the temporary directory cannot be created
   */
  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("transmog-module-app-");
    run(out, System.out);
  }

  /**
   * Discovers the writers, flattens one record and writes it with the CSV writer.
   *
   * @param outDir where the CSV files go
   * @param out where the report is printed
   * @return the files written
   */
  static List<Path> run(Path outDir, PrintStream out) {
    Module self = Main.class.getModule();
    out.println("module: " + self.getName() + " (named: " + self.isNamed() + ")");

    // ServiceLoader through the module layer: core's `uses` + csv's `provides`, no META-INF/services needed
    WriterRegistry registry = WriterRegistry.discover();
    out.println("formats: " + String.join(",", registry.formats()));
    for (TableWriterProvider p : registry.providers()) {
      Module m = p.getClass().getModule();
      out.println("provider " + p.format() + ": " + (m.isNamed() ? m.getName() : "unnamed") + " (layer: "
          + (m.getLayer() == ModuleLayer.boot() ? "boot" : String.valueOf(m.getLayer())) + ")");
    }
    if (!registry.formats().contains("csv")) {
      throw new IllegalStateException("transmog-io-csv is not on the module path: " + registry.formats());
    }

    Map<String, Object> record = Map.of(
        "id", 42,
        "name", "module path",
        "owner", Map.of("team", "data", "site", "Lyon"),
        "items", List.of(Map.of("sku", "A", "qty", 1), Map.of("sku", "B", "qty", 2)));
    FlattenResult result = Transmog.flatten(record, TransmogOptions.builder().name("records").build());
    out.println("tables: " + result);

    List<Path> files = result.save(outDir, "csv", FormatOptions.empty(), registry);
    for (Path f : files) {
      out.println("wrote " + f.getFileName());
    }
    return files;
  }
}
