package io.transmog.io.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
  void getUtf8_isTheTextOfGetStringInUtf8() {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING),
        new Column("j", ColumnType.JSON), new Column("dec", ColumnType.DECIMAL, 10, 2),
        new Column("ts", ColumnType.TIMESTAMP), new Column("x", ColumnType.DOUBLE)));
    String[] texts = {"", "a", "é", "東", "😀", "aé東😀\"\r\n, ", "\u0000\u007F\u0080\u07FF\u0800\uFFFF",
        "\uD800\uDC00\uDBFF\uDFFF", "x".repeat(10_000)};
    TestBatch.Builder builder = TestBatch.builder(schema);
    for (String t : texts) {
      builder.row(t, "[\"" + t + "\"]", new BigDecimal("-12.50"), Instant.parse("2024-05-06T07:08:09.123456Z"), -0.0);
    }
    builder.row(null, null, null, null, null);
    TestBatch b = builder.build();
    for (int r = 0; r < texts.length; r++) {
      for (int c = 0; c < schema.size(); c++) {
        byte[] expected = b.getString(c, r).getBytes(StandardCharsets.UTF_8);
        assertThat(b.getUtf8Length(c, r)).isEqualTo(expected.length);
        byte[] dst = new byte[expected.length + 10];
        Arrays.fill(dst, (byte) 7);
        assertThat(b.getUtf8(c, r, dst, 5)).isEqualTo(expected.length);
        assertThat(Arrays.copyOfRange(dst, 5, 5 + expected.length)).isEqualTo(expected);
        assertThat(dst[4]).isEqualTo((byte) 7);
        assertThat(dst[5 + expected.length]).isEqualTo((byte) 7);
      }
    }
    for (int c = 0; c < schema.size(); c++) {
      assertThat(b.getUtf8Length(c, texts.length)).isEqualTo(-1);
      assertThat(b.getUtf8(c, texts.length, new byte[0], 0)).isEqualTo(-1);
    }
  }

  @Test
  void getUtf8_writesAnUnpairedSurrogateAsAQuestionMarkAndNothingWhenTheArrayIsTooSmall() {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING)));
    TestBatch b = TestBatch.builder(schema).row("a\uD800b\uDC00\uD83D").row("東京").build();
    assertThat(b.getUtf8Length(0, 0)).isEqualTo(5);
    byte[] dst = new byte[5];
    assertThat(b.getUtf8(0, 0, dst, 0)).isEqualTo(5);
    assertThat(dst).isEqualTo("a?b??".getBytes(StandardCharsets.US_ASCII));
    byte[] small = new byte[8];
    assertThatThrownBy(() -> b.getUtf8(0, 1, small, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(small).containsOnly(0);
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
