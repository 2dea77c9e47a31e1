package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.MalformedInputException;
import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.table.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdStrategyTest {
  @TempDir Path tmp;

  private static String order(int i) {
    return "{\"id\":\"o" + i + "\",\"items\":[{\"sku\":\"A\",\"discounts\":[{\"pct\":" + i + "}]},{\"sku\":\"B" + i
        + "\"}],\"tags\":[\"t\"]}";
  }

  private Path input(int n) throws IOException {
    Path f = tmp.resolve("orders.jsonl");
    Files.writeString(f, IntStream.range(0, n).mapToObj(IdStrategyTest::order).collect(Collectors.joining("\n")));
    return f;
  }

  private static TransmogOptions opts(IdStrategy s) {
    return TransmogOptions.builder().name("orders").idStrategy(s).includeTimestamp(false).includeRootId(true)
        .includeIndex(true).build();
  }

  @Test
  void deterministicIdsGiveByteIdenticalOutputWhateverTheChunkSize() throws IOException {
    Path in = input(250);
    for (IdStrategy s : List.of(IdStrategy.deterministic(), IdStrategy.deterministic("id"), IdStrategy.byLocation(),
        IdStrategy.natural(Map.of("", "id", "items", "sku")))) {
      StreamResult a = Transmog.flattenStream(in, tmp.resolve(s + "-a"), OutputOptions.of("jsonl"),
          opts(s).toBuilder().chunkSize(1).build());
      StreamResult b = Transmog.flattenStream(in, tmp.resolve(s + "-b"), OutputOptions.of("jsonl"),
          opts(s).toBuilder().chunkSize(77).lowMemory(true).build());
      for (int t = 0; t < a.tables().size(); t++) {
        Path fa = a.tables().get(t).files().get(0).path();
        Path fb = b.tables().get(t).files().get(0).path();
        assertThat(Files.readAllBytes(fa)).as(s + " " + fa.getFileName()).isEqualTo(Files.readAllBytes(fb));
      }
    }
  }

  @Test
  void outputIsByteIdenticalWhateverTheParallelism() throws IOException {
    Path in = input(3000);
    TransmogOptions o = opts(IdStrategy.deterministic()).toBuilder().chunkSize(100).build();
    StreamResult one = Transmog.flattenStream(in, tmp.resolve("p1"), OutputOptions.of("jsonl"),
        o.toBuilder().parallelism(1).build());
    StreamResult four = Transmog.flattenStream(in, tmp.resolve("p4"), OutputOptions.of("jsonl"),
        o.toBuilder().parallelism(4).build());
    for (int t = 0; t < one.tables().size(); t++) {
      assertThat(Files.readAllBytes(four.tables().get(t).files().get(0).path()))
          .isEqualTo(Files.readAllBytes(one.tables().get(t).files().get(0).path()));
    }
  }

  @Test
  void contentHashIgnoresWhitespaceAndDerivesChildrenFromParentPathAndIndex() {
    Table a = Transmog.flatten("{\"a\": 1, \"items\": [{\"x\": 1}]}", opts(IdStrategy.deterministic())).main();
    Table b = Transmog.flatten("{\"a\":1,\"items\":[{\"x\":1}]}", opts(IdStrategy.deterministic())).main();
    assertThat(a.column("_id")).isEqualTo(b.column("_id"));
    String id = (String) a.column("_id").get(0);
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    FlattenResult r = Transmog.flatten("{\"a\":1,\"items\":[{\"x\":1},{\"x\":1}]}", opts(IdStrategy.deterministic()));
    List<Object> childIds = r.table("orders_items").orElseThrow().column("_id");
    assertThat(childIds).doesNotHaveDuplicates();
  }

  @Test
  void naturalKeysUseTheFieldsAndQualifyChildrenByTheirParent() {
    FlattenResult r = Transmog.flatten(order(1) + "\n" + order(2), opts(IdStrategy.natural(Map.of("", "id",
        "items", "sku"))));
    assertThat(r.main().column("_id")).containsExactly("o1", "o2");
    Table items = r.table("orders_items").orElseThrow();
    assertThat(items.column("_id")).containsExactly("o1/A", "o1/B1", "o2/A", "o2/B2");
    assertThat(items.column("_parent_id")).containsExactly("o1", "o1", "o2", "o2");
    assertThat(items.column("_index")).containsExactly(0L, 1L, 0L, 1L);
    Table discounts = r.table("orders_items_discounts").orElseThrow();
    assertThat(discounts.column("_parent_id")).containsExactly("o1/A", "o2/A");
    assertThat(discounts.column("_root_id")).containsExactly("o1", "o2");
  }

  @Test
  void aMissingNaturalKeyFallsBackToTheDerivedHashAndADuplicateIsAnError() {
    TransmogOptions o = opts(IdStrategy.natural(Map.of("orders", "id", "orders_items", "sku")));
    FlattenResult r = Transmog.flatten("{\"id\":\"x\",\"items\":[{\"sku\":\"A\"},{\"qty\":2}]}", o);
    List<Object> ids = r.table("orders_items").orElseThrow().column("_id");
    assertThat(ids.get(0)).isEqualTo("x/A");
    assertThat((String) ids.get(1)).matches("[0-9a-f-]{36}");
    assertThatThrownBy(() -> Transmog.flatten("{\"id\":\"x\",\"items\":[{\"sku\":\"A\"},{\"sku\":\"A\"}]}", o))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("natural id sku = \"A\" appears twice")
        .hasMessageContaining("orders_items");
  }

  @Test
  void nonAsciiNaturalAndCustomIds_areKeptExactly() {
    // generated UUIDs are copied as ASCII bytes; IDs that are the user's text must not take that shortcut
    String key = "Zürich-東京-\uD83D\uDE00";
    String json = "{\"id\":\"" + key + "\",\"items\":[{\"sku\":\"Ä1\"}]}";
    FlattenResult n = Transmog.flatten(json, opts(IdStrategy.natural(Map.of("", "id", "items", "sku"))));
    assertThat(n.main().column("_id")).containsExactly(key);
    assertThat(n.table("orders_items").orElseThrow().column("_parent_id")).containsExactly(key);
    assertThat(n.table("orders_items").orElseThrow().column("_id")).containsExactly(key + "/Ä1");
    FlattenResult c = Transmog.flatten(json, opts(IdStrategy.custom(x -> "é" + x.record() + x.index())));
    assertThat(c.main().column("_id")).containsExactly("é1-1");
    assertThat(c.table("orders_items").orElseThrow().column("_parent_id")).containsExactly("é1-1");
  }

  @Test
  void customStrategiesSeeTableParentAndIndex() {
    IdStrategy s = IdStrategy.custom(c -> c.parentId().map(p -> p + "." + c.index()).orElse("r" + c.record()));
    FlattenResult r = Transmog.flatten(order(0) + "\n" + order(1), opts(s));
    assertThat(r.main().column("_id")).containsExactly("r1", "r2");
    assertThat(r.table("orders_items").orElseThrow().column("_id")).containsExactly("r1.0", "r1.1", "r2.0", "r2.1");
  }

  @Test
  void randomIdsDifferBetweenRunsAndRootIdReachesGrandchildren() {
    FlattenResult a = Transmog.flatten(order(1), opts(IdStrategy.random()));
    FlattenResult b = Transmog.flatten(order(1), opts(IdStrategy.random()));
    assertThat(a.main().column("_id")).isNotEqualTo(b.main().column("_id"));
    assertThat(a.table("orders_items_discounts").orElseThrow().column("_root_id"))
        .containsExactlyElementsOf(a.main().column("_id"));
  }
}
