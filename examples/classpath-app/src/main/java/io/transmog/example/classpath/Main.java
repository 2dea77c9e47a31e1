package io.transmog.example.classpath;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plain class-path application: flattens {@code orders.json} (a resource of this jar) in memory, then streams it to
 * CSV and to Parquet files, and prints each table with its row count. Run it with this jar and its runtime
 * dependencies on the class path ({@code mvn dependency:build-classpath} prints them).
 */
public final class Main {
  /** The options: built once, immutable, shared by every call below (and by any number of threads). */
  static final TransmogOptions OPTIONS = TransmogOptions.builder().name("orders").build();

  private Main() {}

  /**
   * Runs the example.
   *
   * @param args an optional output directory; a new temporary directory by default
   * @throws IOException if the temporary directory cannot be created
   */
  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("transmog-classpath-app-");
    run(out).print(System.out);
  }

  /**
   * What the example produced.
   *
   * @param inMemory the tables flattened in memory
   * @param csv the CSV streaming run
   * @param parquet the Parquet streaming run
   */
  record Report(FlattenResult inMemory, StreamResult csv, StreamResult parquet) {
    void print(PrintStream out) {
      out.println("in memory:");
      for (Table t : inMemory.tables()) {
        out.printf("  %s: %d rows%n", t.name(), t.rowCount());
      }
      print(out, "csv", csv);
      print(out, "parquet", parquet);
    }

    private static void print(PrintStream out, String format, StreamResult r) {
      out.printf("%s (%s):%n", format, r.manifest().getParent());
      for (StreamResult.TableSummary t : r.tables()) {
        out.printf("  %s: %d rows -> %s%n", t.name(), t.rows(), t.files().get(0).path().getFileName());
      }
    }
  }

  /**
   * Flattens the bundled orders in memory and streams them to {@code <outDir>/csv} and {@code <outDir>/parquet}.
   *
   * @param outDir the output directory
   * @return what was produced
   */
  static Report run(Path outDir) {
    // in memory: every row of every table, columnar; fine for small inputs
    FlattenResult result;
    try (InputStream in = orders()) {
      result = Transmog.flatten(in, OPTIONS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    // streaming: one file per table, published only when the whole input was read; the writers (transmog-io-csv,
    // transmog-io-parquet) are found on the class path through their META-INF/services entries
    StreamResult csv = stream(outDir.resolve("csv"), OutputOptions.of("csv"));
    StreamResult parquet = stream(outDir.resolve("parquet"), OutputOptions.of("parquet"));
    return new Report(result, csv, parquet);
  }

  private static StreamResult stream(Path dir, OutputOptions output) {
    try (InputStream in = orders()) {
      return Transmog.flattenStream(in, dir, output, OPTIONS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream orders() {
    InputStream in = Main.class.getResourceAsStream("/orders.json");
    if (in == null) {
      throw new IllegalStateException("orders.json is missing from the class path");
    }
    return in;
  }
}
