package io.transmog.example.kafka;

import io.transmog.api.ErrorMode;
import io.transmog.api.TransmogOptions;
import io.transmog.core.StreamResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A consumer loop: poll, push every message into the current Parquet window, commit when a window is published.
 * Bad messages do not stop the consumer: in {@link ErrorMode#SKIP} mode they go to the window's
 * {@code _transmog_rejects.jsonl}.
 */
public final class Main {
  /** Shared, immutable options: one object for every window (and every consumer thread). */
  static final TransmogOptions OPTIONS = TransmogOptions.builder()
      .name("orders")
      .onError(ErrorMode.SKIP)
      .build();

  private Main() {}

  /**
   * Consumes a simulated topic of 25 orders (one of them malformed) into windows of 10.
   *
   * @param args an optional output directory
   * @throws IOException if the temporary directory cannot be created
   */
  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("transmog-consumer-");
    SimulatedTopic topic = new SimulatedTopic(sampleMessages(25, 17).iterator(), 4);
    List<WindowedParquetSink.Window> windows = consume(topic, out, 10);
    print(windows, topic, System.out);
  }

  /**
   * The poll loop.
   *
   * @param source where messages come from
   * @param outDir where window directories are created
   * @param recordsPerWindow messages per window
   * @return the published windows
   */
  public static List<WindowedParquetSink.Window> consume(RecordSource source, Path outDir, long recordsPerWindow) {
    List<WindowedParquetSink.Window> published = new ArrayList<>();
    // close() discards a half-filled window if anything below fails: its messages were not committed
    try (WindowedParquetSink sink = new WindowedParquetSink(outDir, OPTIONS, recordsPerWindow)) {
      while (true) {
        List<Message> batch = source.poll();
        if (batch.isEmpty()) {
          break; // a real consumer would go on polling; the simulated topic is drained
        }
        for (Message m : batch) {
          sink.accept(m).ifPresent(w -> {
            published.add(w);
            source.commit(w.nextOffset());
          });
        }
      }
      sink.flush().ifPresent(w -> {
        published.add(w);
        source.commit(w.nextOffset());
      });
    }
    return published;
  }

  static void print(List<WindowedParquetSink.Window> windows, SimulatedTopic topic, PrintStream out) {
    for (WindowedParquetSink.Window w : windows) {
      StringBuilder line = new StringBuilder("window " + w.number() + " (" + w.result().manifest().getParent()
          + "): " + w.result().records() + " records, " + w.result().rejected() + " rejected;");
      for (StreamResult.TableSummary t : w.result().tables()) {
        line.append(' ').append(t.name()).append('=').append(t.rows());
      }
      out.println(line);
    }
    out.println("committed offset: " + topic.committed());
  }

  /**
   * Order messages as JSON text.
   *
   * @param n how many
   * @param malformed the index of one malformed message, or -1
   * @return the values
   */
  static List<String> sampleMessages(int n, int malformed) {
    List<String> values = new ArrayList<>();
    IntStream.range(0, n).forEach(i -> values.add(i == malformed
        ? "{\"order_id\": \"B-" + i + "\", \"items\": [{\"sku\": " // truncated: a producer bug
        : "{\"order_id\": \"B-" + i + "\", \"customer\": {\"id\": " + (i % 7) + "}, \"items\": ["
            + "{\"sku\": \"S" + i + "\", \"qty\": " + (1 + i % 3) + "},"
            + "{\"sku\": \"T" + i + "\", \"qty\": 1}]}"));
    return values;
  }
}
