package io.transmog.io.orc;

import static io.transmog.io.orc.Fixtures.col;
import static io.transmog.io.orc.Fixtures.dec;
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
import io.transmog.io.orc.internal.OrcWriterProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.apache.orc.StripeInformation;
import org.apache.orc.TypeDescription;
import org.apache.orc.impl.RecordReaderImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrcTableWriterTest {
  private static final OrcWriterProvider PROVIDER = new OrcWriterProvider();

  @TempDir Path dir;

  // ---- types and values -------------------------------------------------------------------------------------------

  @Test
  void roundTripsEveryColumnTypeAndNulls() {
    TableSchema schema = Fixtures.allTypesSchema("data");
    Object[][] rows = Fixtures.allTypes();
    Path file = write(schema, Map.of(), rows);

    OrcFiles.assertContent(file, schema, rows);
    // the all-null row really is null in every column but _id (not empty strings or zeros)
    List<Object> allNull = OrcFiles.rows(file).get(2);
    assertThat(allNull.subList(1, allNull.size())).containsOnlyNulls();
    assertThat(listing()).containsExactly("data.orc");
  }

  @Test
  void writesTheDocumentedOrcTypes() {
    Reader reader = OrcFiles.reader(write(Fixtures.allTypesSchema("data"), Map.of(), Fixtures.allTypes()));

    assertThat(reader.getSchema().toString()).isEqualTo("struct<_id:string,flag:boolean,n:bigint,x:double,s:string,"
        + "j:string,d9:decimal(9,2),d18:decimal(18,4),d38:decimal(38,10),dwide:string,dunknown:string,"
        + "ts:timestamp with local time zone,day:date>");
    assertThat(reader.writerUsedProlepticGregorian()).isTrue();
    assertThat(reader.getFileVersion()).isEqualTo(OrcFile.Version.V_0_12);
  }

  @Test
  void recordsTheTableNameAndTheJsonColumnsInTheUserMetadata() {
    TableSchema schema = TableSchema.of("orders_items", null, List.of(
        col("_id", ColumnType.STRING), col("tags", ColumnType.JSON), col("n", ColumnType.LONG),
        col("meta \"x\"", ColumnType.JSON)));
    Reader reader = OrcFiles.reader(write(schema, Map.of(), new Object[] {"a", "[1]", 1L, "{}"}));

    assertThat(reader.getMetadataKeys()).containsExactlyInAnyOrder("transmog.table", "transmog.json.columns");
    assertThat(OrcFiles.userMetadata(reader, "transmog.table")).isEqualTo("orders_items");
    assertThat(OrcFiles.userMetadata(reader, "transmog.json.columns")).isEqualTo("[\"tags\",\"meta \\\"x\\\"\"]");
    assertThat(reader.getNumberOfRows()).isEqualTo(1);

    Reader noJson = OrcFiles.reader(write(TableSchema.of("plain", null, List.of(col("a", ColumnType.STRING))),
        Map.of(), new Object[] {"x"}));
    assertThat(noJson.getMetadataKeys()).containsExactly("transmog.table");
  }

  static Stream<Arguments> decimals() {
    return Stream.of(
        // precision, scale, values
        Arguments.of(1, 0, List.of("9", "-9", "0")),
        Arguments.of(1, 1, List.of("0.9", "-0.9", "0")),
        Arguments.of(9, 0, List.of("999999999", "-999999999")),
        Arguments.of(9, 9, List.of("0.999999999", "-0.000000001")),
        Arguments.of(18, 3, List.of("999999999999999.999", "-999999999999999.999")),
        Arguments.of(19, 0, List.of("9999999999999999999", "-9999999999999999999", "-1", "0", "1")),
        Arguments.of(20, 2, List.of("999999999999999999.99", "-999999999999999999.99", "-0.01")),
        Arguments.of(38, 0, List.of("99999999999999999999999999999999999999", "-99999999999999999999999999999999999999")),
        Arguments.of(38, 38, List.of("0.99999999999999999999999999999999999999",
            "-0.00000000000000000000000000000000000001")),
        Arguments.of(38, 10, List.of("1234567890123456789012345678.0123456789", "0.1000000000")));
  }

  @ParameterizedTest(name = "{index} - DECIMAL({0},{1})")
  @MethodSource("decimals")
  void writesDecimalsUpTo38DigitsAsOrcDecimalsAndKeepsEveryDigit(int precision, int scale, List<String> values) {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("d", ColumnType.DECIMAL, precision, scale)));
    Object[][] rows = values.stream().map(v -> new Object[] {dec(v)}).toArray(Object[][]::new);
    Path file = write(schema, Map.of(), rows);

    TypeDescription type = OrcFiles.reader(file).getSchema().getChildren().get(0);
    assertThat(type.getCategory()).isEqualTo(TypeDescription.Category.DECIMAL);
    assertThat(type.getPrecision()).isEqualTo(precision);
    assertThat(type.getScale()).isEqualTo(scale);
    OrcFiles.assertContent(file, schema, rows);
  }

  @ParameterizedTest(name = "{index} - DECIMAL({0},{1}) as text")
  @CsvSource(delimiter = '|', value = {
    "39|0|999999999999999999999999999999999999999",
    "100|50|12345678901234567890123456789012345678901234567890.12345678901234567890123456789012345678901234567890",
    "0|0|1E+5",
    "0|0|-0.5"})
  void writesWiderOrUnknownDecimalsAsTheirPlainText(int precision, int scale, String value) {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("d", ColumnType.DECIMAL, precision, scale)));
    Path file = write(schema, Map.of(), new Object[] {dec(value)});

    assertThat(OrcFiles.reader(file).getSchema().getChildren().get(0).getCategory())
        .isEqualTo(TypeDescription.Category.STRING);
    assertThat(OrcFiles.rows(file).get(0).get(0)).isEqualTo(dec(value).toPlainString());
  }

  @Test
  void rescalesDecimalsExactlyToTheColumnScale() {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("d", ColumnType.DECIMAL, 10, 3)));
    Path file = write(schema, Map.of(),
        new Object[] {dec("1.5")}, new Object[] {dec("2")}, new Object[] {dec("1.2500")}, new Object[] {dec("1E+2")});

    assertThat(OrcFiles.rows(file)).extracting(row -> ((BigDecimal) row.get(0)).toPlainString())
        .containsExactly("1.500", "2.000", "1.250", "100.000");
  }

  @ParameterizedTest(name = "{index} - {0} in DECIMAL({1},{2})")
  @CsvSource({
    "1.2345, 10, 3", // would need rounding
    "0.5, 5, 0", // would need rounding
    "123456, 5, 0", // too many digits
    "1000.5, 5, 2", // too many digits after rescaling (1000.50 has 6)
    "12345678901234567890, 19, 1", // over the precision
    "0.123456789012345678901234567890123456789, 38, 38", // 39 digits after the point
  })
  void refusesDecimalsThatDoNotFitExactlyAndLeavesNoFile(String value, int precision, int scale) {
    TableSchema schema = TableSchema.of("prices", null,
        List.of(col("_id", ColumnType.STRING), new Column("amount", ColumnType.DECIMAL, precision, scale)));
    Path target = dir.resolve("prices.orc");
    TableWriter writer = open(schema, target, Map.of());

    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema,
        new Object[] {"ok", dec("0")}, new Object[] {"bad", dec(value)})))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("table prices")
        .hasMessageContaining(target.toString())
        .hasMessageContaining("column amount")
        .hasMessageContaining("row 1")
        .hasMessageContaining(dec(value).toPlainString())
        .hasMessageContaining("decimal(" + precision + "," + scale + ")");
    assertThat(listing()).isEmpty();
    assertThatThrownBy(writer::close).isInstanceOf(WriterException.class).hasMessageContaining("nothing was published");
    assertThat(listing()).isEmpty();
  }

  @Test
  void timestampsAreExactUtcInstantsToTheMicrosecond() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("ts", ColumnType.TIMESTAMP)));
    List<String> instants = List.of(
        "2001-09-09T01:46:40.000001Z", "2024-02-29T23:59:59.999999Z", "1970-01-01T00:00:00Z",
        "1970-01-01T00:00:00.000001Z", "1969-12-31T23:59:59Z", "1969-12-31T23:59:59.000999Z",
        "1969-12-31T23:59:58.999999Z", "1900-01-01T00:00:00.5Z", "1582-10-10T12:00:00.000001Z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2014-12-31T23:59:59.999999Z",
        "2015-01-01T00:00:00.000001Z", "1582-10-04T12:00:00Z", "1582-10-15T00:00:00Z", "2038-01-19T03:14:08Z",
        "1900-01-01T00:00:00.000001Z", "2024-02-29T23:59:59.123456Z");
    Object[][] rows = instants.stream().map(i -> new Object[] {Fixtures.micros(i)}).toArray(Object[][]::new);
    Path file = write(schema, Map.of(), rows);

    assertThat(OrcFiles.rows(file)).extracting(row -> row.get(0))
        .containsExactlyElementsOf(instants.stream().map(Instant::parse).toList());
  }

  @Test
  void timestampsAtTheLimitsOfEpochMicrosecondsRoundTrip() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("ts", ColumnType.TIMESTAMP)));
    Object[][] rows = {{Long.MAX_VALUE}, {Long.MIN_VALUE}, {Long.MIN_VALUE + 1}, {-1_000_000L}, {-999_001L}};
    Path file = write(schema, Map.of(), rows);

    OrcFiles.assertContent(file, schema, rows);
  }

  @ParameterizedTest(name = "{index} - {0} µs")
  @CsvSource({"-1", "-999", "-1000", "-500000", "-999000"})
  void refusesTheInstantsOrcJavaReadsBackOneSecondLate(long micros) {
    TableSchema schema = TableSchema.of("events", null, List.of(col("at", ColumnType.TIMESTAMP)));
    TableWriter writer = open(schema, dir.resolve("events.orc"), Map.of());

    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema, new Object[] {0L}, new Object[] {micros})))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("table events")
        .hasMessageContaining("column at, row 1")
        .hasMessageContaining("cannot be stored exactly");
    writer.abort();
    assertThat(listing()).isEmpty();
  }

  @Test
  void datesAreDaysInTheProlepticGregorianCalendar() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("d", ColumnType.DATE)));
    List<String> dates = List.of("2001-09-09", "1970-01-01", "1969-12-31", "1582-10-04", "1582-10-15", "1000-02-28", "1000-03-01",
        "0001-01-01", "9999-12-31", "-0044-03-15");
    Object[][] rows = dates.stream().map(d -> new Object[] {Fixtures.days(d)}).toArray(Object[][]::new);
    Path file = write(schema, Map.of(), rows);

    assertThat(OrcFiles.rows(file)).extracting(row -> row.get(0))
        .containsExactlyElementsOf(dates.stream().map(LocalDate::parse).toList());
    Object[][] limits = {{(long) Integer.MAX_VALUE}, {(long) Integer.MIN_VALUE}};
    OrcFiles.assertContent(write(schema, dir.resolve("limits.orc"), Map.of(), limits), schema, limits);
  }

  @Test
  void refusesADateOutsideOrcsRange() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("d", ColumnType.DATE)));
    TableWriter writer = open(schema, dir.resolve("t.orc"), Map.of());

    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema, new Object[] {1L << 40})))
        .isInstanceOf(WriterException.class).hasMessageContaining("column d").hasMessageContaining("32-bit");
    writer.abort();
    assertThat(listing()).isEmpty();
  }

  @Test
  void writesAnUnpairedSurrogateAsAQuestionMarkAsTheBatchGivesIt() {
    // RowBatch.getUtf8 encodes it as String.getBytes does; the writer stores those bytes
    TableSchema schema = TableSchema.of("lone", null, List.of(col("s", ColumnType.STRING), col("j", ColumnType.JSON)));
    Path file = write(schema, Map.of(), new Object[] {"fine \uD83D\uDE00", "[\"\uDC00\"]"},
        new Object[] {"lone \uD800 surrogate", null});

    assertThat(OrcFiles.rows(file)).containsExactly(List.of("fine \uD83D\uDE00", "[\"?\"]"),
        java.util.Arrays.asList("lone ? surrogate", null));
  }

  @Test
  void textIsCopiedIntoTheVectorsSharedBuffersAndSurvivesTheirReuse() {
    // many row batches of 1,024 rows: each reuses the shared buffers of the one before, which grow for long values;
    // values over 1 MiB take arrays of their own
    TableSchema schema = TableSchema.of("texts", null, List.of(col("id", ColumnType.LONG),
        col("s", ColumnType.STRING), col("j", ColumnType.JSON)));
    Object[][] rows = new Object[5_000][];
    for (int i = 0; i < rows.length; i++) {
      String s = i % 1000 == 999 ? "長".repeat(400_000) + i
          : i % 7 == 0 ? "" : i % 5 == 0 ? null : "row " + i + " é東😀 " + "x".repeat(i % 300);
      rows[i] = new Object[] {(long) i, s, i % 3 == 0 ? null : "{\"i\":" + i + "}"};
    }
    // with bloom filters too, which ORC builds from the same bytes
    for (Map<String, String> options : List.of(Map.<String, String>of(),
        Map.of(OrcOptions.BLOOM_FILTER_COLUMNS, "s,j"))) {
      Path file = write(schema, dir.resolve("texts-" + options.size() + ".orc"), options, rows);
      OrcFiles.assertContent(file, schema, rows);
    }
  }

  @Test
  void numericLimitsRoundTrip() {
    TableSchema schema = TableSchema.of("t", null, List.of(
        col("n", ColumnType.LONG), col("x", ColumnType.DOUBLE), col("b", ColumnType.BOOLEAN)));
    Object[][] rows = {
      {Long.MAX_VALUE, Double.MAX_VALUE, true}, {Long.MIN_VALUE, -Double.MAX_VALUE, false},
      {0L, Double.MIN_VALUE, true}, {-1L, -0.0, false}, {1L, 9007199254740993.0, null}};
    OrcFiles.assertContent(write(schema, Map.of(), rows), schema, rows);
  }

  // ---- codecs and options -------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{index} - compression={0}")
  @CsvSource({"zstd, ZSTD", "ZSTD, ZSTD", "snappy, SNAPPY", "zlib, ZLIB", "none, NONE", "uncompressed, NONE"})
  void recordsEachCodecInTheFileAndReadsBack(String option, CompressionKind expected) {
    TableSchema schema = Fixtures.allTypesSchema("t");
    Object[][] rows = repeat(Fixtures.allTypes(), 700); // 4,200 rows: several row batches
    Path file = write(schema, Map.of(OrcOptions.COMPRESSION, option), rows);

    assertThat(OrcFiles.reader(file).getCompressionKind()).isEqualTo(expected);
    OrcFiles.assertContent(file, schema, rows);
  }

  @Test
  void compressionIsZstdByDefault() {
    Path file = write(Fixtures.allTypesSchema("t"), Map.of(), Fixtures.allTypes());

    assertThat(OrcFiles.reader(file).getCompressionKind()).isEqualTo(CompressionKind.ZSTD);
  }

  @Test
  void codecsActuallyCompress() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(col("s", ColumnType.STRING)));
    Object[][] rows = new Object[20_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {"customer-" + i + " ordered item " + (i % 97) + " in the spring sale"};
    }
    long none = Files.size(write(schema, dir.resolve("none.orc"), Map.of(OrcOptions.COMPRESSION, "none"), rows));
    for (String codec : List.of("zstd", "snappy", "zlib")) {
      long size = Files.size(write(schema, dir.resolve(codec + ".orc"), Map.of(OrcOptions.COMPRESSION, codec), rows));
      assertThat(size).as(codec).isLessThan(none / 2);
    }
  }

  @Test
  void stripeSizeCutsTheFileIntoStripes() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG), col("s", ColumnType.STRING)));
    Object[][] rows = new Object[60_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {(long) i * 7919, "value number " + i * 31};
    }
    Path small = write(schema, dir.resolve("small.orc"),
        Map.of(OrcOptions.STRIPE_SIZE, "64k", OrcOptions.COMPRESSION, "none"), rows);
    Path big = write(schema, dir.resolve("big.orc"), Map.of(), rows);

    List<StripeInformation> stripes = OrcFiles.reader(small).getStripes();
    assertThat(stripes.size()).isGreaterThan(3);
    assertThat(stripes.stream().mapToLong(StripeInformation::getNumberOfRows).sum()).isEqualTo(60_000);
    assertThat(OrcFiles.reader(big).getStripes()).hasSize(1);
    OrcFiles.assertContent(small, schema, rows);
  }

  @Test
  void rowIndexStrideAndBloomFiltersAreWritten() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(
        col("id", ColumnType.STRING), col("n", ColumnType.LONG), col("other", ColumnType.STRING)));
    Object[][] rows = new Object[5_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {"id-" + i, (long) i, "x" + i};
    }
    Path file = write(schema, Map.of(OrcOptions.ROW_INDEX_STRIDE, "1000",
        OrcOptions.BLOOM_FILTER_COLUMNS, "id, n, not_in_this_table"), rows);

    Reader reader = OrcFiles.reader(file);
    assertThat(reader.getRowIndexStride()).isEqualTo(1000);
    try (RecordReaderImpl rr = (RecordReaderImpl) reader.rows()) {
      OrcIndexProbe probe = new OrcIndexProbe(rr, reader.getSchema());
      assertThat(probe.rowGroups(1)).isEqualTo(5); // 5,000 rows / 1,000
      assertThat(probe.bloomFilterKinds(1)).isNotEmpty(); // id
      assertThat(probe.bloomFilterKinds(2)).isNotEmpty(); // n
      assertThat(probe.bloomFilterKinds(3)).isEmpty(); // other
    }
    OrcFiles.assertContent(file, schema, rows);

    Path noIndex = write(schema, dir.resolve("noindex.orc"), Map.of(OrcOptions.ROW_INDEX_STRIDE, "0"), rows);
    assertThat(OrcFiles.reader(noIndex).getRowIndexStride()).isZero();
    OrcFiles.assertContent(noIndex, schema, rows);
  }

  @Test
  void bloomFilterColumnsThatOrcCannotTellApartAreAConfigurationError() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("ID", ColumnType.STRING), col("id", ColumnType.LONG)));

    assertThatThrownBy(() -> open(schema, dir.resolve("t.orc"), Map.of(OrcOptions.BLOOM_FILTER_COLUMNS, "id")))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining(OrcOptions.BLOOM_FILTER_COLUMNS).hasMessageContaining("\"ID\"");
    assertThat(listing()).isEmpty();
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        Arguments.of(OrcOptions.COMPRESSION, "lz4"),
        Arguments.of(OrcOptions.COMPRESSION, "gzip"),
        Arguments.of(OrcOptions.COMPRESSION, ""),
        Arguments.of(OrcOptions.STRIPE_SIZE, "12x"),
        Arguments.of(OrcOptions.STRIPE_SIZE, "0"),
        Arguments.of(OrcOptions.STRIPE_SIZE, "2g"),
        Arguments.of(OrcOptions.STRIPE_SIZE, "-1m"),
        Arguments.of(OrcOptions.STRIPE_SIZE, "9999999999999g"),
        Arguments.of(OrcOptions.ROW_INDEX_STRIDE, "999"),
        Arguments.of(OrcOptions.ROW_INDEX_STRIDE, "-1"),
        Arguments.of(OrcOptions.ROW_INDEX_STRIDE, "3g"),
        Arguments.of(OrcOptions.ROW_INDEX_STRIDE, "ten"),
        Arguments.of(OrcOptions.BLOOM_FILTER_COLUMNS, "a,,b"),
        Arguments.of(OrcOptions.BLOOM_FILTER_COLUMNS, "a.b"),
        Arguments.of("stripesize", "64m"));
  }

  @ParameterizedTest(name = "{index} - {0}={1}")
  @MethodSource("invalidOptions")
  void invalidOrUnknownOptionsAreConfigurationErrorsNamingTheKeyAndCreateNoFile(String key, String value) {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));

    assertThatThrownBy(() -> open(schema, dir.resolve("t.orc"), Map.of(key, value)))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining(key);
    assertThat(listing()).isEmpty();
  }

  @Test
  void bloomFiltersWithoutARowIndexAreAConfigurationError() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));

    assertThatThrownBy(() -> open(schema, dir.resolve("t.orc"),
        Map.of(OrcOptions.ROW_INDEX_STRIDE, "0", OrcOptions.BLOOM_FILTER_COLUMNS, "a")))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining(OrcOptions.BLOOM_FILTER_COLUMNS).hasMessageContaining(OrcOptions.ROW_INDEX_STRIDE);
  }

  // ---- shapes -----------------------------------------------------------------------------------------------------

  @Test
  void emptyTableWritesAValidFileWithTheSchemaAndNoRows() {
    TableSchema schema = Fixtures.allTypesSchema("empty");
    Path file = write(schema, Map.of());

    Reader reader = OrcFiles.reader(file);
    assertThat(reader.getSchema().getFieldNames()).containsExactlyElementsOf(schema.columnNames());
    assertThat(reader.getNumberOfRows()).isZero();
    assertThat(reader.getStripes()).isEmpty();
    assertThat(OrcFiles.rows(file)).isEmpty();
    assertThat(listing()).containsExactly("empty.orc");
  }

  @Test
  void aTableWithoutColumnsWritesAnEmptyStruct() {
    TableSchema schema = TableSchema.of("nothing", null, List.of());
    Path file = write(schema, Map.of(), new Object[0], new Object[0]);

    Reader reader = OrcFiles.reader(file);
    assertThat(reader.getSchema().toString()).isEqualTo("struct<>");
    assertThat(reader.getNumberOfRows()).isEqualTo(2);
  }

  @Test
  void emptyBatchesAndManyBatchesAppendToOneFile() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG), col("s", ColumnType.STRING)));
    Path target = dir.resolve("t.orc");
    List<Object[]> all = new ArrayList<>();
    try (TableWriter writer = open(schema, target, Map.of())) {
      writer.write(new ArrayRowBatch(schema));
      // batches of odd sizes, so that ORC's 1,024-row batches fill across calls
      for (int b = 0; b < 7; b++) {
        Object[][] rows = new Object[b * 333 + 1][];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = new Object[] {(long) all.size(), i % 5 == 0 ? null : "b" + b + "r" + i};
          all.add(rows[i]);
        }
        writer.write(new ArrayRowBatch(schema, rows));
      }
      // an equal schema (not the same instance) is accepted
      Object[] last = {-1L, "last"};
      writer.write(new ArrayRowBatch(
          TableSchema.of("t", null, List.of(col("n", ColumnType.LONG), col("s", ColumnType.STRING))), last));
      all.add(last);
    }
    OrcFiles.assertContent(target, schema, all.toArray(Object[][]::new));
  }

  @Test
  void unicodeAndLongColumnNamesSurvive() {
    String longName = "field_" + "x".repeat(5000);
    TableSchema schema = TableSchema.of("データ", null, List.of(
        col("名前", ColumnType.STRING), col("😀 emoji", ColumnType.LONG), col("naïve.café", ColumnType.DOUBLE),
        col("with space, comma; and \"quotes\" `ticks`", ColumnType.BOOLEAN), col(longName, ColumnType.STRING),
        col("NAME", ColumnType.STRING), col("name", ColumnType.STRING), col("a:b<c>", ColumnType.DATE),
        col("`leading", ColumnType.STRING), col("``", ColumnType.STRING), col("back`tick", ColumnType.STRING)));
    Object[][] rows = {{"東京", 1L, 2.5, true, "long", "upper", "lower", 0L, "l", "b", "t"},
        {null, null, null, null, null, null, null, null, null, null, null}};
    Path file = write(schema, Map.of(), rows);

    OrcFiles.assertContent(file, schema, rows);
    assertThat(OrcFiles.userMetadata(OrcFiles.reader(file), "transmog.table")).isEqualTo("データ");
  }

  @Test
  void wideTableWithMoreThanAThousandColumns() {
    int width = 1_200;
    List<Column> columns = new ArrayList<>();
    ColumnType[] cycle = {ColumnType.STRING, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN,
        ColumnType.TIMESTAMP, ColumnType.DATE};
    for (int c = 0; c < width; c++) {
      columns.add(col("c" + c, cycle[c % cycle.length]));
    }
    TableSchema schema = TableSchema.of("wide", null, columns);
    Object[][] rows = new Object[1_100][width];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < width; c++) {
        if ((r + c) % 7 == 0) {
          continue; // null
        }
        switch (c % cycle.length) {
          case 0 -> rows[r][c] = "v" + r + "_" + c;
          case 1, 4, 5 -> rows[r][c] = (long) r * c;
          case 2 -> rows[r][c] = r / (c + 1.0);
          default -> rows[r][c] = (r + c) % 2 == 0;
        }
      }
    }
    Path file = write(schema, Map.of(), rows);

    assertThat(OrcFiles.reader(file).getSchema().getChildren()).hasSize(width);
    OrcFiles.assertContent(file, schema, rows);
  }

  // ---- lifecycle --------------------------------------------------------------------------------------------------

  @Test
  void nothingAppearsUnderTheFinalNameBeforeClose() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));
    Path target = dir.resolve("t.orc");
    Files.writeString(target, "old content");
    TableWriter writer = open(schema, target, Map.of());
    writer.write(new ArrayRowBatch(schema, new Object[] {"new"}));

    assertThat(Files.readString(target)).isEqualTo("old content");
    assertThat(listing()).hasSize(2);
    writer.close();
    OrcFiles.assertContent(target, schema, new Object[][] {{"new"}});
    assertThat(listing()).containsExactly("t.orc");
  }

  @Test
  void noChecksumOrOtherSideFileIsEverWritten() {
    TableSchema schema = Fixtures.allTypesSchema("t");
    TableWriter writer = open(schema, dir.resolve("t.orc"), Map.of(OrcOptions.STRIPE_SIZE, "4k"));
    writer.write(new ArrayRowBatch(schema, repeat(Fixtures.allTypes(), 2000)));
    assertThat(listing()).singleElement().matches(n -> n.startsWith(".t.orc.") && n.endsWith(".tmp"));
    writer.close();

    assertThat(listing()).containsExactly("t.orc");
  }

  @Test
  void bytesWrittenGrowsWithTheDataAndIsTheFileSizeAfterClose() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG), col("s", ColumnType.STRING)));
    Path target = dir.resolve("t.orc");
    TableWriter writer = open(schema, target, Map.of(OrcOptions.STRIPE_SIZE, "16k"));
    long before = writer.bytesWritten();
    Object[][] rows = new Object[50_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {(long) i * 104729, "row " + i};
    }
    writer.write(new ArrayRowBatch(schema, rows));
    long after = writer.bytesWritten();
    writer.close();

    assertThat(before).isGreaterThanOrEqualTo(0);
    assertThat(after).isGreaterThan(before + 16 * 1024);
    assertThat(writer.bytesWritten()).isEqualTo(Files.size(target)).isPositive();
  }

  @Test
  void abortLeavesNoFileInTheDirectory() {
    TableSchema schema = Fixtures.allTypesSchema("t");
    TableWriter writer = open(schema, dir.resolve("t.orc"), Map.of(OrcOptions.STRIPE_SIZE, "4k"));
    writer.write(new ArrayRowBatch(schema, repeat(Fixtures.allTypes(), 2000)));
    assertThat(listing()).hasSize(1).allMatch(name -> name.startsWith(".t.orc") && name.endsWith(".tmp"));

    writer.abort();
    writer.abort();
    assertThat(listing()).isEmpty();
    writer.close();
    assertThat(listing()).isEmpty();
  }

  @Test
  void abortRightAfterOpenLeavesNoFile() {
    TableWriter writer = open(Fixtures.allTypesSchema("t"), dir.resolve("t.orc"), Map.of());
    writer.abort();

    assertThat(listing()).isEmpty();
  }

  @Test
  void closeTwiceIsSafeAndAbortAfterCloseKeepsTheFile() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));
    Path target = dir.resolve("t.orc");
    TableWriter writer = open(schema, target, Map.of());
    writer.write(new ArrayRowBatch(schema, new Object[] {"x"}));
    writer.close();
    writer.close();
    writer.abort();

    OrcFiles.assertContent(target, schema, new Object[][] {{"x"}});
    assertThat(listing()).containsExactly("t.orc");
  }

  @Test
  void writeAfterCloseOrAbortThrows() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));
    ArrayRowBatch batch = new ArrayRowBatch(schema, new Object[] {"x"});
    TableWriter closed = open(schema, dir.resolve("c.orc"), Map.of());
    closed.close();
    TableWriter aborted = open(schema, dir.resolve("a.orc"), Map.of());
    aborted.abort();

    assertThatThrownBy(() -> closed.write(batch)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> aborted.write(batch)).isInstanceOf(IllegalStateException.class).hasMessageContaining("aborted");
    assertThat(listing()).containsExactly("c.orc");
  }

  @Test
  void failedWriteDropsTheFileAndCloseReportsItOnce() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG)));
    TableWriter writer = open(schema, dir.resolve("t.orc"), Map.of());
    // A String in a LONG column makes the batch's getter fail half-way through the batch.
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
  void rejectsABatchOfAnotherSchema() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG)));
    TableSchema widened = TableSchema.of("t", null, List.of(col("n", ColumnType.DOUBLE)));
    TableWriter writer = open(schema, dir.resolve("t.orc"), Map.of());
    try {
      assertThatThrownBy(() -> writer.write(new ArrayRowBatch(widened, new Object[] {1.5})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("table t")
          .hasMessageContaining("cannot change its schema");
    } finally {
      writer.abort();
    }
  }

  @Test
  void canAppendOnlyAnEqualSchema() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG)));

    assertThat(PROVIDER.canAppend(schema, TableSchema.of("t", null, List.of(col("n", ColumnType.LONG))))).isTrue();
    assertThat(PROVIDER.canAppend(schema, TableSchema.of("t", null, List.of(col("n", ColumnType.DOUBLE))))).isFalse();
    assertThat(PROVIDER.canAppend(schema,
        TableSchema.of("t", null, List.of(col("n", ColumnType.LONG), col("m", ColumnType.LONG))))).isFalse();
    assertThat(PROVIDER.canAppend(
        TableSchema.of("t", null, List.of(new Column("d", ColumnType.DECIMAL, 10, 2))),
        TableSchema.of("t", null, List.of(new Column("d", ColumnType.DECIMAL, 12, 2))))).isFalse();
  }

  @Test
  void unwritableTargetGivesAWriterExceptionNamingTableAndFile() {
    TableSchema schema = TableSchema.of("orders", null, List.of(col("a", ColumnType.STRING)));
    Path target = dir.resolve("missing-dir").resolve("orders.orc");

    assertThatThrownBy(() -> open(schema, target, Map.of()))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("table orders")
        .hasMessageContaining(target.toString());
  }

  @Test
  void manyWritersOpenAtOnceShareOrcsMemoryPoolAndReleaseIt() throws Exception {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG)));
    List<TableWriter> writers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      writers.add(open(schema, dir.resolve("t" + i + ".orc"), Map.of()));
    }
    for (int i = 0; i < writers.size(); i++) {
      writers.get(i).write(new ArrayRowBatch(schema, new Object[] {(long) i}));
      if (i % 2 == 0) {
        writers.get(i).abort();
      } else {
        writers.get(i).close();
      }
    }
    // aborted writers are taken off ORC's process-wide memory manager, as closed ones are
    Object manager = OrcFile.writerOptions(new org.apache.hadoop.conf.Configuration(false)).getMemoryManager();
    java.lang.reflect.Field list = manager.getClass().getDeclaredField("writerList");
    list.setAccessible(true);
    // (other test classes share the JVM and its manager: only this test's files are looked at)
    assertThat(((Map<?, ?>) list.get(manager)).keySet()).noneMatch(p -> p.toString().contains(dir.toString()));
    assertThat(listing()).hasSize(10).allMatch(n -> n.endsWith(".orc") && !n.startsWith("."));
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  private static TableWriter open(TableSchema schema, Path target, Map<String, String> options) {
    return PROVIDER.open(new WriterContext(schema, target, FormatOptions.of(options)));
  }

  private Path write(TableSchema schema, Map<String, String> options, Object[]... rows) {
    return write(schema, dir.resolve(schema.table() + ".orc"), options, rows);
  }

  private static Path write(TableSchema schema, Path target, Map<String, String> options, Object[]... rows) {
    return Fixtures.write(PROVIDER, target, schema, options, rows);
  }

  static Object[][] repeat(Object[][] rows, int times) {
    Object[][] out = new Object[rows.length * times][];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[i % rows.length];
    }
    return out;
  }

  private List<String> listing() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
