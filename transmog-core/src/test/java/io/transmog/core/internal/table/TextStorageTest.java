package io.transmog.core.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.table.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * STRING cells are kept as UTF-8 bytes: every way text enters (a String, the parser's characters, ASCII IDs, a number
 * widened to text) must read back the same through {@code getString}, {@code getValue} and the UTF-8 getters, across
 * widening, rollback, clearing and handing rows to a writer thread.
 */
class TextStorageTest {
  private final TableData t = new TableData("t", null, 2);
  private final int c = t.addColumn("c", null);

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("empty", "", ""),
        Arguments.of("ascii", "plain, \"quoted\"\r\n", "plain, \"quoted\"\r\n"),
        Arguments.of("two-byte", "Hauptstraße ñ", "Hauptstraße ñ"),
        Arguments.of("three-byte", "返品可 – международный", "返品可 – международный"),
        Arguments.of("four-byte", "a\uD83D\uDE00b", "a\uD83D\uDE00b"),
        // an escaped lone surrogate is valid JSON; UTF-8 cannot hold it, so it reads back as '?' everywhere
        Arguments.of("lone high", "x\uD800y", "x?y"),
        Arguments.of("lone low", "\uDC00", "?"),
        Arguments.of("high at end", "z\uD83D", "z?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void everyWayInReadsBackTheSame(String name, String in, String expected) {
    char[] chars = ("<<" + in + ">>").toCharArray();
    t.setString(c, t.addRow(), in);
    t.setChars(c, t.addRow(), chars, 2, in.length());
    for (int r = 0; r < 2; r++) {
      assertThat(t.getString(c, r)).isEqualTo(expected);
      assertThat(t.getValue(c, r)).isEqualTo(expected);
      byte[] utf8 = expected.getBytes(StandardCharsets.UTF_8);
      assertThat(t.getUtf8Length(c, r)).isEqualTo(utf8.length);
      byte[] dst = new byte[utf8.length + 4];
      assertThat(t.getUtf8(c, r, dst, 3)).isEqualTo(utf8.length);
      assertThat(Arrays.copyOfRange(dst, 3, 3 + utf8.length)).isEqualTo(utf8);
    }
  }

  @Test
  void asciiIdsAreStoredAsTheirCharacters() {
    t.setAscii(c, t.addRow(), "01a21314-80a8-7279-ba4f-37ca826376d9");
    assertThat(t.getString(c, 0)).isEqualTo("01a21314-80a8-7279-ba4f-37ca826376d9");
    assertThat(t.getUtf8Length(c, 0)).isEqualTo(36);
  }

  @Test
  void nullCells_haveNoBytes() {
    t.setString(c, t.addRow(), "x");
    t.addRow();
    assertThat(t.getUtf8Length(c, 1)).isEqualTo(-1);
    assertThat(t.getUtf8(c, 1, new byte[8], 0)).isEqualTo(-1);
  }

