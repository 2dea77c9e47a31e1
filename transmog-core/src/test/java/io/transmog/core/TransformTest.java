package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Table;
import io.transmog.api.transform.Transform;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TransformTest {
  private static final String RECORDS = "{\"id\":1,\"name\":\"Ann\",\"email\":\"a@x\",\"orders\":{\"id\":7,\"total\":9.5,"
      + "\"note\":\"n\"},\"items\":[{\"sku\":\"A\",\"qty\":2,\"price\":1.5,\"parts\":[{\"p\":1}]},"
      + "{\"sku\":\"B\",\"qty\":0,\"price\":3,\"parts\":[{\"p\":2}]}]}";

  @Test
  void theSeedsKeepOnlyEssentialFieldsIsAOneLiner() {
    TransmogOptions o = TransmogOptions.builder().name("record").includeTimestamp(false)
        .transform("", Transform.keep("id", "name", "orders_id", "orders_total")).build();
    Table t = Transmog.flatten(RECORDS, o).main();
    assertThat(t.schema().columnNames()).containsExactly("_id", "id", "name", "orders_id", "orders_total");
  }

  @Test
  void dropRenameMapDeriveAndFilterOnAChildTable() {
    TransmogOptions o = TransmogOptions.builder().includeTimestamp(false)
        .transform("items", Transform.drop("price").andThen(Transform.rename("sku", "product"))
            .andThen(Transform.map("product", v -> v.toString().toLowerCase(java.util.Locale.ROOT)))
            .andThen(Transform.derive("double_qty", row -> (Long) row.get("qty") * 2))
            .andThen(Transform.filter(row -> (Long) row.get("qty") > 0)))
        .transform("data_items_parts", Transform.map("p", v -> new BigDecimal(v.toString()).movePointLeft(1)))
        .build();
    FlattenResult r = Transmog.flatten(RECORDS, o);
    Table items = r.table("data_items").orElseThrow();
    assertThat(items.schema().columnNames()).containsExactly("_id", "_parent_id", "product", "qty", "double_qty");
    assertThat(items.rows()).hasSize(1);
    assertThat(items.row(0)).containsEntry("product", "a").containsEntry("double_qty", 4L);
    // the filtered row's child went with it
    Table parts = r.table("data_items_parts").orElseThrow();
    assertThat(parts.column("p")).containsExactly(new BigDecimal("0.1"));
    assertThat(parts.column("_parent_id")).containsExactly(items.row(0).get("_id"));
  }

  @Test
  void aRootFilterRemovesTheWholeRecordWhileStreamingRowsThrough() {
    TransmogOptions o = TransmogOptions.builder().includeTimestamp(false)
        .transform("", Transform.filter(row -> !"drop".equals(row.get("k")))).build();
    FlattenResult r = Transmog.flatten("{\"k\":\"keep\",\"xs\":[{\"a\":1}]}\n{\"k\":\"drop\",\"xs\":[{\"a\":2}]}", o);
    assertThat(r.main().column("k")).containsExactly("keep");
    assertThat(r.table("data_xs").orElseThrow().column("a")).containsExactly(1L);
  }
}
