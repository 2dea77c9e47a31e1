package io.transmog.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.ErrorMode;
import io.transmog.api.InputFormat;
import io.transmog.api.MalformedInputException;
import io.transmog.api.OutputOptions;
import io.transmog.api.ProgressListener;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import io.transmog.core.internal.input.RecordReader;
import io.transmog.core.internal.input.Splits;
import io.transmog.core.internal.jsonl.JsonLinesWriterProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file read in splits on several threads gives the tables, rows and IDs of one reader, in input order. */
class SplitRunTest {
  @TempDir
  Path dir;

  private Path input(int n, String badLine, int badAt) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i == badAt) {
        b.append(badLine).append('\n');
      }
      b.append("{\"id\":").append(i);
      if (i > n / 2) {
        b.append(",\"late\":\"v").append(i).append('"'); // a column only the later splits see
      }
      b.append(",\"amount\":").append(i % 3 == 0 ? "2.5" : String.valueOf(i)); // widens in every split
      b.append(",\"items\":[");
      for (int k = 0; k < i % 3; k++) {
        b.append(k > 0 ? "," : "").append("{\"sku\":").append(k).append('}');
      }
      b.append("]}\n");
    }
    Path f = dir.resolve("in.jsonl");
    Files.writeString(f, b);
    return f;
  }

  private static TransmogOptions.Builder base() {
    return TransmogOptions.builder().name("o").includeTimestamp(false).chunkSize(16).idStrategy(IdStrategy.byLocation());
  }

  private StreamingRun.Outcome runSplits(Path f, int splits, TransmogOptions o, String out) throws IOException {
    List<Supplier<RecordReader>> readers = new ArrayList<>();
    for (Splits.Range r : Splits.cut(f, splits, 1)) {
      readers.add(() -> RecordReader.ofFileRange(f, r.start(), r.end(), o));
    }
    assertThat(readers).hasSize(splits);
    return new StreamingRun(o, OutputOptions.of("jsonl"), new JsonLinesWriterProvider(), dir.resolve(out))
        .runSplits(readers, Files.size(f), f.toString());
  }

  private static StreamingRun.Outcome runOne(Path f, TransmogOptions o, Path out) {
    try (RecordReader r = RecordReader.ofFile(f, o)) {
      return new StreamingRun(o, OutputOptions.of("jsonl"), new JsonLinesWriterProvider(), out).run(r, -1);
    }
  }

  /** Rows of every table, each row as its sorted non-null cells, in file order over the table's parts. */
  private static Map<String, List<String>> read(StreamingRun.Outcome o) {
    Map<String, List<String>> out = new TreeMap<>();
    TransmogOptions plain = TransmogOptions.builder().includeTimestamp(false).inputFormat(InputFormat.JSONL).build();
    for (StreamingRun.TableResult t : o.tables()) {
      List<String> rows = new ArrayList<>();
      for (StreamingRun.FileResult file : t.files()) {
        FlattenResult r = Transmog.flatten(file.path(), plain);
        Table main = r.main();
        for (int row = 0; row < main.rowCount(); row++) {
          Map<String, String> cells = new TreeMap<>();
          for (int c = 0; c < main.schema().size(); c++) {
            String name = main.schema().column(c).name();
            if (!main.isNull(c, row) && !name.equals("_id")) { // the reader's own ID, not the file's
              cells.put(name, main.getString(c, row));
            }
          }
          rows.add(cells.toString());
        }
      }
      out.put(t.name(), rows);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 5})
  void splitsGiveTheRowsAndIdsOfOneReaderInInputOrder(int splits) throws IOException {
    Path f = input(400, null, -1);
    TransmogOptions o = base().build();
    StreamingRun.Outcome one = runOne(f, o, dir.resolve("one"));
    StreamingRun.Outcome many = runSplits(f, splits, o, "many");
    assertThat(read(many)).isEqualTo(read(one)); // same rows, same IDs, same order
    assertThat(many.records()).isEqualTo(400);
    assertThat(many.tables()).extracting(StreamingRun.TableResult::name).containsExactly("o", "o_items");
    for (int i = 0; i < 2; i++) {
      assertThat(many.tables().get(i).rows()).isEqualTo(one.tables().get(i).rows());
    }
    // every split wrote its own part of the main table, named in input order
    assertThat(many.tables().get(0).files()).hasSizeGreaterThanOrEqualTo(splits)
        .allSatisfy(file -> assertThat(file.path().getFileName().toString()).matches("o-\\d{5}\\.jsonl"));
    // the table-level schema unions the parts: "late" came from the later splits only; amount widened everywhere
    assertThat(many.tables().get(0).schema().columnNames()).contains("late", "amount");
    assertThat(many.tables().get(0).schema().column(many.tables().get(0).schema().indexOf("amount")).type())
        .isEqualTo(io.transmog.api.table.ColumnType.DOUBLE);
    try (Stream<Path> files = Files.list(dir.resolve("many"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".transmog-staging"));
    }
  }

  @Test
  void deterministicIdsDoNotDependOnTheNumberOfSplits() throws IOException {
    Path f = input(300, null, -1);
    TransmogOptions o = base().idStrategy(IdStrategy.deterministic()).build();
    assertThat(read(runSplits(f, 4, o, "four"))).isEqualTo(read(runSplits(f, 2, o, "two")));
  }

  @Test
  void theErrorReportedIsTheFirstBadRecordInInputOrder() throws IOException {
    Path f = input(400, "{\"id\": oops}", 50);
    // a second bad line in a later split must not be the one reported
    Files.writeString(f, Files.readString(f) + "{\"late\": }\n");
    TransmogOptions o = base().build();
    assertThatThrownBy(() -> runSplits(f, 3, o, "bad")).isInstanceOfSatisfying(MalformedInputException.class,
        e -> assertThat(e.location().line()).isEqualTo(51));
    try (Stream<Path> files = Files.list(dir.resolve("bad"))) {
      assertThat(files).isEmpty(); // nothing published, staging removed
    }
  }

  @Test
  void rejectsOfAllSplitsLandInOneFileInInputOrder() throws IOException {
    Path f = input(400, "not json", 30);
    Files.writeString(f, Files.readString(f) + "[1,\n");
    TransmogOptions o = base().onError(ErrorMode.SKIP).build();
    StreamingRun.Outcome many = runSplits(f, 3, o, "skip");
    assertThat(many.records()).isEqualTo(400);
    assertThat(many.rejected()).isEqualTo(2);
    List<String> lines = Files.readAllLines(many.rejects());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"line\":31");
    assertThat(lines.get(1)).contains("\"line\":402");
    StreamingRun.Outcome one = runOne(f, o, dir.resolve("skip-one"));
    assertThat(read(many)).isEqualTo(read(one));
  }

  @Test
  void progressAddsUpOverTheSplits() throws IOException {
    Path f = input(400, null, -1);
    AtomicLong lastRecords = new AtomicLong();
    List<Boolean> done = new ArrayList<>();
    ProgressListener l = p -> {
      synchronized (done) {
        lastRecords.set(p.records());
        done.add(p.done());
      }
    };
    runSplits(f, 3, base().progressListener(l).build(), "progress");
    assertThat(lastRecords.get()).isEqualTo(400);
    assertThat(done).last().isEqualTo(true);
    assertThat(done.stream().filter(d -> d)).hasSize(1);
  }

  @Test
  void onlyPlainJsonLinesFilesOfTwoSplitsOrMoreAreCut() throws IOException {
    Path f = input(400, null, -1);
    long size = Files.size(f);
    TransmogOptions two = base().parallelism(2).build();
    assertThat(Splits.plan(f, two, size / 2 - 10)).hasSize(2);
    assertThat(Splits.plan(f, two, size)).hasSize(1); // too small to share
    assertThat(Splits.plan(f, base().parallelism(1).build(), 1)).hasSize(1);
    Path doc = dir.resolve("doc.json");
    Files.writeString(doc, "[" + Files.readString(f).strip().replace("\n", ",\n") + "]");
    assertThat(Splits.plan(doc, two, 1)).hasSize(1); // a JSON document cannot be entered in the middle
    Path noName = dir.resolve("data.txt");
    Files.copy(f, noName);
    assertThat(Splits.plan(noName, two, 1)).hasSize(2); // AUTO: the first line is one complete object
    Path pretty = dir.resolve("pretty.txt");
    Files.writeString(pretty, "{\n  \"a\": 1\n}\n".repeat(100));
    assertThat(Splits.plan(pretty, two, 1)).hasSize(1);
  }
}
