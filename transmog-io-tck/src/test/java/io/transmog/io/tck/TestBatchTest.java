package io.transmog.io.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestBatchTest {
  private static final TableSchema SCHEMA = TableSchema.of("t", null, List.of(new Column("ts", ColumnType.TIMESTAMP),
      new Column("d", ColumnType.DATE), new Column("n", ColumnType.LONG), new Column("x", ColumnType.DOUBLE),
      new Column("dec", ColumnType.DECIMAL, 10, 2), new Column("s", ColumnType.STRING)));

  @Test
  void getters_followTheRowBatchContract() {
    TestBatch b = TestBatch.builder(SCHEMA)
        .row(Instant.parse("1969-12-31T23:59:59.999999Z"), LocalDate.of(1969, 12, 31), 7L, -0.0,
            new BigDecimal("1.50"), "s")
        .row(null, null, null, null, null, null)
        .build();
    assertThat(b.getLong(0, 0)).isEqualTo(-1L);
    assertThat(b.getString(0, 0)).isEqualTo("1969-12-31T23:59:59.999999Z");
    assertThat(b.getLong(1, 0)).isEqualTo(-1L);
    assertThat(b.getString(1, 0)).isEqualTo("1969-12-31");
    assertThat(b.getDouble(2, 0)).isEqualTo(7.0);
    assertThat(b.getDecimal(2, 0)).isEqualByComparingTo("7");
    assertThat(b.getString(3, 0)).isEqualTo("-0");
    assertThat(b.getString(4, 0)).isEqualTo("1.50");
    assertThat(b.getValue(0, 0)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    for (int c = 0; c < SCHEMA.size(); c++) {
      assertThat(b.isNull(c, 1)).isTrue();
      assertThat(b.getString(c, 1)).isNull();
    }
    assertThat(b.rows().get(1)).isEqualTo(Arrays.asList(null, null, null, null, null, null));
  }

  @Test
  void getter_notAllowedByTheContractThrowsNamingTheColumn() {
    TestBatch b = TestBatch.builder(SCHEMA).row(Instant.EPOCH, LocalDate.EPOCH, 1L, 1.0, BigDecimal.ONE, "s").build();
    assertThatThrownBy(() -> b.getBoolean(2, 0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("getBoolean").hasMessageContaining("column n of type LONG");
    assertThatThrownBy(() -> b.getLong(5, 0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("getLong").hasMessageContaining("STRING");
    assertThatThrownBy(() -> b.getDecimal(0, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void row_refusesValuesOfTheWrongTypeOrLength() {
    TestBatch.Builder b = TestBatch.builder(SCHEMA);
    assertThatThrownBy(() -> b.row(1L, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column ts (TIMESTAMP)");
    assertThatThrownBy(() -> b.row(Instant.parse("2024-01-01T00:00:00.000000001Z"), null, null, null, null, null))
        .hasMessageContaining("whole microseconds");
    assertThatThrownBy(() -> b.row(null, null, null, Double.NaN, null, null)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> b.row("too few")).hasMessageContaining("has 1 values");
  }

  @Test
  void readBack_copiesRowsAndKeepsNulls() {
    ReadBack r = new ReadBack(List.of("a", "b"), List.of(Arrays.asList(1L, null)));
    assertThat(r.column("b")).containsExactly((Object) null);
    assertThatThrownBy(() -> new ReadBack(List.of("a"), List.of(List.of(1L, 2L))))
        .hasMessageContaining("row 0 has 2 values");
  }
}
