package io.transmog.core.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.ColumnType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TableDataTest {
  private final TableData t = new TableData("t", null, 2);
  private final int c = t.addColumn("c", null);

  @Test
  void longThenDouble_widensToDouble() {
    t.setLong(c, t.addRow(), 3);
    t.setDouble(c, t.addRow(), 1.5);
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(t.column("c")).containsExactly(3.0, 1.5);
  }

  @Test
  void hugeLongThenDouble_widensToDecimalWithoutRounding() {
    t.setLong(c, t.addRow(), Long.MAX_VALUE);
    t.setDouble(c, t.addRow(), 0.1);
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.DECIMAL);
    assertThat(t.column("c")).containsExactly(new BigDecimal(Long.MAX_VALUE), new BigDecimal("0.1"));
  }

  @Test
  void doubleThenHugeLong_widensToDecimal() {
    t.setDouble(c, t.addRow(), 2.5);
    t.setLong(c, t.addRow(), (1L << 53) + 1);
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.DECIMAL);
    assertThat(t.column("c")).containsExactly(new BigDecimal("2.5"), BigDecimal.valueOf((1L << 53) + 1));
  }

  @Test
  void booleanThenNumber_widensToString() {
    t.setBoolean(c, t.addRow(), true);
    t.setLong(c, t.addRow(), 7);
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.STRING);
    assertThat(t.column("c")).containsExactly("true", "7");
  }

  @Test
  void stringThenJson_quotesTheStrings() {
    t.setString(c, t.addRow(), "a\"b");
    t.setLong(c, t.addRow(), 1);
    t.setJson(c, t.addRow(), "[1,2]");
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.JSON);
    assertThat(t.column("c")).containsExactly("\"a\\\"b\"", "1", "[1,2]");
  }

  @Test
  void numbersInAStringColumnStayUnquotedWhenItBecomesJson() {
    t.setLong(c, t.addRow(), 1);
    t.setString(c, t.addRow(), "x");
    t.setBoolean(c, t.addRow(), true);
    t.setJson(c, t.addRow(), "{\"k\":1}");
    assertThat(t.column("c")).containsExactly("1", "\"x\"", "true", "{\"k\":1}");
  }

  @Test
  void nullsSurviveWideningAndGrowth() {
    for (int i = 0; i < 200; i++) {
      int r = t.addRow();
      if (i % 3 == 0) {
        t.setLong(c, r, i);
      }
    }
    t.setString(c, t.addRow(), "x");
    assertThat(t.rowCount()).isEqualTo(201);
    assertThat(t.isNull(c, 1)).isTrue();
    assertThat(t.getString(c, 3)).isEqualTo("3");
    assertThat(t.getString(c, 200)).isEqualTo("x");
  }

  @Test
  void columnsAddedLaterReadNullForEarlierRows() {
    t.setLong(c, t.addRow(), 1);
    int d = t.addColumn("d", null);
    t.setBoolean(d, t.addRow(), false);
    assertThat(t.row(0)).containsEntry("d", null);
    assertThat(t.row(1)).containsEntry("c", null).containsEntry("d", false);
  }

  @Test
  void clearRowsKeepsColumnsAndTypes() {
    t.setLong(c, t.addRow(), 1);
    t.clearRows();
    assertThat(t.rowCount()).isZero();
    int r = t.addRow();
    assertThat(t.isNull(c, r)).isTrue();
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.LONG);
  }
}
