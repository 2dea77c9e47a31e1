package io.transmog.core.internal.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.InputFormat;
import io.transmog.api.MalformedInputException;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReaderTest {
  @TempDir Path dir;

  private static final TransmogOptions OPTS = TransmogOptions.builder().includeTimestamp(false).build();

  @Test
  void gzipIsDetectedByMagicBytesNotByName() throws IOException {
    Path f = dir.resolve("records.json");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Transmog.flatten(f, OPTS).main().column("a")).containsExactly(1L, 2L);
  }

  @Test
  void jsonlExtensionMakesEachArrayLineOneRecord() throws IOException {
    Path f = dir.resolve("rows.ndjson");
    Files.writeString(f, "[\"a\",1]\n[\"b\",2]\n");
    FlattenResult r = Transmog.flatten(f, OPTS);
    assertThat(r.main().column("value")).containsExactly("[\"a\",1]", "[\"b\",2]");
  }

  @Test
  void topLevelArrayElementsAreRecords() {
    assertThat(Transmog.flatten("[{\"a\":1},{\"a\":2},3]", OPTS).main().column("a")).containsExactly(1L, 2L, null);
  }

  @Test
  void contentAfterTopLevelArrayIsRejected() {
    assertThatThrownBy(() -> Transmog.flatten("[{\"a\":1}]\n[{\"a\":2}]", OPTS))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("after the top-level array");
  }

  @Test
  void emptyInputIsAnErrorForJsonButNotForJsonLines() throws IOException {
    assertThatThrownBy(() -> Transmog.flatten("  ", OPTS))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("no JSON value");
    Path f = dir.resolve("empty.jsonl");
    Files.writeString(f, "");
    assertThat(Transmog.flatten(f, OPTS).main().rowCount()).isZero();
  }

  @Test
  void explicitJsonFormatRefusesSeveralValues() {
    TransmogOptions json = OPTS.toBuilder().inputFormat(InputFormat.JSON).build();
    assertThatThrownBy(() -> Transmog.flatten("{\"a\":1}\n{\"a\":2}", json))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("more than one top-level JSON value");
  }

  @Test
  void errorsNameFileLineOffsetRecordAndPath() throws IOException {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"a\":1}\n{\"a\":{\"b\":[1,2,}}\n");
    assertThatThrownBy(() -> Transmog.flatten(f, OPTS))
        .isInstanceOfSatisfying(MalformedInputException.class, e -> {
          assertThat(e.location().source()).isEqualTo(f.toString());
          assertThat(e.location().line()).isEqualTo(2);
          assertThat(e.location().byteOffset()).isGreaterThan(8);
          assertThat(e.location().record()).isEqualTo(2);
          assertThat(e.location().jsonPath()).startsWith("/a/b");
          assertThat(e.getMessage()).startsWith(f + ":2:");
        });
  }

  @Test
  void missingFileIsReportedByName() {
    Path f = dir.resolve("nope.json");
    assertThatThrownBy(() -> Transmog.flatten(f, OPTS))
        .isInstanceOf(TransmogException.class)
        .hasMessage("input file not found: " + f);
  }

  @Test
  void callerStreamIsReadButNotClosed() {
    boolean[] closed = {false};
    ByteArrayInputStream in = new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    assertThat(Transmog.flatten(in, OPTS).main().rowCount()).isEqualTo(1);
    assertThat(closed[0]).isFalse();
  }

  @Test
  void javaObjectsFlattenLikeTheirJson() {
    Map<String, Object> rec = Map.of("id", 7, "items", List.of(Map.of("sku", "A"), Map.of("sku", "B")),
        "price", 1.25f, "tags", new String[] {"x", "y"});
    FlattenResult r = Transmog.flatten(List.of(rec), OPTS);
    assertThat(r.main().column("id")).containsExactly(7L);
    assertThat(r.main().column("price")).containsExactly(1.25);
    assertThat(r.main().column("tags")).containsExactly("[\"x\",\"y\"]");
    assertThat(r.table("data_items").orElseThrow().column("sku")).containsExactly("A", "B");
  }

  @Test
  void unsupportedJavaTypeIsRefusedWithItsPath() {
    Map<String, Object> rec = Map.of("a", Map.of("b", new Object()));
    assertThatThrownBy(() -> Transmog.flatten(rec, OPTS))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("/a/b")
        .hasMessageContaining("java.lang.Object");
  }
}
