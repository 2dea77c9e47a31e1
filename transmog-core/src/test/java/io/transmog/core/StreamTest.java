package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.MalformedInputException;
import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.WriterException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTest {
  @TempDir Path tmp;

  private static final TransmogOptions OPTS = TransmogOptions.builder().name("orders").chunkSize(10).build();

  private static String order(int i) {
    return "{\"id\":" + i + ",\"customer\":{\"name\":\"c" + i + "\"},\"items\":[{\"sku\":\"A" + i
        + "\",\"discounts\":[{\"pct\":0.5}]},{\"sku\":\"B" + i + "\"}],\"tags\":[\"x\",\"y\"]}";
  }

  private Path input(int n) throws IOException {
    Path f = tmp.resolve("orders.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(order(i)).append('\n');
    }
    Files.writeString(f, sb);
    return f;
  }

  private List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void streamWritesTheSameTablesAsInMemoryAndAManifest() throws IOException {
    Path in = input(95);
    Path out = tmp.resolve("out");
    StreamResult r = Transmog.flattenStream(in, out, OutputOptions.of("jsonl"), OPTS);
    FlattenResult mem = Transmog.flatten(in, OPTS);
    assertThat(r.records()).isEqualTo(95);
    assertThat(r.inputBytes()).isEqualTo(Files.size(in));
    assertThat(r.tables()).extracting(StreamResult.TableSummary::name).containsExactlyElementsOf(mem.tableNames());
    for (StreamResult.TableSummary t : r.tables()) {
      assertThat(t.rows()).isEqualTo(mem.table(t.name()).orElseThrow().rowCount());
      assertThat(t.columns()).isEqualTo(mem.table(t.name()).orElseThrow().schema().columns());
      assertThat(FlattenResultSaveTest.readJsonLines(t.files().get(0).path())).hasSize((int) t.rows());
    }
    assertThat(files(out)).containsExactly("_transmog_manifest.json", "orders.jsonl", "orders_items.jsonl",
        "orders_items_discounts.jsonl");
    String manifest = Files.readString(r.manifest());
    assertThat(manifest).contains("\"records\" : 95", "\"name\" : \"orders_items_discounts\"",
        "\"parent\" : \"orders_items\"", "\"file\" : \"orders_items.jsonl\"", "\"rows\" : 190",
        "\"type\" : \"JSON\"", "\"chunkSize\" : 10");
  }

  @Test
  void partsSplitAtTheRowLimitAndAreListedInOrder() throws IOException {
    Path out = tmp.resolve("out");
    StreamResult r = Transmog.flattenStream(input(95), out,
        OutputOptions.builder().format("jsonl").maxRowsPerFile(30).build(), OPTS);
    StreamResult.TableSummary main = r.table("orders").orElseThrow();
    assertThat(main.files()).extracting(f -> f.path().getFileName().toString())
        .containsExactly("orders-00000.jsonl", "orders-00001.jsonl", "orders-00002.jsonl", "orders-00003.jsonl");
    assertThat(main.files()).extracting(StreamResult.FileSummary::rows).containsExactly(30L, 30L, 30L, 5L);
    assertThat(Files.readString(r.manifest())).contains("orders-00003.jsonl");
  }

  @Test
  void partsSplitAtTheByteLimit() throws IOException {
    StreamResult r = Transmog.flattenStream(input(200), tmp.resolve("out"),
        OutputOptions.builder().format("jsonl").maxBytesPerFile(20_000).build(), OPTS);
    List<StreamResult.FileSummary> parts = r.table("orders_items").orElseThrow().files();
    assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
    // cut at chunk boundaries: a part exceeds the limit by at most one chunk (20 item rows of ~155 bytes)
    assertThat(parts).allSatisfy(p -> assertThat(p.bytes()).isLessThan(20_000 + 20 * 200));
    assertThat(parts.stream().mapToLong(StreamResult.FileSummary::rows).sum()).isEqualTo(400);
  }

  @Test
  void aGrowingSchemaStartsANewPartForWritersThatCannotAppend() throws IOException {
    Path in = tmp.resolve("grow.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      sb.append(i < 12 ? "{\"a\":" + i + "}" : "{\"a\":" + i + ".5,\"b\":\"x\"}").append('\n');
    }
    Files.writeString(in, sb);
    Strict strict = new Strict();
    StreamResult r = Transmog.flattenStream(in, tmp.resolve("out"), OutputOptions.of("strict"), OPTS,
        WriterRegistry.builder().register(strict).build());
    List<StreamResult.FileSummary> parts = r.table("orders").orElseThrow().files();
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).rows()).isEqualTo(10);
    assertThat(parts.get(0).columns()).extracting(c -> c.name() + ":" + c.type())
        .containsExactly("_id:STRING", "_timestamp:STRING", "a:LONG");
    assertThat(parts.get(1).columns()).extracting(c -> c.name() + ":" + c.type())
        .containsExactly("_id:STRING", "_timestamp:STRING", "a:DOUBLE", "b:STRING");
    assertThat(r.table("orders").orElseThrow().columns()).extracting(c -> c.type())
        .containsExactly(ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.STRING);
  }

  @Test
  void batchesNeverHoldMoreThanOneChunk() throws IOException {
    Strict strict = new Strict();
    Transmog.flattenStream(input(95), tmp.resolve("out"), OutputOptions.of("strict"), OPTS,
        WriterRegistry.builder().register(strict).build());
    assertThat(strict.maxRows.get("orders")).isEqualTo(10);
    assertThat(strict.maxRows.get("orders_items")).isEqualTo(20);
  }

  @Test
  void oneHugeArrayIsStreamedOutInsideItsRecord() throws IOException {
    Path in = tmp.resolve("huge.json");
    try (var w = Files.newBufferedWriter(in)) {
      w.write("{\"id\":1,\"items\":[");
      for (int i = 0; i < 200_000; i++) {
        w.write((i == 0 ? "" : ",") + "{\"sku\":" + i + "}");
      }
      w.write("],\"after\":true}");
    }
    Strict strict = new Strict();
    StreamResult r = Transmog.flattenStream(in, tmp.resolve("out"), OutputOptions.of("strict"), OPTS,
        WriterRegistry.builder().register(strict).build());
    assertThat(r.table("orders_items").orElseThrow().rows()).isEqualTo(200_000);
    assertThat(strict.maxRows.get("orders_items")).isLessThanOrEqualTo(4096);
    assertThat(r.table("orders").orElseThrow().columns()).extracting(c -> c.name()).contains("after");
  }

  @Test
  void progressIsReportedPerChunkAndAtTheEnd() throws IOException {
    Path in = input(95);
    List<io.transmog.api.ProgressListener.Progress> seen = new ArrayList<>();
    Transmog.flattenStream(in, tmp.resolve("out"), OutputOptions.of("jsonl"),
        OPTS.toBuilder().progressListener(seen::add).build());
    assertThat(seen).hasSize(10);
    assertThat(seen.get(0).records()).isEqualTo(10);
    assertThat(seen.get(9).done()).isTrue();
    assertThat(seen.get(9).records()).isEqualTo(95);
    assertThat(seen.get(9).bytesRead()).isEqualTo(Files.size(in));
    assertThat(seen.get(9).fraction()).isEqualTo(1.0);
  }

  @Test
  void badInputPublishesNothing() throws IOException {
    Path in = input(50);
    Files.writeString(in, "{\"id\": oops}\n", java.nio.file.StandardOpenOption.APPEND);
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> Transmog.flattenStream(in, out, OutputOptions.of("jsonl"), OPTS))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(in + ":51:");
    assertThat(files(out)).isEmpty();
  }

  @Test
  void aWriterFailurePublishesNothing() throws IOException {
    Strict failing = new Strict();
    failing.failAfter = 3;
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> Transmog.flattenStream(input(95), out, OutputOptions.of("strict"), OPTS,
            WriterRegistry.builder().register(failing).build()))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("disk full");
    assertThat(files(out)).isEmpty();
  }

  @Test
  void anInterruptPublishesNothing() {
    Path out = tmp.resolve("out");
    Iterator<String> endless = Stream.iterate(0, i -> i + 1).map(StreamTest::order).iterator();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Transmog.flattenStream(endless, out, OutputOptions.of("jsonl"), OPTS))
          .isInstanceOf(TransmogException.class)
          .hasMessageContaining("interrupted");
    } finally {
      Thread.interrupted();
    }
    assertThat(out).isEmptyDirectory();
  }

  @Test
  void aNonEmptyDirectoryIsRefusedUnlessOverwriteWhichRemovesThePreviousRun() throws IOException {
    Path out = tmp.resolve("out");
    Transmog.flattenStream(input(95), out, OutputOptions.builder().format("jsonl").maxRowsPerFile(50).build(),
        OPTS);
    assertThat(files(out)).contains("orders-00001.jsonl");
    assertThatThrownBy(() -> Transmog.flattenStream(input(5), out, OutputOptions.of("jsonl"), OPTS))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("not empty")
        .hasMessageContaining("--overwrite");
    Transmog.flattenStream(input(5), out, OutputOptions.builder().format("jsonl").overwrite(true).build(), OPTS);
    assertThat(files(out)).containsExactly("_transmog_manifest.json", "orders.jsonl", "orders_items.jsonl",
        "orders_items_discounts.jsonl");
  }

  @Test
  void iteratorsOfMapsAndJsonStringsAndGzipStreams() throws IOException {
    Iterator<Object> mixed = List.<Object>of(Map.of("id", 1), "{\"id\":2,\"items\":[{\"sku\":\"A\"}]}").iterator();
    StreamResult r = Transmog.flattenStream(mixed, tmp.resolve("a"), OutputOptions.of("jsonl"), OPTS);
    assertThat(r.table("orders").orElseThrow().rows()).isEqualTo(2);
    assertThat(r.table("orders_items").orElseThrow().rows()).isEqualTo(1);

    Path gz = tmp.resolve("orders.json.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(("[" + String.join(",", IntStream.range(0, 30).mapToObj(StreamTest::order).toList()) + "]")
          .getBytes(StandardCharsets.UTF_8));
    }
    try (var in = Files.newInputStream(gz)) {
      StreamResult g = Transmog.flattenStream(in, tmp.resolve("b"), OutputOptions.of("jsonl"), OPTS);
      assertThat(g.records()).isEqualTo(30);
      assertThat(g.table("orders_items_discounts").orElseThrow().rows()).isEqualTo(30);
    }
  }

  @Test
  void aPushStyleFlattenerPublishesOnFinishAndNothingOnClose() throws IOException {
    Path out = tmp.resolve("push");
    try (Flattener f = Transmog.flattener(out, OutputOptions.of("jsonl"), OPTS)) {
      for (int i = 0; i < 95; i++) {
        if (i % 2 == 0) {
          f.acceptJson(order(i));
        } else {
          f.accept(Map.of("id", i, "items", List.of(Map.of("sku", "M" + i))));
        }
      }
      StreamResult r = f.finish();
      assertThat(r.records()).isEqualTo(95);
      assertThat(r.table("orders_items").orElseThrow().rows()).isEqualTo(48 * 2 + 47);
    }
    Path aborted = tmp.resolve("aborted");
    try (Flattener f = Transmog.flattener(aborted, OutputOptions.of("jsonl"), OPTS)) {
      f.acceptJson(order(1));
    }
    assertThat(aborted).isEmptyDirectory();
    Path bad = tmp.resolve("bad");
    assertThatThrownBy(() -> {
      try (Flattener f = Transmog.flattener(bad, OutputOptions.of("jsonl"), OPTS)) {
        f.acceptJson("{\"id\": nope}");
        for (int i = 0; i < 10_000; i++) {
          f.acceptJson(order(i));
        }
        f.finish();
      }
    }).isInstanceOf(MalformedInputException.class).hasMessageContaining("record 1");
    assertThat(bad).isEmptyDirectory();
  }

  @Test
  void emptyJsonLinesInputStillWritesTheMainTable() throws IOException {
    Path in = tmp.resolve("empty.jsonl");
    Files.writeString(in, "");
    StreamResult r = Transmog.flattenStream(in, tmp.resolve("out"), OutputOptions.of("jsonl"), OPTS);
    assertThat(r.records()).isZero();
    assertThat(r.tables()).hasSize(1);
    assertThat(r.tables().get(0).files()).hasSize(1);
  }

  @Test
  void tableNamesFromHostileKeysStayInsideTheOutputDirectory() throws IOException {
    Path in = tmp.resolve("evil.json");
    Files.writeString(in, "{\"../../x\":[{\"a\":1}],\"b/c\":[{\"a\":2}],\"b_c\":[{\"a\":3}]}");
    Path out = tmp.resolve("out");
    StreamResult r = Transmog.flattenStream(in, out, OutputOptions.of("jsonl"), OPTS);
    for (StreamResult.TableSummary t : r.tables()) {
      assertThat(t.files().get(0).path().getParent()).isEqualTo(out.toAbsolutePath().normalize());
    }
    assertThat(files(out)).containsExactly("_transmog_manifest.json", "orders.jsonl", "orders_.._.._x.jsonl",
        "orders_b_c.jsonl", "orders_b_c~2.jsonl");
  }

  /** A writer that accepts only its exact schema (like Parquet), records batch sizes, and can fail. */
  static final class Strict implements TableWriterProvider {
    final Map<String, Integer> maxRows = new java.util.HashMap<>();
    int failAfter = -1;
    private int batches;

    @Override
    public String format() {
      return "strict";
    }

    @Override
    public Set<String> fileExtensions() {
      return Set.of("jsonl");
    }

    @Override
    public TableWriter open(WriterContext context) {
      TableWriter inner = WriterRegistry.builder().build().provider("jsonl", FormatOptions.empty()).open(context);
      TableSchema schema = context.schema();
      return new TableWriter() {
        @Override
        public void write(RowBatch batch) {
          assertThat(batch.schema()).isEqualTo(schema);
          maxRows.merge(schema.table(), batch.rowCount(), Math::max);
          if (failAfter >= 0 && ++batches > failAfter) {
            inner.abort();
            throw new WriterException("simulated disk full in " + schema.table());
          }
          inner.write(batch);
        }

        @Override
        public void close() {
          inner.close();
        }

        @Override
        public void abort() {
          inner.abort();
        }
      };
    }
  }
}
