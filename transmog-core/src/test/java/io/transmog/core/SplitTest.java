package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.ErrorMode;
import io.transmog.api.InputFormat;
import io.transmog.api.MalformedInputException;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.table.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splits of a JSON Lines file read every record once and give the rows and IDs of a run over the whole file. */
class SplitTest {
  @TempDir
  Path dir;

  private Path orders(int n) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("{\"id\":").append(i).append(",\"name\":\"o").append(i).append("\"");
      if (i % 7 == 0) {
        b.append(",\"late\":").append(i % 2 == 0 ? "1.5" : "\"text\"");
      }
      b.append(",\"items\":[");
      for (int k = 0; k < i % 4; k++) {
        b.append(k > 0 ? "," : "").append("{\"sku\":\"s").append(k).append("\",\"tags\":[{\"t\":").append(k)
            .append("}]}");
      }
      b.append("]}").append(i % 5 == 0 ? "\r\n" : "\n");
      if (i % 11 == 0) {
        b.append("\n"); // blank lines are not records
      }
    }
    Path f = dir.resolve("orders.jsonl");
    Files.writeString(f, b);
    return f;
  }

  /** Every table as a sorted multiset of rows rendered by column name, so chunk and split borders do not matter. */
  private static Map<String, List<String>> rows(List<FlattenResult> results) {
    Map<String, List<String>> out = new TreeMap<>();
    for (FlattenResult r : results) {
      for (Table t : r.tables()) {
        List<String> list = out.computeIfAbsent(t.name(), k -> new ArrayList<>());
        for (int row = 0; row < t.rowCount(); row++) {
          Map<String, String> cells = new TreeMap<>();
          for (int c = 0; c < t.schema().size(); c++) {
            if (!t.isNull(c, row)) {
              cells.put(t.schema().column(c).name(), t.getString(c, row));
            }
          }
          list.add(cells.toString());
        }
      }
    }
    out.values().forEach(l -> l.sort(null));
    out.values().removeIf(List::isEmpty);
    return out;
  }

  private static Map<String, List<String>> splitRows(Path f, long[] bounds, TransmogOptions o, long[] counts) {
    Map<String, List<String>> all = new TreeMap<>();
    for (int i = 0; i + 1 < bounds.length; i++) {
      List<Map<String, List<String>>> parts = new ArrayList<>();
      SplitResult r = Transmog.flattenSplit(f, bounds[i], bounds[i + 1], o, chunk -> parts.add(rows(List.of(chunk))));
      counts[0] += r.records();
      counts[1] += r.rejected();
      for (Map<String, List<String>> p : parts) {
        p.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      }
    }
    all.values().forEach(l -> l.sort(null));
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"deterministic", "byLocation"})
  void splitsGiveTheRowsAndIdsOfTheWholeFile(String strategy) throws IOException {
    Path f = orders(500);
    TransmogOptions o = TransmogOptions.builder().includeTimestamp(false).name("orders").chunkSize(17)
        .idStrategy(strategy.equals("byLocation") ? IdStrategy.byLocation() : IdStrategy.deterministic()).build();
    Map<String, List<String>> whole = rows(List.of(Transmog.flatten(f, o)));
    long size = Files.size(f);
    // bounds that fall inside lines, on line starts, on a CR, and at the ends
    for (long[] bounds : new long[][] {{0, size}, {0, size / 2, size}, {0, 1, 2, size / 3, size / 3 + 1, size},
        {0, 100, 101, 102, 5000, 5001, size - 1, size}, {0, Long.MAX_VALUE}}) {
      long[] counts = new long[2];
      assertThat(splitRows(f, bounds, o, counts)).as("bounds %s", java.util.Arrays.toString(bounds))
          .isEqualTo(whole);
      assertThat(counts[0]).isEqualTo(500);
    }
  }

  @Test
  void splitsFromCutCoverTheFileOnLineBoundaries() throws IOException {
    Path f = orders(300);
    List<io.transmog.core.internal.input.Splits.Range> ranges =
        io.transmog.core.internal.input.Splits.cut(f, 4, 1);
    assertThat(ranges).hasSize(4);
    byte[] bytes = Files.readAllBytes(f);
    long expect = 0;
    for (io.transmog.core.internal.input.Splits.Range r : ranges) {
      assertThat(r.start()).isEqualTo(expect);
      assertThat(r.start() == 0 || bytes[(int) r.start() - 1] == '\n').isTrue();
      expect = r.end();
    }
    assertThat(expect).isEqualTo(bytes.length);
  }

  @Test
  void everyChunkHoldsEveryTableSeenSoFarWithTheMainTableFirst() throws IOException {
    Path f = orders(60);
    TransmogOptions o = TransmogOptions.builder().includeTimestamp(false).name("orders").chunkSize(10).build();
    List<List<String>> names = new ArrayList<>();
    List<Integer> mainRows = new ArrayList<>();
    SplitResult r = Transmog.flattenSplit(f, 0, Long.MAX_VALUE, o, chunk -> {
      names.add(chunk.tableNames());
      mainRows.add(chunk.main().rowCount());
    });
    assertThat(r.records()).isEqualTo(60);
    assertThat(r.bytesRead()).isEqualTo(Files.size(f));
    assertThat(mainRows).containsExactly(10, 10, 10, 10, 10, 10);
    assertThat(names.get(0)).containsExactly("orders", "orders_items", "orders_items_tags");
    assertThat(names).allSatisfy(n -> assertThat(n).isEqualTo(names.get(0)));
  }

  @Test
  void anErrorInALaterSplitNamesTheFileLineAndOffset() throws IOException {
    Path f = dir.resolve("bad.jsonl");
    String good = "{\"a\":1}\n";
    String text = good.repeat(100) + "{\"a\":}\n" + good.repeat(10);
    Files.writeString(f, text);
    long split = good.length() * 50L + 3;
    TransmogOptions o = TransmogOptions.builder().includeTimestamp(false).build();
    assertThatThrownBy(() -> Transmog.flattenSplit(f, split, Long.MAX_VALUE, o, c -> { }))
        .isInstanceOfSatisfying(MalformedInputException.class, e -> {
          assertThat(e.location().source()).endsWith("bad.jsonl");
          assertThat(e.location().line()).isEqualTo(101);
          assertThat(e.location().byteOffset()).isBetween(good.length() * 100L, good.length() * 100L + 7);
        });
    // the split before it does not reach the bad line
    SplitResult first = Transmog.flattenSplit(f, 0, split, o, c -> { });
    assertThat(first.records()).isEqualTo(51);
  }

  @Test
  void badRecordsOfASplitAreRejectedWithTheirLineInSkipMode() throws IOException {
    Path f = dir.resolve("bad.jsonl");
    String good = "{\"a\":1,\"b\":[{\"c\":2}]}\n";
    Files.writeString(f, good.repeat(20) + "not json\n" + good.repeat(20) + "{\"a\":[1,\n" + good.repeat(5));
    TransmogOptions o = TransmogOptions.builder().includeTimestamp(false).onError(ErrorMode.SKIP).chunkSize(8).build();
    long size = Files.size(f);
    List<io.transmog.api.RejectedRecord> rejects = new ArrayList<>();
    long[] bounds = {0, good.length() * 10L + 5, good.length() * 30L, size};
    long records = 0;
    Map<String, Integer> rowsPerTable = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      SplitResult r = Transmog.flattenSplit(f, bounds[i], bounds[i + 1], o, chunk -> {
        rejects.addAll(chunk.rejects());
        chunk.tables().forEach(t -> rowsPerTable.merge(t.name(), t.rowCount(), Integer::sum));
      });
      records += r.records();
    }
    assertThat(records).isEqualTo(45);
    assertThat(rowsPerTable).containsEntry("data", 45).containsEntry("data_b", 45);
    assertThat(rejects).extracting(x -> x.location().line()).containsExactly(21L, 42L);
    assertThat(rejects.get(0).raw()).hasValueSatisfying(t -> assertThat(t).contains("not json"));
  }

  @Test
  void aGzipFileCannotBeSplit() throws IOException {
    Path f = dir.resolve("a.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> Transmog.flattenSplit(f, 0, Long.MAX_VALUE, TransmogOptions.defaults(), c -> { }))
        .isInstanceOf(TransmogException.class).hasMessageContaining("gzip");
  }

  @Test
  void jsonTextsGiveTheRowsOfTheSameRecordsReadAsJsonLines() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      texts.add("{\"id\":" + i + ",\"xs\":[{\"v\":" + i + "},{\"v\":\"" + i + "\"}]}");
    }
    TransmogOptions o = TransmogOptions.builder().includeTimestamp(false).idStrategy(IdStrategy.deterministic()).chunkSize(7)
        .inputFormat(InputFormat.JSONL).build();
    Map<String, List<String>> whole = rows(List.of(Transmog.flatten(String.join("\n", texts), o)));
    List<Map<String, List<String>>> parts = new ArrayList<>();
    SplitResult a = Transmog.flattenJson(texts.subList(0, 20).iterator(), "part-0", 0, o,
        c -> parts.add(rows(List.of(c))));
    SplitResult b = Transmog.flattenJson(texts.subList(20, 50).iterator(), "part-1", 20, o,
        c -> parts.add(rows(List.of(c))));
    assertThat(a.records() + b.records()).isEqualTo(50);
    Map<String, List<String>> all = new TreeMap<>();
    parts.forEach(p -> p.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v)));
    all.values().forEach(l -> l.sort(null));
    assertThat(all).isEqualTo(whole);
  }

  @Test
  void aBadJsonTextIsRejectedWithItsRecordNumber() {
    TransmogOptions o = TransmogOptions.builder().includeTimestamp(false).onError(ErrorMode.SKIP).build();
    List<io.transmog.api.RejectedRecord> rejects = new ArrayList<>();
    SplitResult r = Transmog.flattenJson(List.of("{\"a\":1}", "{\"a\":", "{\"a\":3}").iterator(), "texts", 100, o,
        c -> rejects.addAll(c.rejects()));
    assertThat(r.records()).isEqualTo(2);
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(rejects).singleElement().satisfies(x -> {
      assertThat(x.location().record()).isEqualTo(102);
      assertThat(x.raw()).isPresent();
    });
  }
}
