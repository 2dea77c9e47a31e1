package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.ErrorMode;
import io.transmog.api.MalformedInputException;
import io.transmog.api.OutputOptions;
import io.transmog.api.RejectedRecord;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorModeTest {
  @TempDir Path tmp;

  private static final TransmogOptions SKIP = TransmogOptions.builder().name("orders").onError(ErrorMode.SKIP)
      .chunkSize(50).build();

  /** 2,000 good lines and 1% bad ones of every kind, one of them a 50 MB line. */
  private Path corrupted(TreeSet<Integer> badLines) throws IOException {
    Random rnd = new Random(7);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int line = 1; line <= 2020; line++) {
      String good = "{\"id\":" + line + ",\"items\":[{\"sku\":\"s" + line + "\",\"qty\":" + (line % 5) + "}]}";
      if (line % 100 == 50) {
        badLines.add(line);
        switch ((line / 100) % 5) {
          case 0:
            out.write(good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8)); // truncated
            break;
          case 1:
            out.write("{\"id\":1,\"bad\":\"\\x\"}".getBytes(StandardCharsets.UTF_8)); // bad escape
            break;
          case 2:
            byte[] garbage = new byte[40];
            rnd.nextBytes(garbage);
            garbage[0] = '{';
            for (int i = 0; i < garbage.length; i++) {
              if (garbage[i] == '\n') {
                garbage[i] = 'x';
              }
            }
            out.write(garbage);
            break;
          case 3:
            out.write(good.getBytes(StandardCharsets.UTF_8));
            out.write(" trailing".getBytes(StandardCharsets.UTF_8)); // content after the record
            break;
          default:
            out.write(("{\"id\":" + line + ",\"blob\":\"").getBytes(StandardCharsets.UTF_8));
            out.write("x".repeat(50 * 1024 * 1024).getBytes(StandardCharsets.UTF_8)); // past maxStringLength
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        }
      } else {
        out.write(good.getBytes(StandardCharsets.UTF_8));
      }
      out.write('\n');
    }
    Path f = tmp.resolve("corrupt.jsonl");
    Files.write(f, out.toByteArray());
    return f;
  }

  @Test
  void skipModeKeepsEveryGoodRecordAndRejectsExactlyTheBadLines() throws IOException {
    TreeSet<Integer> bad = new TreeSet<>();
    Path in = corrupted(bad);
    Path outDir = tmp.resolve("out");
    StreamResult r = Transmog.flattenStream(in, outDir, OutputOptions.of("jsonl"), SKIP);
    assertThat(r.records()).isEqualTo(2020 - bad.size());
    assertThat(r.rejected()).isEqualTo(bad.size());
    assertThat(r.table("orders_items").orElseThrow().rows()).isEqualTo(2020 - bad.size());
    List<String> rejectLines = Files.readAllLines(r.rejects().orElseThrow());
    List<Integer> lines = new ArrayList<>();
    for (String l : rejectLines) {
      lines.add(Integer.parseInt(l.replaceAll(".*\"line\":(\\d+).*", "$1")));
      assertThat(l).contains("\"reason\":").contains("\"raw\":");
    }
    assertThat(lines).containsExactlyElementsOf(bad);
    assertThat(rejectLines.get(1)).contains("\\\\x"); // the bad escape's raw text is kept for fixing
    assertThat(String.join("\n", rejectLines)).contains("maxStringLength").contains("base64:");
    assertThat(Files.readString(r.manifest())).contains("\"rejected\" : " + bad.size());
  }

  @Test
  void strictModeFailsOnTheFirstBadLineNamingIt() throws IOException {
    TreeSet<Integer> bad = new TreeSet<>();
    Path in = corrupted(bad);
    assertThatThrownBy(() -> Transmog.flattenStream(in, tmp.resolve("out"), OutputOptions.of("jsonl"),
            SKIP.toBuilder().onError(ErrorMode.STRICT).build()))
        .isInstanceOfSatisfying(MalformedInputException.class, e -> {
          assertThat(e.location().line()).isEqualTo((long) bad.first());
          assertThat(e.getMessage()).contains(in + ":" + bad.first() + ":");
        });
  }

  @Test
  void aTruncatedTopLevelArrayKeepsEverythingBeforeTheBreak() {
    String json = "[{\"a\":1},{\"a\":2,\"items\":[{\"b\":1}]},{\"a\":3,\"items\":[{\"b\":";
    FlattenResult r = Transmog.flatten(json, SKIP);
    assertThat(r.main().column("a")).containsExactly(1L, 2L);
    assertThat(r.table("orders_items").orElseThrow().rowCount()).isEqualTo(1);
    assertThat(r.rejects()).hasSize(1);
    RejectedRecord rej = r.rejects().get(0);
    assertThat(rej.location().record()).isEqualTo(3);
    assertThat(rej.reason()).contains("reading stopped here");
  }

  @Test
  void aRecordThatFailsHalfWayLeavesNoRowsInAnyTable() {
    String jsonl = "{\"a\":1,\"items\":[{\"b\":1}]}\n{\"a\":2,\"items\":[{\"b\":2},{\"b\":oops}]}\n{\"a\":3}";
    FlattenResult r = Transmog.flatten(jsonl, SKIP);
    assertThat(r.main().column("a")).containsExactly(1L, 3L);
    assertThat(r.table("orders_items").orElseThrow().column("b")).containsExactly(1L);
    assertThat(r.rejects()).extracting(x -> x.location().line()).containsExactly(2L);
    assertThat(r.rejects().get(0).raw()).contains("{\"a\":2,\"items\":[{\"b\":2},{\"b\":oops}]}");
  }

  @Test
  void warnModeAlsoRejectsAndLimitsNameTheirOption() {
    TransmogOptions warn = SKIP.toBuilder().onError(ErrorMode.WARN).maxNestingDepth(3).maxColumnsPerTable(4)
        .build();
    FlattenResult r = Transmog.flatten("{\"a\":[[[[1]]]]}\n{\"a\":1,\"b\":2,\"c\":3}\n{\"ok\":1}", warn);
    assertThat(r.rejects()).hasSize(2);
    // the rejected record's columns were rolled back with its rows
    assertThat(r.main().schema().columnNames()).containsExactly("_id", "_timestamp", "ok");
    assertThat(r.rejects().get(0).reason()).contains("maxNestingDepth");
    assertThat(r.rejects().get(1).reason()).contains("maxColumnsPerTable");
  }

  /** Mutated inputs never hang and never throw anything but Transmog's own exceptions. */
  @Test
  void fuzzedInputsFailCleanly() {
    Random rnd = new Random(42);
    String seed = "{\"id\":1,\"s\":\"t\\u00e9xt\",\"n\":-1.5e3,\"items\":[{\"a\":[1,2,{\"b\":null}]},true],\"o\":{}}\n"
        + "[1,\"x\",{\"y\":[]}]\n";
    byte[] base = seed.getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 3000; round++) {
      byte[] b = base.clone();
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(3)) {
          case 0:
            b[at] = (byte) rnd.nextInt(256);
            break;
          case 1:
            b[at] = (byte) "{}[],:\"\\ 0e-".charAt(rnd.nextInt(12));
            break;
          default:
            b = java.util.Arrays.copyOf(b, at);
        }
        if (b.length == 0) {
          break;
        }
      }
      for (ErrorMode mode : ErrorMode.values()) {
        TransmogOptions o = TransmogOptions.builder().onError(mode).build();
        try {
          Transmog.flatten(new java.io.ByteArrayInputStream(b), o);
        } catch (TransmogException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    }
  }

  /** Regression: a line failing on its first token used to roll back the record before it, which was already kept. */
  @Test
  void aLineThatFailsOnItsFirstTokenDoesNotTakeTheRecordBeforeIt() {
    for (String bad : new String[] {"not json", "]", "}{", "tru", "\"unterminated"}) {
      String text = "{\"a\":1,\"xs\":[{\"b\":1}]}\n{\"a\":2,\"xs\":[{\"b\":2}]}\n" + bad
          + "\n{\"a\":3,\"xs\":[{\"b\":3}]}\n";
      FlattenResult r = Transmog.flatten(text, SKIP);
      assertThat(r.main().column("a")).as(bad).containsExactly(1L, 2L, 3L);
      assertThat(r.table("orders_xs").orElseThrow().column("b")).as(bad).containsExactly(1L, 2L, 3L);
      assertThat(r.rejects()).as(bad).singleElement().satisfies(x -> assertThat(x.location().line()).isEqualTo(3));
    }
  }
}