  @Test
  void tooSmallATarget_failsBeforeWriting() {
    t.setString(c, t.addRow(), "abcdef");
    byte[] dst = new byte[4];
    assertThatThrownBy(() -> t.getUtf8(c, 0, dst, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    int n = t.addColumn("n", null);
    t.setLong(n, 0, 123456);
    assertThatThrownBy(() -> t.getUtf8(n, 0, dst, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(dst).containsOnly(0);
  }

  @Test
  void otherTypes_giveTheirTextAsUtf8() {
    int n = t.addColumn("n", null);
    int j = t.addColumn("j", null);
    t.setDouble(n, t.addRow(), 2.5);
    t.setJson(j, 0, "[\"é\"]");
    byte[] dst = new byte[16];
    assertThat(new String(dst, 0, t.getUtf8(n, 0, dst, 0), StandardCharsets.UTF_8)).isEqualTo("2.5");
    assertThat(t.getUtf8Length(j, 0)).isEqualTo(6);
    assertThat(new String(dst, 0, t.getUtf8(j, 0, dst, 0), StandardCharsets.UTF_8)).isEqualTo("[\"é\"]");
  }

  @Test
  void numbersThenText_widenIntoTheByteStorage() {
    t.setLong(c, t.addRow(), 7);
    t.setDouble(c, t.addRow(), 7.5);
    t.setBoolean(c, t.addRow(), true);
    t.setChars(c, t.addRow(), "ünï".toCharArray(), 0, 3);
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.STRING);
    assertThat(t.column("c")).containsExactly("7.0", "7.5", "true", "ünï");
    assertThat(t.getUtf8Length(c, 3)).isEqualTo(5);
  }

  @Test
  void textThenJson_leavesTheByteStorageQuoted() {
    t.setChars(c, t.addRow(), "a\"é".toCharArray(), 0, 3);
    t.setLong(c, t.addRow(), 1);
    t.setJson(c, t.addRow(), "{}");
    t.setChars(c, t.addRow(), "b".toCharArray(), 0, 1);
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.JSON);
    assertThat(t.column("c")).containsExactly("\"a\\\"é\"", "1", "{}", "\"b\"");
  }

  @Test
  void jsonText_isKeptAsBytesToo() {
    char[] arr = "x[\"é\",1]y".toCharArray();
    t.setJsonChars(c, t.addRow(), arr, 1, arr.length - 2); // first value: makes the column JSON
    t.setJsonChars(c, t.addRow(), arr, 1, arr.length - 2);
    t.setString(c, t.addRow(), "plain");
    t.setLong(c, t.addRow(), 5);
    t.setChars(c, t.addRow(), "ü".toCharArray(), 0, 1);
    assertThat(t.schema().column(c).type()).isEqualTo(ColumnType.JSON);
    assertThat(t.column("c")).containsExactly("[\"é\",1]", "[\"é\",1]", "\"plain\"", "5", "\"ü\"");
    byte[] dst = new byte[16];
    assertThat(new String(dst, 0, t.getUtf8(c, 1, dst, 0), StandardCharsets.UTF_8)).isEqualTo("[\"é\",1]");
    assertThat(t.getUtf8Length(c, 4)).isEqualTo(4);
  }

  @Test
  void jsonCharsIntoAStringColumn_widenItToJson() {
    t.setString(c, t.addRow(), "s");
    char[] arr = "[1]".toCharArray();
    t.setJsonChars(c, t.addRow(), arr, 0, 3);
    assertThat(t.column("c")).containsExactly("\"s\"", "[1]");
  }

  @Test
  void aRewrittenCellReadsItsLastValue() {
    int r = t.addRow();
    t.setString(c, r, "first");
    t.setLong(c, r, 5);
    t.setChars(c, r, "last".toCharArray(), 0, 4);
    t.setString(c, t.addRow(), "next");
    assertThat(t.column("c")).containsExactly("last", "next");
  }

  @Test
  void truncatedAndClearedRows_reuseTheStorage() {
    for (int i = 0; i < 100; i++) {
      t.setString(c, t.addRow(), "row " + i);
    }
    t.truncate(10);
    t.setString(c, t.addRow(), "after rollback");
    assertThat(t.getString(c, 9)).isEqualTo("row 9");
    assertThat(t.getString(c, 10)).isEqualTo("after rollback");
    t.clearRows();
    t.setString(c, t.addRow(), "next batch");
    assertThat(t.rowCount()).isEqualTo(1);
    assertThat(t.column("c")).containsExactly("next batch");
  }

  @Test
  void detachedRows_keepTheirBytesWhileTheTableFillsAgain() {
    for (int i = 0; i < 300; i++) {
      t.setString(c, t.addRow(), "value " + i + " ü");
    }
    TableData handedOver = t.detachRows();
    for (int i = 0; i < 300; i++) {
      t.setString(c, t.addRow(), "other " + i);
    }
    handedOver.trimToSize();
    assertThat(handedOver.getString(c, 299)).isEqualTo("value 299 ü");
    assertThat(t.getString(c, 299)).isEqualTo("other 299");
    assertThat(handedOver.schema().column(c).type()).isEqualTo(ColumnType.STRING);
  }

  @Test
  void storage_isReusedAcrossBatches_andGivenBackAfterAHugeOne() {
    for (int i = 0; i < 100; i++) {
      t.setString(c, t.addRow(), "value " + i);
    }
    int normal = t.textCapacity(c);
    t.clearRows();
    for (int i = 0; i < 100; i++) {
      t.setString(c, t.addRow(), "value " + i);
    }
    assertThat(t.textCapacity(c)).as("same text, same array").isEqualTo(normal);
    t.clearRows();
    t.setString(c, t.addRow(), "x".repeat(ColumnData.SHRINK_TEXT_ABOVE + 1));
    assertThat(t.textCapacity(c)).isGreaterThan(ColumnData.SHRINK_TEXT_ABOVE);
    t.clearRows(); // the huge batch used all of it: kept for the next one
    assertThat(t.textCapacity(c)).isGreaterThan(ColumnData.SHRINK_TEXT_ABOVE);
    t.setString(c, t.addRow(), "small");
    t.clearRows(); // a small batch after it: given back
    assertThat(t.textCapacity(c)).isLessThan(1024);
    t.setString(c, t.addRow(), "after");
    assertThat(t.column("c")).containsExactly("after");
  }

  @Test
  void manyLongTexts_growTheStorage() {
    String big = "x".repeat(10_000) + "€";
    for (int i = 0; i < 50; i++) {
      t.setString(c, t.addRow(), big + i);
    }
    for (int i = 0; i < 50; i++) {
      assertThat(t.getString(c, i)).isEqualTo(big + i);
    }
  }
}
