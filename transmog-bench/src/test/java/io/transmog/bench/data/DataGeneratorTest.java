package io.transmog.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DataGeneratorTest {
  @ParameterizedTest(name = "{index} - {0}")
  @EnumSource(Variant.class)
  void sameSeed_sameBytes(Variant variant) {
    byte[] a = DataGenerator.toBytes(variant, Layout.JSON_LINES, 42, 20, 0).bytes();
    byte[] b = DataGenerator.toBytes(variant, Layout.JSON_LINES, 42, 20, 0).bytes();
    byte[] c = DataGenerator.toBytes(variant, Layout.JSON_LINES, 43, 20, 0).bytes();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @ParameterizedTest(name = "{index} - {0}")
  @EnumSource(Variant.class)
  void expectedRows_matchTransmog(Variant variant) {
    for (Layout layout : Layout.values()) {
      DataGenerator.InMemory data = DataGenerator.toBytes(variant, layout, 7, 300, 0);
      FlattenResult r = Transmog.flatten(new ByteArrayInputStream(data.bytes()),
          TransmogOptions.builder().name(variant.tableName()).build());
      Map<String, Long> rows = new LinkedHashMap<>();
      for (Table t : r.tables()) {
        rows.put(t.name(), (long) t.rowCount());
      }
      assertThat(rows).as(layout.name()).isEqualTo(data.info().expectedRows());
      assertThat(data.info().records()).isEqualTo(300);
      assertThat(data.info().bytes()).isEqualTo(data.bytes().length);
    }
  }

  @Test
  void arrayLayout_holdsTheSameRecordsAsJsonLines() {
    String lines = new String(DataGenerator.toBytes(Variant.ORDERS, Layout.JSON_LINES, 1, 5, 0).bytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    String array = new String(DataGenerator.toBytes(Variant.ORDERS, Layout.ARRAY, 1, 5, 0).bytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(array).startsWith("[\n").endsWith("\n]\n");
    assertThat(array.substring(2, array.length() - 3).replace("},\n{", "}\n{") + "\n").isEqualTo(lines);
  }

  @Test
  void sizeLimit_stopsAtTheFirstRecordPastIt() {
    DataGenerator.InMemory data = DataGenerator.toBytes(Variant.ORDERS, Layout.JSON_LINES, 42, 0, 100_000);
    assertThat(data.bytes().length).isBetween(100_000, 110_000);
    assertThat(data.bytes()[data.bytes().length - 1]).isEqualTo((byte) '\n');
  }

  @Test
  void ordersVariant_looksLikeOrders() {
    String first = new String(DataGenerator.toBytes(Variant.ORDERS, Layout.JSON_LINES, 42, 1, 0).bytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(first).startsWith("{\"id\":10000000,\"created_at\":\"2023-01-01T")
        .contains("\"customer\":{", "\"address\":", "\"line_items\":[{\"sku\":\"SKU-", "\"tags\":", "\"payment\":");
  }
}
