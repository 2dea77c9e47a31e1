package io.transmog.example.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.OutputOptions;
import io.transmog.core.Flattener;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerTest {
  @TempDir Path tmp;

  /** What the failing consumer committed last. */
  private final long[] committed = {-1};

  @AfterEach
  void noTransmogThreadIsLeft() {
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .noneMatch(n -> n.startsWith("transmog-"));
  }

  @Test
  void publishesOneParquetDirectoryPerWindowAndCommitsAfterEach() throws IOException {
    SimulatedTopic topic = new SimulatedTopic(Main.sampleMessages(25, 17).iterator(), 4);
    List<WindowedParquetSink.Window> windows = Main.consume(topic, tmp, 10);

    assertThat(windows).extracting(WindowedParquetSink.Window::number).containsExactly(0, 1, 2);
    assertThat(windows).extracting(WindowedParquetSink.Window::nextOffset).containsExactly(10L, 20L, 25L);
    assertThat(topic.committed()).isEqualTo(25);
    // message 17 is malformed: SKIP mode leaves it out of window 1 and writes it to that window's rejects file
    assertThat(windows).extracting(w -> w.result().records()).containsExactly(10L, 9L, 5L);
    assertThat(windows).extracting(w -> w.result().rejected()).containsExactly(0L, 1L, 0L);
    Path rejects = windows.get(1).result().rejects().orElseThrow();
    assertThat(Files.readAllLines(rejects)).hasSize(1).allMatch(l -> l.contains("B-17"));

    long[] orders = {10, 9, 5};
    for (WindowedParquetSink.Window w : windows) {
      Path dir = tmp.resolve(String.format("window-%05d", w.number()));
      assertThat(w.result().manifest()).isEqualTo(dir.resolve("_transmog_manifest.json"));
      Map<String, Long> rows = w.result().tables().stream()
          .collect(Collectors.toMap(StreamResult.TableSummary::name, StreamResult.TableSummary::rows));
      assertThat(rows).containsExactlyInAnyOrderEntriesOf(
          Map.of("orders", orders[w.number()], "orders_items", 2 * orders[w.number()]));
      for (StreamResult.TableSummary t : w.result().tables()) {
        Path file = dir.resolve(t.name() + ".parquet");
        assertThat(t.files()).extracting(StreamResult.FileSummary::path).containsExactly(file);
        assertThat(parquetRowCount(file)).as(file.toString()).isEqualTo(t.rows());
      }
      assertThat(names(dir)).as("no staging directory left").isNotEmpty().noneMatch(n -> n.startsWith("."));
    }
  }

  @Test
  void closingAFlattenerWithoutFinishPublishesNothing() throws IOException {
    Path out = tmp.resolve("abandoned");
    try (Flattener f = Transmog.flattener(out, OutputOptions.of("parquet"), Main.OPTIONS)) {
      for (String v : Main.sampleMessages(50, -1)) {
        f.acceptJson(v);
      }
      // no finish(): a rebalance, a shutdown, an exception in the application
    }
    assertThat(out).isDirectory();
    assertThat(names(out)).as("nothing published, no staging directory left").isEmpty();
  }

  @Test
  void aConsumerThatFailsMidWindowPublishesOnlyFinishedWindows() throws IOException {
    List<String> values = Main.sampleMessages(25, -1);
    RecordSource failing = new RecordSource() {
      private final SimulatedTopic topic = new SimulatedTopic(values.iterator(), 5);
      private int polls;

      @Override
      public List<Message> poll() {
        if (++polls == 4) {
          throw new IllegalStateException("broker connection lost");
        }
        return topic.poll();
      }

      @Override
      public void commit(long nextOffset) {
        topic.commit(nextOffset);
        committed[0] = nextOffset;
      }
    };
    assertThatThrownBy(() -> Main.consume(failing, tmp, 10)).hasMessage("broker connection lost");
    assertThat(committed[0]).as("only window 0 was committed").isEqualTo(10);
    assertThat(names(tmp)).containsExactly("window-00000", "window-00001");
    assertThat(names(tmp.resolve("window-00000"))).containsExactly("_transmog_manifest.json", "orders.parquet",
        "orders_items.parquet");
    assertThat(names(tmp.resolve("window-00001"))).as("the unfinished window published nothing").isEmpty();
  }

  @Test
  void mainPrintsTheWindows() throws IOException {
    SimulatedTopic topic = new SimulatedTopic(Main.sampleMessages(25, 17).iterator(), 4);
    List<WindowedParquetSink.Window> windows = Main.consume(topic, tmp, 10);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Main.print(windows, topic, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains(
        "10 records, 0 rejected; orders=10 orders_items=20", "9 records, 1 rejected; orders=9 orders_items=18",
        "5 records, 0 rejected; orders=5 orders_items=10", "committed offset: 25");
    Main.main(new String[] {tmp.resolve("main").toString()});
    assertThat(names(tmp.resolve("main"))).containsExactly("window-00000", "window-00001", "window-00002");
  }

  /** The row count in the Parquet footer, decoded without Parquet's Hadoop-bound reader. */
  static long parquetRowCount(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    FileMetaData footer =
        Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - footerLength, footerLength));
    return footer.getNum_rows();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
