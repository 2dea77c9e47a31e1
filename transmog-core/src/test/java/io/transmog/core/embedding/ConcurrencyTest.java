package io.transmog.core.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.table.Table;
import io.transmog.api.table.TableSchema;
import io.transmog.core.FlattenResult;
import io.transmog.core.Flattener;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One options object, built once and shared, used by 8 threads at the same time for every entry point; each result
 * must be exactly the single-threaded one: every table's schema and every row (deterministic IDs make the IDs
 * comparable), and every output file byte for byte (the manifest up to its creation time and duration).
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 4;

  /** The one shared options object. parallelism(2): every streaming run also starts its own writer thread. */
  private static final TransmogOptions SHARED = TransmogOptions.builder()
      .name("orders")
      .idStrategy(IdStrategy.deterministic())
      .includeTimestamp(false)
      .includeRootId(true)
      .includeIndex(true)
      .chunkSize(64)
      .parallelism(2)
      .build();

  /** One registry, shared as well: immutable once built. */
  private static final WriterRegistry REGISTRY = WriterRegistry.discover();

  @TempDir static Path tmp;

  private static Path jsonl;
  private static Path gzip;
  private static Path document;
  private static String jsonText;
  private static List<Map<String, Object>> maps;
  private static List<String> lines;

  @BeforeAll
  static void inputs() throws IOException {
    String orders = Embedding.orders(400, 1);
    jsonl = Embedding.write(tmp.resolve("in/orders.jsonl"), orders);
    gzip = tmp.resolve("in/orders-2.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write(Embedding.orders(300, 2).getBytes(StandardCharsets.UTF_8));
    }
    document = Embedding.write(tmp.resolve("in/mixed.json"), Embedding.document(200));
    jsonText = Embedding.orders(150, 3);
    lines = List.copyOf(orders.lines().toList());
    // Java objects shared read-only by every thread
    maps = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      maps.add(Map.of("id", i, "name", "m" + i, "nested", Map.of("x", i * 1.5, "flag", i % 2 == 0),
          "children", List.of(Map.of("k", "a" + i), Map.of("k", "b" + i, "v", List.of(1, 2, 3)))));
    }
    maps = List.copyOf(maps);
  }

  /** The in-memory entry points, each with the shared options. */
  private static final Map<String, Function<TransmogOptions, FlattenResult>> IN_MEMORY = new LinkedHashMap<>();
  /** The streaming entry points: options and output directory to the published result. */
  private static final Map<String, StreamCall> STREAMING = new LinkedHashMap<>();

  interface StreamCall {
    StreamResult run(TransmogOptions options, Path out);
  }

  static {
    IN_MEMORY.put("file jsonl", o -> Transmog.flatten(jsonl, o));
    IN_MEMORY.put("file gzip", o -> Transmog.flatten(gzip, o));
    IN_MEMORY.put("file document", o -> Transmog.flatten(document, o));
    IN_MEMORY.put("string", o -> Transmog.flatten(jsonText, o));
    IN_MEMORY.put("input stream", o -> {
      try (InputStream in = Files.newInputStream(gzip)) {
        return Transmog.flatten(in, o);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    IN_MEMORY.put("reader", o -> Transmog.flatten(new StringReader(jsonText), o));
    IN_MEMORY.put("maps", o -> Transmog.flatten(maps, o));

    STREAMING.put("stream jsonl", (o, out) -> Transmog.flattenStream(jsonl, out, OutputOptions.of("jsonl"), o));
    STREAMING.put("stream gzip", (o, out) -> Transmog.flattenStream(gzip, out, OutputOptions.of("jsonl"), o));
    STREAMING.put("stream document, parts of 100 rows, shared registry", (o, out) -> Transmog.flattenStream(document,
        out, OutputOptions.builder().format("jsonl").maxRowsPerFile(100).build(), o, REGISTRY));
    STREAMING.put("stream reader", (o, out) -> Transmog.flattenStream(new StringReader(jsonText), out,
        OutputOptions.of("jsonl"), o));
    STREAMING.put("stream iterator", (o, out) -> Transmog.flattenStream(maps.iterator(), out,
        OutputOptions.of("jsonl"), o));
    STREAMING.put("flattener", (o, out) -> {
      try (Flattener f = Transmog.flattener(out, OutputOptions.of("jsonl"), o, REGISTRY)) {
        lines.forEach(f::acceptJson);
        return f.finish();
      }
    });
  }

  @Test
  void eightThreadsSharingOneOptionsObjectGetTheSingleThreadedOutput() throws Exception {
    // the reference: every entry point once, on this thread alone
    Map<String, List<TableSnapshot>> expectedTables = new LinkedHashMap<>();
    IN_MEMORY.forEach((name, call) -> expectedTables.put(name, snapshot(call.apply(SHARED))));
    Map<String, Map<String, byte[]>> expectedFiles = new LinkedHashMap<>();
    STREAMING.forEach((name, call) -> {
      Path out = tmp.resolve("expected").resolve(Integer.toString(expectedFiles.size()));
      call.run(SHARED, out);
      expectedFiles.put(name, files(out));
    });
    assertThat(expectedTables.get("file jsonl")).extracting(TableSnapshot::name)
        .containsExactly("orders", "orders_items", "orders_items_discounts");
    assertThat(expectedFiles.get("stream document, parts of 100 rows, shared registry").keySet())
        .as("the document is split into parts").contains("orders-00000.jsonl", "orders-00001.jsonl");

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          int compared = 0;
          for (int round = 0; round < ROUNDS; round++) {
            // a different order per thread, so that different entry points overlap
            List<String> memory = rotate(new ArrayList<>(IN_MEMORY.keySet()), thread + round);
            for (String name : memory) {
              List<TableSnapshot> actual = snapshot(IN_MEMORY.get(name).apply(SHARED));
              assertSameTables(name, thread, round, expectedTables.get(name), actual);
              compared++;
            }
            List<String> streaming = rotate(new ArrayList<>(STREAMING.keySet()), thread + round);
            for (String name : streaming) {
              Path out = tmp.resolve("t" + thread).resolve("r" + round).resolve(Integer.toString(compared));
              STREAMING.get(name).run(SHARED, out);
              assertSameFiles(name, thread, round, expectedFiles.get(name), files(out));
              Embedding.deleteTree(out);
              compared++;
            }
          }
          return compared;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(5, TimeUnit.MINUTES); // rethrows the first assertion error of that thread
      }
      assertThat(total).isEqualTo(THREADS * ROUNDS * (IN_MEMORY.size() + STREAMING.size()));
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
  }

  @Test
  void sharedOptionsAreUnchangedByUse() {
    TransmogOptions copy = SHARED.toBuilder().build();
    Transmog.flatten(jsonText, SHARED);
    assertThat(SHARED).isEqualTo(copy);
    assertThat(SHARED.transforms()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** One table, fully materialised: name, schema and every row as an ordered map. */
  record TableSnapshot(String name, TableSchema schema, List<Map<String, Object>> rows) {}

  private static List<TableSnapshot> snapshot(FlattenResult r) {
    List<TableSnapshot> out = new ArrayList<>();
    for (Table t : r.tables()) {
      out.add(new TableSnapshot(t.name(), t.schema(), t.rows()));
    }
    return out;
  }

  private static void assertSameTables(String call, int thread, int round, List<TableSnapshot> expected,
      List<TableSnapshot> actual) {
    String where = call + ", thread " + thread + ", round " + round;
    assertThat(actual).extracting(TableSnapshot::name).as(where).containsExactlyElementsOf(
        expected.stream().map(TableSnapshot::name).toList());
    for (int i = 0; i < expected.size(); i++) {
      TableSnapshot e = expected.get(i);
      TableSnapshot a = actual.get(i);
      assertThat(a.schema()).as(where + ": schema of " + e.name()).isEqualTo(e.schema());
      assertThat(a.rows()).as(where + ": row count of " + e.name()).hasSameSizeAs(e.rows());
      for (int r = 0; r < e.rows().size(); r++) {
        assertThat(a.rows().get(r)).as(where + ": " + e.name() + " row " + r).isEqualTo(e.rows().get(r));
      }
    }
  }

  private static void assertSameFiles(String call, int thread, int round, Map<String, byte[]> expected,
      Map<String, byte[]> actual) {
    String where = call + ", thread " + thread + ", round " + round;
    assertThat(actual.keySet()).as(where + ": files").containsExactlyElementsOf(expected.keySet());
    expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(where + ": bytes of " + name)
        .isEqualTo(bytes));
  }

  /** Every file of a directory by name, the manifest with its creation time and duration masked. */
  private static Map<String, byte[]> files(Path dir) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String name : Embedding.names(dir)) {
      try {
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        if (name.equals("_transmog_manifest.json")) {
          String text = new String(bytes, StandardCharsets.UTF_8)
              .replaceAll("\"createdAt\" : \"[^\"]*\"", "\"createdAt\" : \"*\"")
              .replaceAll("\"durationMillis\" : \\d+", "\"durationMillis\" : 0");
          bytes = text.getBytes(StandardCharsets.UTF_8);
        }
        out.put(name, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(out.keySet()).as("published files of " + dir).contains("_transmog_manifest.json")
        .noneMatch(n -> n.startsWith("."));
    return out;
  }

  private static List<String> rotate(List<String> list, int by) {
    java.util.Collections.rotate(list, by);
    return list;
  }
}
