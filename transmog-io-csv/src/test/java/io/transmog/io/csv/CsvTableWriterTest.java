package io.transmog.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.WriterException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import io.transmog.io.csv.internal.CsvWriterProvider;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTableWriterTest {
  private static final CsvWriterProvider PROVIDER = new CsvWriterProvider();

  @TempDir Path dir;

  // ---- values -------------------------------------------------------------------------------------------------

  @Test
  void roundTripsEveryColumnTypeAndNulls() throws IOException {
    TableSchema schema = schema("data",
        col("_id", ColumnType.STRING), col("n", ColumnType.LONG), col("x", ColumnType.DOUBLE),
        col("d", ColumnType.DECIMAL), col("b", ColumnType.BOOLEAN), col("s", ColumnType.STRING),
        col("j", ColumnType.JSON));
    BigDecimal big = new BigDecimal("123456789012345678901234567890.000000000000000000001");
    Object[][] rows = {
        {"r1", Long.MAX_VALUE, 3.0, big, true, "plain", "{\"a\":[1,\"x,y\"],\"q\":\"\\\"\"}"},
        {"r2", Long.MIN_VALUE, -0.1, new BigDecimal("-0.5"), false, "two words", "[1,2,3]"},
        {"r3", 0L, 1.0E300, new BigDecimal("1E+3"), true, "x", "-7"},
        {"r4", null, null, null, null, null, null},
    };
    Path file = write(schema, Map.of(), rows);

    List<CSVRecord> records = parse(file, ',');
    assertThat(records.get(0).values()).containsExactly("_id", "n", "x", "d", "b", "s", "j");
    assertThat(records).hasSize(5);
    for (int r = 0; r < 3; r++) {
      CSVRecord rec = records.get(r + 1);
      assertThat(rec.get(0)).isEqualTo(rows[r][0]);
      assertThat(Long.parseLong(rec.get(1))).isEqualTo(rows[r][1]);
      assertThat(Double.parseDouble(rec.get(2))).isEqualTo(rows[r][2]);
      assertThat(new BigDecimal(rec.get(3))).isEqualByComparingTo((BigDecimal) rows[r][3]);
      assertThat(Boolean.parseBoolean(rec.get(4))).isEqualTo(rows[r][4]);
      assertThat(rec.get(5)).isEqualTo(rows[r][5]);
      assertThat(rec.get(6)).isEqualTo(rows[r][6]);
    }
    // Commons CSV reads an unquoted empty field as null in ALL_NON_NULL mode: every null survives as null.
    assertThat(records.get(4).values()).containsExactly("r4", null, null, null, null, null, null);
  }

  @Test
  void writesNumbersInJavaCanonicalTextAndDecimalsInPlainForm() throws IOException {
    TableSchema schema = schema("t",
        col("n", ColumnType.LONG), col("x", ColumnType.DOUBLE), col("d", ColumnType.DECIMAL),
        col("b", ColumnType.BOOLEAN));
    Path file = write(schema, Map.of(),
        new Object[] {-42L, 3.0, new BigDecimal("1E+3"), true},
        new Object[] {7L, 1.5E300, new BigDecimal("0.000001"), false});

    assertThat(text(file)).isEqualTo("n,x,d,b\r\n-42,3.0,1000,true\r\n7,1.5E300,0.000001,false\r\n");
  }

  @Test
  void quotesDelimiterQuoteCarriageReturnAndLineFeed() throws IOException {
    TableSchema schema = schema("t", col("v", ColumnType.STRING), col("w", ColumnType.STRING));
    String[] values = {"a,b", "say \"hi\"", "line1\nline2", "cr\rhere", "both\r\nend", "plain"};
    Object[][] rows = new Object[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new Object[] {values[i], "x"};
    }
    Path file = write(schema, Map.of(), rows);

    assertThat(text(file)).isEqualTo("v,w\r\n"
        + "\"a,b\",x\r\n"
        + "\"say \"\"hi\"\"\",x\r\n"
        + "\"line1\nline2\",x\r\n"
        + "\"cr\rhere\",x\r\n"
        + "\"both\r\nend\",x\r\n"
        + "plain,x\r\n");
    List<CSVRecord> records = parse(file, ',');
    for (int i = 0; i < values.length; i++) {
      assertThat(records.get(i + 1).values()).containsExactly(values[i], "x");
    }
  }

  @Test
  void writesUnicodeNamesAndValuesAsUtf8() throws IOException {
    TableSchema schema = schema("データ", col("名前", ColumnType.STRING), col("😀 emoji", ColumnType.STRING));
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // a ZWJ sequence of surrogate pairs
    Path file = write(schema, Map.of(),
        new Object[] {"東京", "👍🏽 " + family},
        new Object[] {"naïve café", "Ωμέγα"});

    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("名前,😀 emoji\r\n東京,👍🏽 " + family + "\r\nnaïve café,Ωμέγα\r\n");
    // Exactly the UTF-8 encoding, no BOM and no replacement characters.
    assertThat(bytes).isEqualTo(("名前,😀 emoji\r\n東京,👍🏽 " + family + "\r\nnaïve café,Ωμέγα\r\n")
        .getBytes(StandardCharsets.UTF_8));
    List<CSVRecord> records = parse(file, ',');
    assertThat(records.get(1).values()).containsExactly("東京", "👍🏽 " + family);
    assertThat(records.get(2).values()).containsExactly("naïve café", "Ωμέγα");
  }

  @ParameterizedTest
  @ValueSource(strings = {",", "§"})
  void writesAnUnpairedSurrogateAsAQuestionMarkAsGetBytesDoes(String delimiter) throws IOException {
    // a batch hands such text over as UTF-8 with ? (RowBatch.getUtf8); with a non-ASCII delimiter the writer reads
    // the String and encodes it the same way
    TableSchema schema = schema("lone", col("s", ColumnType.STRING), col("j", ColumnType.JSON));
    Path file = write(schema, Map.of(CsvOptions.DELIMITER, delimiter),
        new Object[] {"lone \uD800 surrogate", "\uDC00"}, new Object[] {"pair \uD83D\uDE00 then \uD83D", "x"});

    assertThat(text(file)).isEqualTo(String.join(delimiter, "s", "j") + "\r\n"
        + String.join(delimiter, "lone ? surrogate", "?") + "\r\n"
        + String.join(delimiter, "pair \uD83D\uDE00 then ?", "x") + "\r\n");
  }

  @ParameterizedTest(name = "delimiter={0} lineSeparator={1} bom={2} formulaGuard={3} header={4}")
  @MethodSource("optionCombinations")
  void randomTablesAreByteForByteWhatCommonsCsvWrote(String delimiter, String lineSeparator, boolean bom,
      boolean formulaGuard, boolean header) throws IOException {
    TableSchema schema = schema("t",
        col("=id", ColumnType.STRING), col("n", ColumnType.LONG), col("x", ColumnType.DOUBLE),
        col("d", ColumnType.DECIMAL), col("b", ColumnType.BOOLEAN), col("s", ColumnType.STRING),
        col(" j", ColumnType.JSON), col("t\u00e9 \"q\"", ColumnType.STRING));
    String[] alphabet = {"a", "Z", "7", ",", ";", "\t", "\"", "\r", "\n", " ", "#", "=", "-", "@", "é", "東",
        "\uD83D\uDE00", "'"};
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    Object[][] rows = new Object[3000][];
    for (int r = 0; r < rows.length; r++) {
      Object[] row = new Object[schema.size()];
      row[0] = "id-" + r;
      row[1] = random.nextLong() >> random.nextInt(64);
      row[2] = random.nextInt(3) == 0 ? random.nextInt(1_000_000) / 100.0 : random.nextDouble() * 1e9;
      row[3] = BigDecimal.valueOf(random.nextLong(), random.nextInt(-5, 30));
      row[4] = random.nextBoolean();
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(8); k > 0; k--) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      row[5] = sb.toString();
      row[6] = "{\"k\":[" + r + ",\"v\"]}";
      row[7] = sb.reverse().toString();
      for (int c = 1; c < row.length; c++) {
        if (random.nextInt(9) == 0) {
          row[c] = null;
        }
      }
      rows[r] = row;
    }
    Map<String, String> options = Map.of(CsvOptions.DELIMITER, delimiter, CsvOptions.LINE_SEPARATOR, lineSeparator,
        CsvOptions.BOM, Boolean.toString(bom), CsvOptions.FORMULA_GUARD, Boolean.toString(formulaGuard),
        CsvOptions.HEADER, Boolean.toString(header));
    Path file = write(schema, options, rows);

    CsvOptions parsed = CsvOptions.parse(FormatOptions.of(options));
    assertThat(Files.readAllBytes(file))
        .isEqualTo(commonsCsv(schema, parsed, rows).getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> optionCombinations() {
    return Stream.of(
        Arguments.of(",", "crlf", false, false, true),
        Arguments.of(",", "lf", true, true, true),
        Arguments.of(";", "crlf", false, true, false),
        Arguments.of("tab", "lf", false, false, true),
        Arguments.of("|", "crlf", true, false, true),
        Arguments.of("§", "lf", false, true, true));
  }

  /**
   * The writer as it was with Commons CSV: header cells and text cells through {@code CSVFormat.print} in MINIMAL
   * mode (formula guard first), an empty text as {@code ""}, null as an empty field, numbers and booleans in Java's
   * canonical text, decimals in plain form.
   */
  private static String commonsCsv(TableSchema schema, CsvOptions options, Object[][] rows) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(options.delimiter()).setQuote('"')
        .setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator(options.lineSeparator().chars()).get();
    StringBuilder out = new StringBuilder();
    if (options.bom()) {
      out.append('\uFEFF');
    }
    List<Object[]> records = new ArrayList<>();
    if (options.header()) {
      records.add(schema.columnNames().toArray());
    }
    records.addAll(Arrays.asList(rows));
    for (int r = 0; r < records.size(); r++) {
      Object[] row = records.get(r);
      boolean headerRow = options.header() && r == 0;
      for (int c = 0; c < row.length; c++) {
        Object v = row[c];
        if (c > 0) {
          out.append(options.delimiter());
        }
        if (v == null) {
          continue;
        }
        ColumnType type = headerRow ? ColumnType.STRING : schema.column(c).type();
        switch (type) {
          case LONG:
          case BOOLEAN:
            out.append(v);
            break;
          case DOUBLE:
            out.append(Double.toString((Double) v));
            break;
          case DECIMAL:
            out.append(((BigDecimal) v).toPlainString());
            break;
          default:
            String s = (String) v;
            if (s.isEmpty()) {
              out.append("\"\"");
            } else {
              if (options.formulaGuard() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
                s = "'" + s;
              }
              format.print(s, out, true); // newRecord only matters for an empty value, handled above
            }
            break;
        }
      }
      out.append(options.lineSeparator().chars());
    }
    return out.toString();
  }

  // ---- null vs empty string -------------------------------------------------------------------------------------

  @Test
  void nullIsAnEmptyUnquotedFieldAndEmptyStringIsQuoted() throws IOException {
    TableSchema schema = schema("t",
        col("a", ColumnType.STRING), col("b", ColumnType.STRING), col("c", ColumnType.JSON));
    Path file = write(schema, Map.of(),
        new Object[] {null, "", null},
        new Object[] {"", null, ""},
        new Object[] {"", "", ""},
        new Object[] {null, null, null});

    assertThat(text(file)).isEqualTo("a,b,c\r\n,\"\",\r\n\"\",,\"\"\r\n\"\",\"\",\"\"\r\n,,\r\n");
    List<CSVRecord> records = parse(file, ',');
    assertThat(records.get(1).values()).containsExactly(null, "", null);
    assertThat(records.get(2).values()).containsExactly("", null, "");
    assertThat(records.get(3).values()).containsExactly("", "", "");
    assertThat(records.get(4).values()).containsExactly(null, null, null);
  }

  @Test
  void singleColumnNullIsAnEmptyLineAndEmptyStringIsQuoted() throws IOException {
    TableSchema schema = schema("t", col("only", ColumnType.STRING));
    Path file = write(schema, Map.of(), new Object[] {null}, new Object[] {""}, new Object[] {"x"});

    assertThat(text(file)).isEqualTo("only\r\n\r\n\"\"\r\nx\r\n");
    List<CSVRecord> records = parse(file, ',');
    assertThat(records).hasSize(4);
    assertThat(records.get(1).get(0)).isNull();
    assertThat(records.get(2).get(0)).isEmpty();
  }

  // ---- empty tables, batches --------------------------------------------------------------------------------------

  @Test
  void emptyTableGivesHeaderOnly() throws IOException {
    TableSchema schema = schema("empty", col("_id", ColumnType.STRING), col("n", ColumnType.LONG));
    Path file = write(schema, Map.of());

    assertThat(text(file)).isEqualTo("_id,n\r\n");
    assertThat(listing()).containsExactly("empty.csv");
  }

  @Test
  void emptyTableWithoutHeaderGivesAnEmptyFile() throws IOException {
    TableSchema schema = schema("empty", col("n", ColumnType.LONG));
    Path file = write(schema, Map.of(CsvOptions.HEADER, "false"));

    assertThat(file).exists();
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void headerFalseWritesOnlyData() throws IOException {
    TableSchema schema = schema("t", col("n", ColumnType.LONG));
    Path file = write(schema, Map.of(CsvOptions.HEADER, "FALSE"), new Object[] {1L});

    assertThat(text(file)).isEqualTo("1\r\n");
  }

  @Test
  void appendsBatchesInOrderAndAcceptsAnEqualSchemaInstance() throws IOException {
    TableSchema schema = schema("t", col("n", ColumnType.LONG));
    Path target = dir.resolve("t.csv");
    try (TableWriter writer = open(schema, target, Map.of())) {
      writer.write(new ArrayRowBatch(schema, new Object[] {1L}, new Object[] {2L}));
      writer.write(new ArrayRowBatch(schema("t", col("n", ColumnType.LONG)), new Object[] {3L}));
      writer.write(new ArrayRowBatch(schema));
    }
    assertThat(text(target)).isEqualTo("n\r\n1\r\n2\r\n3\r\n");
  }

  @Test
  void rejectsABatchWhoseColumnsDoNotExtendTheHeader() {
    TableSchema schema = schema("t", col("n", ColumnType.LONG), col("m", ColumnType.LONG));
    TableSchema other = schema("t", col("m", ColumnType.LONG), col("n", ColumnType.LONG));
    TableWriter writer = open(schema, dir.resolve("t.csv"), Map.of());
    try {
      assertThatThrownBy(() -> writer.write(new ArrayRowBatch(other, new Object[] {1L, 2L})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("table t");
    } finally {
      writer.abort();
    }
    assertThat(PROVIDER.canAppend(schema, other)).isFalse();
  }

  @Test
  void columnsAppendedLaterConsolidateIntoOneFileWithEveryRecordPadded() throws IOException {
    TableSchema one = schema("t", col("n", ColumnType.LONG));
    TableSchema two = schema("t", col("n", ColumnType.LONG), col("note", ColumnType.STRING));
    TableSchema three = schema("t", col("n", ColumnType.LONG), col("note", ColumnType.STRING),
        col("=x", ColumnType.DOUBLE));
    assertThat(PROVIDER.canAppend(one, three)).isTrue();
    Path target = dir.resolve("t.csv");
    try (TableWriter writer = open(one, target, Map.of("bom", "true", "formulaGuard", "true"))) {
      writer.write(new ArrayRowBatch(one, new Object[] {1L}, new Object[] {null}));
      writer.write(new ArrayRowBatch(two, new Object[] {2L, "a \"quoted\"\r\nline, with comma"},
          new Object[] {3L, ""}));
      writer.write(new ArrayRowBatch(three, new Object[] {4L, null, 2.5}));
    }
    assertThat(text(target)).isEqualTo("\uFEFFn,note,'=x\r\n1,,\r\n,,\r\n2,\"a \"\"quoted\"\"\r\nline, with comma\",\r\n"
        + "3,\"\",\r\n4,,2.5\r\n");
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  // ---- formula guard ----------------------------------------------------------------------------------------------

  @Test
  void formulaGuardIsOffByDefault() throws IOException {
    TableSchema schema = schema("t", col("=name", ColumnType.STRING));
    Path file = write(schema, Map.of(), new Object[] {"=SUM(A1:A9)"}, new Object[] {"@cmd"});

    assertThat(parse(file, ',')).extracting(rec -> rec.get(0)).containsExactly("=name", "=SUM(A1:A9)", "@cmd");
  }

  @Test
  void formulaGuardPrefixesRiskyTextCellsAndHeadersButNotNumbers() throws IOException {
    TableSchema schema = schema("t",
        col("=evil", ColumnType.STRING), col("j", ColumnType.JSON), col("n", ColumnType.LONG),
        col("x", ColumnType.DOUBLE), col("d", ColumnType.DECIMAL), col("safe", ColumnType.STRING));
    List<String> risky = List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx");
    List<String> harmless = List.of("ok", "a=b", "", " =x", "'quoted");
    List<Object[]> rows = new ArrayList<>();
    for (String s : risky) {
      rows.add(new Object[] {s, s, -5L, -1.5, new BigDecimal("-2.5"), "ok"});
    }
    for (String s : harmless) {
      rows.add(new Object[] {s, s, 5L, 1.5, new BigDecimal("2.5"), "ok"});
    }
    rows.add(new Object[] {null, null, null, null, null, null});
    Path file = write(schema, Map.of(CsvOptions.FORMULA_GUARD, "true"), rows.toArray(new Object[0][]));

    List<CSVRecord> records = parse(file, ',');
    assertThat(records.get(0).values()).containsExactly("'=evil", "j", "n", "x", "d", "safe");
    for (int i = 0; i < risky.size(); i++) {
      CSVRecord rec = records.get(i + 1);
      assertThat(rec.values()).containsExactly("'" + risky.get(i), "'" + risky.get(i), "-5", "-1.5", "-2.5", "ok");
    }
    for (int i = 0; i < harmless.size(); i++) {
      CSVRecord rec = records.get(risky.size() + i + 1);
      assertThat(rec.get(0)).isEqualTo(harmless.get(i));
      assertThat(rec.get(1)).isEqualTo(harmless.get(i));
    }
    assertThat(records.get(records.size() - 1).values()).containsOnlyNulls();
  }

  // ---- delimiter, line separator, BOM -----------------------------------------------------------------------------

  @Test
  void customDelimiterQuotesOnlyWhatItMustAndParsesBack() throws IOException {
    TableSchema schema = schema("t", col("a", ColumnType.STRING), col("b", ColumnType.DOUBLE));
    Path file = write(schema, Map.of(CsvOptions.DELIMITER, ";"),
        new Object[] {"x,y", 1.5}, new Object[] {"p;q", 2.0});

    assertThat(text(file)).isEqualTo("a;b\r\nx,y;1.5\r\n\"p;q\";2.0\r\n");
    List<CSVRecord> records = parse(file, ';');
    assertThat(records.get(1).values()).containsExactly("x,y", "1.5");
    assertThat(records.get(2).values()).containsExactly("p;q", "2.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab", "TAB", "\\t", "\t"})
  void tabDelimiterIsAcceptedInEverySpelling(String spelling) throws IOException {
    TableSchema schema = schema("t", col("a", ColumnType.STRING), col("b", ColumnType.STRING));
    Path file = write(schema, Map.of(CsvOptions.DELIMITER, spelling),
        new Object[] {"x,y", "in\tside"}, new Object[] {null, ""});

    assertThat(text(file)).isEqualTo("a\tb\r\nx,y\t\"in\tside\"\r\n\t\"\"\r\n");
    List<CSVRecord> records = parse(file, '\t');
    assertThat(records.get(1).values()).containsExactly("x,y", "in\tside");
    assertThat(records.get(2).values()).containsExactly(null, "");
  }

  @Test
  void lfLineSeparatorEndsRecordsWithLfOnly() throws IOException {
    TableSchema schema = schema("t", col("a", ColumnType.STRING));
    Path file = write(schema, Map.of(CsvOptions.LINE_SEPARATOR, "lf"), new Object[] {"x"}, new Object[] {"y\r\nz"});

    assertThat(text(file)).isEqualTo("a\nx\n\"y\r\nz\"\n");
  }

  @Test
  void writesNoBomByDefault() throws IOException {
    Path file = write(schema("t", col("a", ColumnType.STRING)), Map.of(), new Object[] {"x"});

    assertThat(Arrays.copyOf(Files.readAllBytes(file), 3)).containsExactly(new byte[] {'a', '\r', '\n'});
  }

  @Test
  void writesUtf8BomWhenAsked() throws IOException {
    Path file = write(schema("t", col("a", ColumnType.STRING)), Map.of(CsvOptions.BOM, "true"), new Object[] {"x"});

    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 'a');
    assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo("a\r\nx\r\n");
  }

  // ---- invalid options --------------------------------------------------------------------------------------------

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        Arguments.of(CsvOptions.DELIMITER, "\""),
        Arguments.of(CsvOptions.DELIMITER, "\r"),
        Arguments.of(CsvOptions.DELIMITER, "\n"),
        Arguments.of(CsvOptions.DELIMITER, ";;"),
        Arguments.of(CsvOptions.DELIMITER, ""),
        Arguments.of(CsvOptions.HEADER, "yes"),
        Arguments.of(CsvOptions.BOM, "1"),
        Arguments.of(CsvOptions.FORMULA_GUARD, "on"),
        Arguments.of(CsvOptions.LINE_SEPARATOR, "cr"),
        Arguments.of("delimeter", ";"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("invalidOptions")
  void invalidOrUnknownOptionsAreConfigurationErrorsAndCreateNoFile(String key, String value) {
    TableSchema schema = schema("t", col("a", ColumnType.STRING));

    assertThatThrownBy(() -> open(schema, dir.resolve("t.csv"), Map.of(key, value)))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining(key);
    assertThat(listing()).isEmpty();
  }

  // ---- lifecycle --------------------------------------------------------------------------------------------------

  @Test
  void nothingAppearsUnderTheFinalNameBeforeClose() throws IOException {
    TableSchema schema = schema("t", col("a", ColumnType.STRING));
    Path target = dir.resolve("t.csv");
    Files.writeString(target, "old content");
    TableWriter writer = open(schema, target, Map.of());
    writer.write(new ArrayRowBatch(schema, new Object[] {"new"}));

    assertThat(text(target)).isEqualTo("old content");
    writer.close();
    assertThat(text(target)).isEqualTo("a\r\nnew\r\n");
    assertThat(listing()).containsExactly("t.csv");
  }

  @Test
  void abortLeavesNoFileAtAll() {
    TableSchema schema = schema("t", col("a", ColumnType.STRING));
    TableWriter writer = open(schema, dir.resolve("t.csv"), Map.of());
    writer.write(new ArrayRowBatch(schema, new Object[] {"x"}));
    assertThat(listing()).hasSize(1).allMatch(name -> name.startsWith(".t.csv") && name.endsWith(".tmp"));

    writer.abort();
    writer.abort();
    assertThat(listing()).isEmpty();
  }

  @Test
  void closeAfterAbortDoesNothing() {
    TableSchema schema = schema("t", col("a", ColumnType.STRING));
    TableWriter writer = open(schema, dir.resolve("t.csv"), Map.of());
    writer.abort();
    writer.close();

    assertThat(listing()).isEmpty();
  }

  @Test
  void closeTwiceIsSafeAndAbortAfterCloseKeepsTheFile() throws IOException {
    TableSchema schema = schema("t", col("a", ColumnType.STRING));
    Path target = dir.resolve("t.csv");
    TableWriter writer = open(schema, target, Map.of());
    writer.write(new ArrayRowBatch(schema, new Object[] {"x"}));
    writer.close();
    writer.close();
    writer.abort();

    assertThat(text(target)).isEqualTo("a\r\nx\r\n");
    assertThat(listing()).containsExactly("t.csv");
  }

  @Test
  void writeAfterCloseOrAbortThrows() {
    TableSchema schema = schema("t", col("a", ColumnType.STRING));
    ArrayRowBatch batch = new ArrayRowBatch(schema, new Object[] {"x"});
    TableWriter closed = open(schema, dir.resolve("c.csv"), Map.of());
    closed.close();
    TableWriter aborted = open(schema, dir.resolve("a.csv"), Map.of());
    aborted.abort();

    assertThatThrownBy(() -> closed.write(batch)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> aborted.write(batch)).isInstanceOf(IllegalStateException.class).hasMessageContaining("aborted");
    assertThat(listing()).containsExactly("c.csv");
  }

  @Test
  void failedWriteDropsTheFileAndCloseReportsIt() {
    TableSchema schema = schema("t", col("n", ColumnType.LONG));
    Path target = dir.resolve("t.csv");
    TableWriter writer = open(schema, target, Map.of());
    // A String in a LONG column makes the batch's getter fail half-way through a record.
    ArrayRowBatch bad = new ArrayRowBatch(schema, new Object[] {1L}, new Object[] {"oops"});

    assertThatThrownBy(() -> writer.write(bad)).isInstanceOf(ClassCastException.class);
    assertThat(listing()).isEmpty();
    assertThatThrownBy(writer::close).isInstanceOf(WriterException.class)
        .hasMessageContaining("table t").hasMessageContaining("nothing was published");
    writer.close();
    writer.abort();
    assertThat(listing()).isEmpty();
  }

  @Test
  void unwritableTargetGivesAWriterExceptionNamingTableAndFile() {
    TableSchema schema = schema("orders", col("a", ColumnType.STRING));
    Path target = dir.resolve("missing-dir").resolve("orders.csv");

    assertThatThrownBy(() -> open(schema, target, Map.of()))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("table orders")
        .hasMessageContaining(target.toString());
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  private static Column col(String name, ColumnType type) {
    return new Column(name, type);
  }

  private static TableSchema schema(String table, Column... columns) {
    return TableSchema.of(table, null, List.of(columns));
  }

  private static TableWriter open(TableSchema schema, Path target, Map<String, String> options) {
    return PROVIDER.open(new WriterContext(schema, target, FormatOptions.of(options)));
  }

  /**
   * Writes one batch (when rows are given) to {@code <table>.csv} and closes the writer. The batch lets the writer
   * read text with {@code getString} only when the delimiter is not ASCII, the one case where it should.
   */
  private Path write(TableSchema schema, Map<String, String> options, Object[]... rows) {
    Path target = dir.resolve(schema.table() + ".csv");
    try (TableWriter writer = open(schema, target, options)) {
      if (rows.length > 0) {
        boolean asciiDelimiter = CsvOptions.parse(FormatOptions.of(options)).delimiter() < 0x80;
        writer.write(asciiDelimiter ? new ArrayRowBatch(schema, rows) : ArrayRowBatch.readableAsString(schema, rows));
      }
    }
    return target;
  }

  private static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * Reads a file back with Commons CSV's own RFC 4180 parser. ALL_NON_NULL mode makes the parser return an unquoted
   * empty field as null and a quoted one as "", which is exactly the distinction the writer promises.
   */
  private static List<CSVRecord> parse(Path file, char delimiter) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setQuoteMode(QuoteMode.ALL_NON_NULL)
        .get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text(file)), format)) {
      return parser.getRecords();
    }
  }

  private List<String> listing() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
