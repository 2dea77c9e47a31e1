package io.transmog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.SchemaConflictException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Type inference, every widening conflict without loss, timestamps, decimal precision and strict typing. */
class TypedColumnsTest {
  private static final TransmogOptions OPTS = TransmogOptions.builder().includeTimestamp(false).build();
  private static final TransmogOptions TIMES = OPTS.toBuilder().inferTimestamps(true).build();

  private static Table main(String jsonl, TransmogOptions o) {
    return Transmog.flatten(jsonl, o).main();
  }

  private static Column col(Table t, String name) {
    return t.schema().column(t.schema().indexOf(name));
  }

  @Test
  void eachConflictWidensWithoutLosingAValue() {
    String[][] cases = {
      // values (one record each)        expected type    expected values as text
      {"1|2.5", "DOUBLE", "1.0|2.5"},
      {"9007199254740993|0.5", "DECIMAL", "9007199254740993|0.5"},
      {"0.5|9007199254740993", "DECIMAL", "0.5|9007199254740993"},
      {"1|123456789012345678901234567890", "DECIMAL", "1|123456789012345678901234567890"},
      {"1.25|1.00000000000000000001", "DECIMAL", "1.25|1.00000000000000000001"},
      {"true|1", "STRING", "true|1"},
      {"1|\"a\"", "STRING", "1|a"},
      {"\"a\"|false", "STRING", "a|false"},
      {"\"a\"|[1,2]", "JSON", "\"a\"|[1,2]"},
      {"[1]|7", "JSON", "[1]|7"},
      {"2.5|{\"deep\":1}", "JSON", "2.5|{\"deep\":1}"},
    };
    TransmogOptions o = OPTS.toBuilder().maxDepth(1).build();
    for (String[] c : cases) {
      StringBuilder in = new StringBuilder();
      for (String v : c[0].split("\\|")) {
        in.append("{\"v\":").append(v).append("}\n");
      }
      Table t = main(in.toString(), o);
      int i = t.schema().indexOf("v");
      assertThat(t.schema().column(i).type()).as(c[0]).hasToString(c[1]);
      String[] expected = c[2].split("\\|");
      for (int r = 0; r < expected.length; r++) {
        assertThat(t.getString(i, r)).as(c[0] + " row " + r).isEqualTo(expected[r]);
      }
    }
  }

  @Test
  void decimalColumnsReportPrecisionAndScale() {
    Table t = main("{\"d\":1.00000000000000000001}\n{\"d\":12345.5}\n{\"d\":7}", OPTS);
    Column d = col(t, "d");
    assertThat(d.type()).isEqualTo(ColumnType.DECIMAL);
    assertThat(d.scale()).isEqualTo(20);
    assertThat(d.precision()).isEqualTo(25);
    assertThat(t.column("d")).containsExactly(new BigDecimal("1.00000000000000000001"), new BigDecimal("12345.5"),
        new BigDecimal("7"));
  }

  @Test
  void isoDatesAndOffsetTimestampsAreRecognisedWhenAskedFor() {
    Table t = main("{\"ts\":\"2024-05-01T10:00:00Z\",\"d\":\"2024-02-29\",\"local\":\"2024-05-01T10:00:00\","
        + "\"bad\":\"2023-02-30\",\"nano\":\"2024-05-01T10:00:00.123456789Z\"}\n"
        + "{\"ts\":\"2024-05-01 12:30:00.5+02:00\",\"d\":\"1969-12-31\"}", TIMES);
    assertThat(col(t, "ts").type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(col(t, "d").type()).isEqualTo(ColumnType.DATE);
    assertThat(col(t, "local").type()).isEqualTo(ColumnType.STRING);
    assertThat(col(t, "bad").type()).isEqualTo(ColumnType.STRING);
    assertThat(col(t, "nano").type()).isEqualTo(ColumnType.STRING);
    int ts = t.schema().indexOf("ts");
    assertThat(t.getLong(ts, 0)).isEqualTo(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli() * 1000);
    assertThat(t.getValue(ts, 1)).isEqualTo(Instant.parse("2024-05-01T10:30:00.5Z"));
    assertThat(t.getString(ts, 1)).isEqualTo("2024-05-01 12:30:00.5+02:00");
    assertThat(t.column("d")).containsExactly(LocalDate.of(2024, 2, 29), LocalDate.of(1969, 12, 31));
    assertThat(main("{\"ts\":\"2024-05-01T10:00:00Z\"}", OPTS).schema().column(1).type())
        .isEqualTo(ColumnType.STRING);
  }

  @Test
  void dateThenTimestampWidensToTimestampAndAnythingElseToTheOriginalText() {
    Table t = main("{\"x\":\"2024-01-02\"}\n{\"x\":\"2024-01-02T03:00:00Z\"}", TIMES);
    assertThat(col(t, "x").type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(t.column("x")).containsExactly(Instant.parse("2024-01-02T00:00:00Z"),
        Instant.parse("2024-01-02T03:00:00Z"));
    Table s = main("{\"x\":\"2024-01-02T03:00:00+01:00\"}\n{\"x\":5}\n{\"x\":\"later\"}", TIMES);
    assertThat(col(s, "x").type()).isEqualTo(ColumnType.STRING);
    assertThat(s.column("x")).containsExactly("2024-01-02T03:00:00+01:00", "5", "later");
  }

  @Test
  void strictTypesFailNamingTableColumnRecordAndBothTypes() {
    TransmogOptions strict = OPTS.toBuilder().name("orders").strictTypes(true).build();
    assertThatThrownBy(() -> Transmog.flatten(
            "{\"items\":[{\"qty\":1}]}\n{\"items\":[{\"qty\":1}]}\n{\"items\":[{\"qty\":1.5}]}", strict))
        .isInstanceOfSatisfying(SchemaConflictException.class, e -> {
          assertThat(e.table()).isEqualTo("orders_items");
          assertThat(e.column()).isEqualTo("qty");
          assertThat(e.columnType()).isEqualTo(ColumnType.LONG);
          assertThat(e.valueType()).isEqualTo(ColumnType.DOUBLE);
          assertThat(e.location().record()).isEqualTo(3);
          assertThat(e.getMessage()).contains("record 3", "orders_items", "qty", "LONG", "DOUBLE");
        });
    assertThat(Transmog.flatten("{\"a\":1}\n{\"a\":null}\n{\"a\":2}", strict).main().column("a"))
        .containsExactly(1L, null, 2L);
  }

  @Test
  void stringifyKeepsTheExactInputText() {
    Table t = main("{\"a\":1.50,\"b\":1e2,\"c\":true,\"d\":[1,2.0]}", OPTS.toBuilder().stringifyValues(true).build());
    assertThat(t.schema().columns()).extracting(Column::type).containsOnly(ColumnType.STRING);
    assertThat(t.row(0)).containsEntry("a", "1.50").containsEntry("b", "1e2").containsEntry("c", "true")
        .containsEntry("d", "[1,2.0]");
  }
}
