package io.transmog.example.shaded;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Path;

/**
 * The main class of the uber jar: {@code java -jar transmog-example-shaded-app.jar} prints the writers discovered in
 * the jar; with an output directory as argument it also writes a few records in every discovered format, one
 * sub-directory per format.
 */
public final class Main {
  static final String INPUT = """
      {"id": 1, "user": {"name": "ana", "country": "PT"}, "events": [{"type": "view", "ms": 12}, {"type": "buy", "ms": 40}]}
      {"id": 2, "user": {"name": "bo", "country": "SE"}, "events": [{"type": "view", "ms": 7}]}
      {"id": 3, "user": {"name": "cy", "country": "KE"}, "events": []}
      """;

  private Main() {}

  /**
   * Runs the example.
   *
   * @param args an optional output directory
   */
  public static void main(String[] args) {
    run(args.length > 0 ? Path.of(args[0]) : null, System.out);
  }

  static void run(Path outDir, PrintStream out) {
    // one META-INF/services entry per writer jar, merged by the ServicesResourceTransformer
    WriterRegistry registry = WriterRegistry.discover();
    out.println("formats: " + String.join(",", registry.formats()));
    for (TableWriterProvider p : registry.providers()) {
      out.println("provider " + p.format() + ": " + p.getClass().getName());
    }
    out.println("load errors: " + (registry.loadErrors().isEmpty() ? "none" : registry.loadErrors()));
    if (outDir == null) {
      return;
    }
    TransmogOptions options = TransmogOptions.builder().name("sessions").build();
    for (String format : registry.formats()) {
      StreamResult r = Transmog.flattenStream(new StringReader(INPUT), outDir.resolve(format),
          OutputOptions.of(format), options);
      StringBuilder line = new StringBuilder("wrote " + format + ":");
      for (StreamResult.TableSummary t : r.tables()) {
        line.append(' ').append(t.name()).append('=').append(t.rows());
      }
      out.println(line);
    }
  }
}
