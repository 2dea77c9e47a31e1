package io.transmog.io.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
  void unpairedSurrogatesFailInsteadOfBeingReplaced() {
    for (String s : new String[] {"lone \uD800 high", "lone \uDC00 low", "high at end \uD83D", "\uDE00", "\uD83D",
        "reversed \uDE00\uD83D", "\"quoted\" then \uD800"}) {
      for (boolean guard : new boolean[] {false, true}) {
        assertThatThrownBy(() -> encode(',', s, guard)).as(s).isInstanceOf(MalformedInputException.class);
      }
      assertThatThrownBy(() -> {
        CsvOutput out = new CsvOutput(new ByteArrayOutputStream(), ',', "\n", 64);
        out.text(s.repeat(20), false); // the large-cell path
      }).as(s).isInstanceOf(MalformedInputException.class);
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
