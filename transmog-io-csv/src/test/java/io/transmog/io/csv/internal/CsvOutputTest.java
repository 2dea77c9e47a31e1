package io.transmog.io.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.tck.Utf8TextBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte encoder of the CSV writer against its two oracles: Commons CSV's RFC 4180 {@code MINIMAL} quoting (what the
 * writer used before and still promises byte for byte) and the JDK's {@link Long#toString(long)} and
 * {@link Double#toString(double)}.
 */
class CsvOutputTest {

  // ---- text and quoting -----------------------------------------------------------------------------------------

  @Test
  void quotesExactlyWhenCommonsCsvMinimalDoes() throws IOException {
    String[] cases = {
      "plain", "a,b", "say \"hi\"", "\"", "\"\"", "line1\nline2", "cr\rhere", "both\r\nend", " leading space",
      "trailing space ", "trailing tab\t", "#hash", "!bang", "$dollar", "\ttab first", "in\tside", "x", ",", "a,",
      ",a", "é", "naïve café", "東京", "👍🏽", "a\uD83D\uDE00b", "ends with pair \uD83D\uDE00", "\u0000nul", "del\u007F",
      "\u00A0nbsp first", "nbsp last\u00A0", "'quoted", "=1+2", "-1", "@SUM(A1)", "a;b", "a|b", "a§b"
    };
    for (char delimiter : new char[] {',', ';', '\t', '|', '§', ' ', '#', 'x'}) {
      for (String s : cases) {
        for (boolean guard : new boolean[] {false, true}) {
          assertThat(encode(delimiter, s, guard))
              .as("delimiter %s, guard %s, value %s", describe(delimiter), guard, s)
              .isEqualTo(commons(delimiter, s, guard));
        }
      }
    }
  }

  @Test
  void randomTextMatchesCommonsCsvByteForByte() throws IOException {
    // an alphabet rich in everything the rules care about: separators, quotes, line breaks, spaces and controls,
    // '#' and neighbours, Latin-1, BMP and supplementary characters (as surrogate pairs)
    String[] alphabet = {
      "a", "Z", "0", ",", ";", "\t", "|", "\"", "\r", "\n", " ", "#", "!", "$", "'", "=", "\u0001", "\u007F", "é",
      "ß", "\u00A0", "Ж", "東", "\u2028", "€", "§", "\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF"
    };
    SplittableRandom random = new SplittableRandom(7);
    for (char delimiter : new char[] {',', ';', '\t', '§'}) {
      for (int i = 0; i < 20_000; i++) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 12);
        for (int k = 0; k < n; k++) {
          sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        String s = sb.toString();
        boolean guard = random.nextBoolean();
        assertThat(encode(delimiter, s, guard)).as("delimiter %s, guard %s, value %s", describe(delimiter), guard, s)
            .isEqualTo(commons(delimiter, s, guard));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 100, 1000, 4096})
  void cellsLargerThanTheBufferAreSplitAcrossFlushesAndStillQuotedCorrectly(int bufferBytes) throws IOException {
    List<String> values = new ArrayList<>();
    values.add("x".repeat(10_000));
    values.add("\"quoted\" ".repeat(2_000) + "end");
    values.add("東京".repeat(3_000));
    values.add("\uD83D\uDE00".repeat(3_000));
    values.add("a,b".repeat(3_000));
    values.add("#".repeat(5_000));
    values.add("y".repeat(5_000) + " ");
    values.add("\uD83D\uDE00".repeat(21) + "\"" + "é".repeat(50));
    for (String s : values) {
      for (boolean guard : new boolean[] {false, true}) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        CsvOutput out = new CsvOutput(sink, ',', "\r\n", bufferBytes);
        out.text("head", false); // something already buffered
        out.delimiter();
        out.text(s, guard);
        out.recordEnd();
        out.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8))
            .isEqualTo("head," + new String(commons(',', s, guard), StandardCharsets.UTF_8) + "\r\n");
      }
    }
  }

  @Test
  void manySmallCellsAcrossManyFlushesKeepEveryByte() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CsvOutput out = new CsvOutput(sink, ',', "\n", 64);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      String s = i % 7 == 0 ? "q\"" + i : i % 5 == 0 ? "é" + i : "v" + i;
      out.text(s, false);
      out.delimiter();
      out.longValue(i * 31L - 5000);
      out.delimiter();
      out.doubleValue(i / 8.0);
      out.recordEnd();
      expected.append(new String(commons(',', s, false), StandardCharsets.UTF_8)).append(',')
          .append(i * 31L - 5000).append(',').append(i / 8.0).append('\n');
    }
    out.flush();
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
  }

  @Test
  void unpairedSurrogatesAreWrittenAsQuestionMarksAsGetBytesDoes() throws IOException {
    for (String s : new String[] {"lone \uD800 high", "lone \uDC00 low", "high at end \uD83D", "\uDE00", "\uD83D",
        "reversed \uDE00\uD83D", "\"quoted\" then \uD800", "\uD83D\uD83D\uDE00 two highs"}) {
      for (boolean guard : new boolean[] {false, true}) {
        assertThat(encode(',', s, guard)).as(s).isEqualTo(commons(',', s, guard));
      }
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      CsvOutput out = new CsvOutput(sink, ',', "\n", 64);
      out.text(s.repeat(20), false); // the large-cell path
      out.flush();
      assertThat(sink.toByteArray()).as(s).isEqualTo(commons(',', s.repeat(20), false));
    }
  }

  @Test
  void aLoneSurrogateDelimiterFailsWhenFirstWritten() throws IOException {
    CsvOutput out = new CsvOutput(new ByteArrayOutputStream(), '\uD800', "\n", 64);
    out.text("single column is fine", false);
    assertThatThrownBy(out::delimiter).isInstanceOf(MalformedInputException.class);
  }

  @Test
  void plainTextIsEncodedWithoutQuoting() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CsvOutput out = new CsvOutput(sink, ',', "\n", 64);
    String digits = "1234567890".repeat(100) + ".5";
    out.plain("-0.000001");
    out.delimiter();
    out.plain(digits);
    out.delimiter();
    out.plain("1E+1001");
    out.flush();
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("-0.000001," + digits + ",1E+1001");
  }

  // ---- text from UTF-8 bytes (utf8Text) ---------------------------------------------------------------------------

  /** Values whose quoting is decided at a byte boundary: multi-byte characters first or last, specials in between. */
  private static final String[] BOUNDARY_CASES = {
    "é", "éa", "aé", "東", "東京", "\uD83D\uDE00", "\uD83D\uDE00x", "x\uD83D\uDE00", "\uD83D\uDE00 ", " \uD83D\uDE00",
    "é\t", "\té", "#é", "é#", "$é", "\"é", "é\"", "東\"京", "東,京", "東\r京", "東\n京", "¢", "¬", "€", "\u008A", "\u008D",
    "\u00A2\u00AC\u20AC\u008A\u008D\u00A2\u00AC\u20AC", "\uD83D\uDE00\uD83D\uDE00,\uD83D\uDE00", "1234567,",
    "12345678,", "123456789,", ",1234567", "12345678\"", "1234567\"8", "1234567\n12345678", "123456781234567\r",
    "abcdefgh ", "abcdefghi\t", "-5", "-5 ", "=1+2", "@x", "+é", "\tx", "\rx", "=a\"b", "'", "\u0000", "a\u0000", "\u007F", "\u00A0",
    "550e8400-e29b-41d4-a716-446655440000", "2024-05-06T07:08:09.123456Z"
  };

  @Test
  void utf8CellsAreWrittenExactlyAsTheirText() throws IOException {
    List<String> cases = new ArrayList<>(List.of(BOUNDARY_CASES));
    cases.addAll(List.of("plain", "a,b", "say \"hi\"", "\"", "\"\"", "line1\nline2", "cr\rhere", "both\r\nend",
        " leading space", "trailing space ", "trailing tab\t", "#hash", "!bang", "$dollar", "\ttab first", "in\tside",
        "x", ",", "a,", ",a", "naïve café", "👍🏽", "a;b", "a|b"));
    for (char delimiter : new char[] {',', ';', '\t', '|', ' ', '#', 'x', '\u0000', '\u007F'}) {
      for (String s : cases) {
        for (boolean guardOption : new boolean[] {false, true}) {
          boolean guard = guardOption && CsvOutput.looksLikeFormula(s.charAt(0));
          assertThat(encodeUtf8(delimiter, s, guardOption, CsvOutput.BUFFER_BYTES, 0))
              .as("delimiter %s, guard %s, value %s", describe(delimiter), guardOption, s)
              .isEqualTo(commons(delimiter, s, guard))
              .isEqualTo(encode(delimiter, s, guard));
        }
      }
    }
  }

  @Test
  void utf8QuotingDecisionsOnByteBoundaries() throws IOException {
    String[][] expected = {
      // value, without the guard, with the guard on
      {"é", "é", "é"},
      {"\uD83D\uDE00", "\uD83D\uDE00", "\uD83D\uDE00"},
      {"\uD83D\uDE00 ", "\"\uD83D\uDE00 \"", "\"\uD83D\uDE00 \""},
      {" \uD83D\uDE00", "\" \uD83D\uDE00\"", "\" \uD83D\uDE00\""},
      {"東\"京", "\"東\"\"京\"", "\"東\"\"京\""},
      {"東,京", "\"東,京\"", "\"東,京\""},
      {"東\r\n京", "\"東\r\n京\"", "\"東\r\n京\""},
      {"#é", "\"#é\"", "\"#é\""},
      {"$é", "$é", "$é"},
      {"é\t", "\"é\t\"", "\"é\t\""},
      {"1234567\"8", "\"1234567\"\"8\"", "\"1234567\"\"8\""},
      {"12345678,", "\"12345678,\"", "\"12345678,\""},
      {"abcdefghijklmno\n", "\"abcdefghijklmno\n\"", "\"abcdefghijklmno\n\""},
      {"=1+2", "=1+2", "'=1+2"},
      {"-5 ", "\"-5 \"", "\"'-5 \""},
      {"=a\"b", "\"=a\"\"b\"", "\"'=a\"\"b\""},
      {"\tx", "\"\tx\"", "'\tx"},
      {"\rx", "\"\rx\"", "\"'\rx\""},
      {"@東", "@東", "'@東"},
      {"é=", "é=", "é="},
      {"\u00A2\u20AC", "\u00A2\u20AC", "\u00A2\u20AC"},
    };
    for (String[] e : expected) {
      assertThat(new String(encodeUtf8(',', e[0], false, CsvOutput.BUFFER_BYTES, 0), StandardCharsets.UTF_8))
          .as(e[0]).isEqualTo(e[1]);
      assertThat(new String(encodeUtf8(',', e[0], true, CsvOutput.BUFFER_BYTES, 0), StandardCharsets.UTF_8))
          .as("guard, %s", e[0]).isEqualTo(e[2]);
    }
  }

  @Test
  void everySpecialByteIsFoundAtEveryPositionAndAlignment() throws IOException {
    // the 8-byte scan: a special (or a byte that only looks close to one) at each position of cells of 1 to 24 bytes,
    // the cells starting at each offset of a word; 0x80-0xBF bytes of multi-byte characters must never match
    String[] inserts = {
      "\"", "\r", "\n", ";", ",", "\u00A2", "\u008A", "\u008D", "\u00BB", "\u20AC", "\u0000", "!", "#"
    };
    for (int n = 1; n <= 24; n++) {
      for (int k = 0; k < n; k++) {
        for (String insert : inserts) {
          String s = "a".repeat(k) + insert + "b".repeat(n - k - 1);
          for (int offset = 0; offset < 8; offset++) {
            assertThat(encodeUtf8(';', s, false, 256, offset)).as("%s at %d of %d, offset %d", insert, k, n, offset)
                .isEqualTo(commons(';', s, false));
          }
        }
      }
    }
  }

  @Test
  void randomUtf8TextMatchesCommonsCsvByteForByte() throws IOException {
    String[] alphabet = {
      "a", "Z", "0", ",", ";", "\t", "|", "\"", "\r", "\n", " ", "#", "!", "$", "'", "=", "-", "@", "\u0001", "\u007F",
      "é", "ß", "\u00A0", "\u00A2", "\u008A", "\u008D", "Ж", "東", "\u2028", "€", "§", "\uD83D\uDE00", "\uD800\uDC00",
      "\uDBFF\uDFFF"
    };
    SplittableRandom random = new SplittableRandom(17);
    for (char delimiter : new char[] {',', ';', '\t', '|'}) {
      for (int i = 0; i < 20_000; i++) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 12);
        for (int k = 0; k < n; k++) {
          sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        String s = sb.toString();
        boolean guardOption = random.nextBoolean();
        boolean guard = guardOption && CsvOutput.looksLikeFormula(s.charAt(0));
        int offset = random.nextInt(64);
        assertThat(encodeUtf8(delimiter, s, guardOption, 1024, offset))
            .as("delimiter %s, guard %s, value %s, offset %d", describe(delimiter), guardOption, s, offset)
            .isEqualTo(commons(delimiter, s, guard));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 100, 1000})
  void utf8CellsJustBelowAndAboveTheBufferSizeAreWrittenCorrectly(int bufferBytes) throws IOException {
    // a cell takes the in-buffer path while 2 * length + 3 fits the buffer, the large path beyond; both must give the
    // same bytes, with anything already buffered before the cell and with the buffer nearly full
    for (int n = bufferBytes / 2 - 4; n <= bufferBytes + 10; n++) {
      for (String s : new String[] {"x".repeat(n), "x".repeat(n - 1) + " ", "\"" + "y".repeat(n - 1),
          "=" + "z".repeat(n - 2) + ",", "é".repeat(n / 2), "a".repeat(n - 4) + "\uD83D\uDE00"}) {
        for (boolean guardOption : new boolean[] {false, true}) {
          boolean guard = guardOption && CsvOutput.looksLikeFormula(s.charAt(0));
          for (int offset : new int[] {0, 5, bufferBytes - 2 * n - 3, bufferBytes - 2 * n - 2, bufferBytes - 3}) {
            if (offset < 0 || offset >= bufferBytes) {
              continue;
            }
            assertThat(encodeUtf8(',', s, guardOption, bufferBytes, offset))
                .as("%d bytes, guard %s, offset %d: %s", n, guardOption, offset, s)
                .isEqualTo(commons(',', s, guard));
          }
        }
      }
    }
  }

  @Test
  void utf8CellsLargerThanTheBufferAreSplitAcrossFlushes() throws IOException {
    List<String> values = List.of("x".repeat(10_000), "\"quoted\" ".repeat(2_000) + "end", "東京".repeat(3_000),
        "\uD83D\uDE00".repeat(3_000), "a,b".repeat(3_000), "#".repeat(5_000), "y".repeat(5_000) + " ",
        "-" + "\uD83D\uDE00".repeat(21) + "\"" + "é".repeat(50));
    for (String s : values) {
      for (boolean guardOption : new boolean[] {false, true}) {
        boolean guard = guardOption && CsvOutput.looksLikeFormula(s.charAt(0));
        assertThat(encodeUtf8(',', s, guardOption, 4096, 7)).as(s).isEqualTo(commons(',', s, guard));
      }
    }
  }

  @Test
  void utf8EmptyTextIsQuotedAndMissingTextIsAnEmptyField() throws IOException {
    assertThat(encodeUtf8(',', "", false, 64, 0)).isEqualTo("\"\"".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CsvOutput out = new CsvOutput(sink, ',', "\n", 64);
    out.utf8Text(new Utf8Cell(null), 0, 0, true);
    out.flush();
    assertThat(sink.toByteArray()).isEmpty();
  }

  @Test
  void onlyAnAsciiDelimiterCopiesUtf8() {
    assertThat(new CsvOutput(new ByteArrayOutputStream(), ',', "\n", 64).copiesUtf8()).isTrue();
    assertThat(new CsvOutput(new ByteArrayOutputStream(), '\u007F', "\n", 64).copiesUtf8()).isTrue();
    assertThat(new CsvOutput(new ByteArrayOutputStream(), '§', "\n", 64).copiesUtf8()).isFalse();
  }

  // ---- numbers ---------------------------------------------------------------------------------------------------

  @Test
  void longsAreWrittenAsLongToString() throws IOException {
    List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, 99L, 100L, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MIN_VALUE + 1, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L));
    for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
      values.add(p);
      values.add(p - 1);
      values.add(p + 1);
      values.add(-p);
      values.add(-p + 1);
      values.add(p * 10 - 1);
    }
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      values.add(random.nextLong() >> random.nextInt(64));
    }
    for (long v = 0; v < 120_000; v++) { // every digit pair in every position of up to six digits
      values.add(v);
    }
    for (long base : new long[] {99_999_999L, 100_000_000L, 9_999_999_999_999_999L, 10_000_000_000_000_000L}) {
      for (long d = -1_000; d <= 1_000; d++) { // both sides of where an 8-digit group is split off
        values.add(base + d);
      }
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CsvOutput out = new CsvOutput(sink, ',', "\n", 100);
    StringBuilder expected = new StringBuilder();
    for (long v : values) {
      out.longValue(v);
      out.recordEnd();
      expected.append(v).append('\n');
    }
    out.flush();
    assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
  }

  @Test
  void doublesAreWrittenAsDoubleToStringAtTheEdgesOfTheFastPath() throws IOException {
    List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1e-3, -1e-3, 1e7, -1e7, 1.0, 0.1, 0.2, 0.3, 0.5,
        0.05, 0.0001, 0.00015, 0.001, 0.0015, 9999999.9999, 9999999.99995, 1234567.8901, 1e-4, 123.456789,
        Math.nextDown(1e-3), Math.nextUp(1e-3), Math.nextDown(1e7), Math.nextUp(1e7), 0.1 + 0.2, 1.0 / 3,
        2.0 / 3, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 4.35, 4.345, 2.675, 1.005, 100.0, 1e6, 123456.7, 5e-324, 2e-3, 1e23, 9.007199254740993E15,
        4230.72, 6.23, 7.234, 17.635, 311.95, 0.07));
    for (double v : values.toArray(new Double[0])) {
      values.add(-v);
    }
    assertDoublesMatch(values);
  }

  @Test
  void doublesMatchDoubleToStringForEveryDecimalWithFewFractionDigits() throws IOException {
    // every m / 10^k with m below a million: all prices, weights and percentages of that size, and their neighbours
    List<Double> values = new ArrayList<>();
    for (int k = 0; k <= 6; k++) {
      double scale = Math.pow(10, k);
      for (long m = 0; m < 1_000_000; m += k == 0 ? 1 : 1 + (m % 3)) {
        double d = m / scale;
        values.add(d);
        if (m % 101 == 0) {
          values.add(Math.nextUp(d));
          values.add(Math.nextDown(d));
        }
      }
      assertDoublesMatch(values);
      values.clear();
    }
  }

  @Test
  void randomDoublesMatchDoubleToString() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      int k = random.nextInt(5);
      values.add(random.nextLong(100_000_000_000L) / Math.pow(10, k)); // up to 10^11, mostly outside [1e-3, 1e7)
      values.add(random.nextDouble() * Math.pow(10, random.nextInt(14) - 5));
      values.add(Double.longBitsToDouble(random.nextLong()));
    }
    assertDoublesMatch(values);
  }

  private static void assertDoublesMatch(List<Double> values) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CsvOutput out = new CsvOutput(sink, ',', "\n", 4096);
    StringBuilder expected = new StringBuilder();
    for (double v : values) {
      out.doubleValue(v);
      out.recordEnd();
      expected.append(Double.toString(v)).append('\n');
    }
    out.flush();
    String actual = sink.toString(StandardCharsets.US_ASCII);
    if (!actual.equals(expected.toString())) {
      // report the first differing value rather than two huge strings
      String[] a = actual.split("\n");
      String[] e = expected.toString().split("\n");
      for (int i = 0; i < e.length; i++) {
        assertThat(a[i]).as("value %s (bits %x)", values.get(i), Double.doubleToRawLongBits(values.get(i)))
            .isEqualTo(e[i]);
      }
    }
  }

  @Test
  void booleansAndTheEmptyStringAndRecordSeparators() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CsvOutput out = new CsvOutput(sink, '\t', "\r\n", 64);
    out.byteOrderMark();
    out.booleanValue(true);
    out.delimiter();
    out.booleanValue(false);
    out.delimiter();
    out.quotedEmpty();
    out.recordEnd();
    out.flush();
    assertThat(sink.toByteArray()).isEqualTo("\uFEFFtrue\tfalse\t\"\"\r\n".getBytes(StandardCharsets.UTF_8));
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  private static byte[] encode(char delimiter, String s, boolean guard) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CsvOutput out = new CsvOutput(sink, delimiter, "\n", CsvOutput.BUFFER_BYTES);
    out.text(s, guard);
    out.flush();
    return sink.toByteArray();
  }

  /**
   * Writes {@code s} through {@link CsvOutput#utf8Text} from a batch that holds it as UTF-8, after {@code offset}
   * bytes already buffered (then dropped from the result).
   */
  private static byte[] encodeUtf8(char delimiter, String s, boolean guardOption, int bufferBytes, int offset)
      throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CsvOutput out = new CsvOutput(sink, delimiter, "\n", bufferBytes);
    for (int i = 0; i < offset; i++) {
      out.delimiter(); // one byte each, flushed only when the buffer is full
    }
    assertThat(out.buffered()).isEqualTo(offset);
    out.utf8Text(new Utf8Cell(s.getBytes(StandardCharsets.UTF_8)), 0, 0, guardOption);
    out.flush();
    byte[] all = sink.toByteArray();
    return java.util.Arrays.copyOfRange(all, offset, all.length);
  }

  /** One STRING cell held as UTF-8 bytes, like the engine's batches; getString must not be called. */
  private static final class Utf8Cell implements Utf8TextBatch {
    private static final TableSchema SCHEMA = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING)));
    private final byte[] bytes;

    Utf8Cell(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public TableSchema schema() {
      return SCHEMA;
    }

    @Override
    public int rowCount() {
      return 1;
    }

    @Override
    public boolean isNull(int column, int row) {
      return bytes == null;
    }

    @Override
    public boolean getBoolean(int column, int row) {
      throw new AssertionError("not a boolean");
    }

    @Override
    public long getLong(int column, int row) {
      throw new AssertionError("not a long");
    }

    @Override
    public double getDouble(int column, int row) {
      throw new AssertionError("not a double");
    }

    @Override
    public BigDecimal getDecimal(int column, int row) {
      throw new AssertionError("not a decimal");
    }

    @Override
    public String getString(int column, int row) {
      throw new AssertionError("utf8Text must copy the bytes, not make a String");
    }

    @Override
    public byte[] utf8Bytes(int column, int row) {
      return bytes;
    }

    @Override
    public Object getValue(int column, int row) {
      throw new AssertionError("no boxing");
    }
  }

  /** What the previous writer produced: Commons CSV prints the (guarded) value in MINIMAL mode, encoded as UTF-8. */
  private static byte[] commons(char delimiter, String s, boolean guard) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuote('"')
        .setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator("\n").get();
    StringBuilder sb = new StringBuilder();
    format.print(guard ? "'" + s : s, sb, true);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String describe(char c) {
    return c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
