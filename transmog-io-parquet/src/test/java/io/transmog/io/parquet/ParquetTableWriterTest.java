package io.transmog.io.parquet;

import static io.transmog.io.parquet.Fixtures.col;
import static io.transmog.io.parquet.Fixtures.dec;
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
import io.transmog.io.parquet.internal.ParquetWriterProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ParquetTableWriterTest {
  private static final ParquetWriterProvider PROVIDER = new ParquetWriterProvider();

  @TempDir Path dir;

  // ---- types and values -------------------------------------------------------------------------------------------

  @Test
  void roundTripsEveryColumnTypeAndNulls() {
    TableSchema schema = Fixtures.allTypesSchema("data");
    Object[][] rows = Fixtures.allTypes();
    Path file = write(schema, Map.of(), rows);

    ParquetFiles.assertContent(file, schema, rows);
    // the all-null row really is null in every column but _id (not empty strings or zeros)
    Group allNull = ParquetFiles.rows(file).get(2);
    for (int c = 1; c < schema.size(); c++) {
      assertThat(allNull.getFieldRepetitionCount(c)).as(schema.column(c).name()).isZero();
    }
    assertThat(listing()).containsExactly("data.parquet");
  }

  @Test
  void writesTheDocumentedParquetTypes() {
    TableSchema schema = Fixtures.allTypesSchema("data");
    MessageType fileSchema = ParquetFiles.footer(write(schema, Map.of(), Fixtures.allTypes()))
        .getFileMetaData().getSchema();

    assertThat(fileSchema.getFields()).allMatch(t -> t.isRepetition(Type.Repetition.OPTIONAL) && t.isPrimitive());
    assertType(fileSchema, "_id", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
    assertType(fileSchema, "flag", PrimitiveTypeName.BOOLEAN, null);
    assertType(fileSchema, "n", PrimitiveTypeName.INT64, null);
    assertType(fileSchema, "x", PrimitiveTypeName.DOUBLE, null);
    assertType(fileSchema, "s", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
    assertType(fileSchema, "j", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.jsonType());
    assertType(fileSchema, "d9", PrimitiveTypeName.INT32, LogicalTypeAnnotation.decimalType(2, 9));
    assertType(fileSchema, "d18", PrimitiveTypeName.INT64, LogicalTypeAnnotation.decimalType(4, 18));
    assertType(fileSchema, "d38", PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, LogicalTypeAnnotation.decimalType(10, 38));
    assertThat(fileSchema.getType("d38").asPrimitiveType().getTypeLength()).isEqualTo(16);
    assertType(fileSchema, "dwide", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
    assertType(fileSchema, "dunknown", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
    assertType(fileSchema, "ts", PrimitiveTypeName.INT64, LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
    assertType(fileSchema, "day", PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());
  }

  @Test
  void recordsTheTableNameAndWriterInTheFooter() {
    TableSchema schema = Fixtures.allTypesSchema("orders_items");
    ParquetMetadata footer = ParquetFiles.footer(write(schema, Map.of(), Fixtures.allTypes()));

    assertThat(footer.getFileMetaData().getKeyValueMetaData())
        .containsEntry("transmog.table", "orders_items")
        .containsEntry("writer.model.name", "transmog");
    assertThat(footer.getBlocks()).singleElement().extracting(BlockMetaData::getRowCount).isEqualTo(5L);
  }

  static Stream<Arguments> decimals() {
    return Stream.of(
        // precision, scale, physical type, fixed length, values
        Arguments.of(1, 0, PrimitiveTypeName.INT32, 0, List.of("9", "-9", "0")),
        Arguments.of(1, 1, PrimitiveTypeName.INT32, 0, List.of("0.9", "-0.9", "0")),
        Arguments.of(9, 0, PrimitiveTypeName.INT32, 0, List.of("999999999", "-999999999")),
        Arguments.of(9, 9, PrimitiveTypeName.INT32, 0, List.of("0.999999999", "-0.000000001")),
        Arguments.of(10, 0, PrimitiveTypeName.INT64, 0, List.of("9999999999", "-9999999999", "1")),
        Arguments.of(18, 3, PrimitiveTypeName.INT64, 0, List.of("999999999999999.999", "-999999999999999.999")),
        Arguments.of(19, 0, PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 9,
            List.of("9999999999999999999", "-9999999999999999999", "-1", "0", "1")),
        Arguments.of(20, 2, PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 9,
            List.of("999999999999999999.99", "-999999999999999999.99", "-0.01")),
        Arguments.of(27, 5, PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 12, List.of("-1234567890123456789012.34567")),
        Arguments.of(38, 0, PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 16,
            List.of("99999999999999999999999999999999999999", "-99999999999999999999999999999999999999")),
        Arguments.of(38, 38, PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 16,
            List.of("0.99999999999999999999999999999999999999", "-0.00000000000000000000000000000000000001")),
        Arguments.of(39, 0, PrimitiveTypeName.BINARY, 0,
            List.of("999999999999999999999999999999999999999", "-1")),
        Arguments.of(100, 50, PrimitiveTypeName.BINARY, 0,
            List.of("12345678901234567890123456789012345678901234567890.12345678901234567890123456789012345678901234567890")),
        Arguments.of(0, 0, PrimitiveTypeName.BINARY, 0, List.of("1E+5", "-0.5", "123456789012345678901234567890")));
  }

  @ParameterizedTest(name = "{index} - DECIMAL({0},{1}) as {2}")
  @MethodSource("decimals")
  void mapsDecimalPrecisionToTheRecommendedBackingAndKeepsEveryDigit(
      int precision, int scale, PrimitiveTypeName physical, int fixedLength, List<String> values) {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("d", ColumnType.DECIMAL, precision, scale)));
    Object[][] rows = values.stream().map(v -> new Object[] {dec(v)}).toArray(Object[][]::new);
    Path file = write(schema, Map.of(), rows);

    PrimitiveType type = ParquetFiles.footer(file).getFileMetaData().getSchema().getType("d").asPrimitiveType();
    assertThat(type.getPrimitiveTypeName()).isEqualTo(physical);
    if (physical == PrimitiveTypeName.BINARY) {
      // precision 0 (unknown) or over 38: plain decimal text, because readers cap DECIMAL at 38 digits
      assertThat(type.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
      List<Group> read = ParquetFiles.rows(file);
      for (int i = 0; i < values.size(); i++) {
        assertThat(read.get(i).getString(0, 0)).isEqualTo(dec(values.get(i)).toPlainString());
      }
    } else {
      assertThat(type.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(scale, precision));
      if (fixedLength > 0) {
        assertThat(type.getTypeLength()).isEqualTo(fixedLength);
      }
      ParquetFiles.assertContent(file, schema, rows);
    }
  }

  @Test
  void rescalesDecimalsExactlyToTheColumnScale() {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("d", ColumnType.DECIMAL, 10, 3)));
    Path file = write(schema, Map.of(),
        new Object[] {dec("1.5")}, new Object[] {dec("2")}, new Object[] {dec("1.2500")}, new Object[] {dec("1E+2")});

    List<Group> rows = ParquetFiles.rows(file);
    Column d = schema.column(0);
    assertThat(rows).extracting(g -> ((BigDecimal) ParquetFiles.decode(g, 0, d)).toPlainString())
        .containsExactly("1.500", "2.000", "1.250", "100.000");
  }

  @ParameterizedTest(name = "{index} - {0} in DECIMAL({1},{2})")
  @CsvSource({
    "1.2345, 10, 3", // would need rounding
    "0.5, 5, 0", // would need rounding
    "123456, 5, 0", // too many digits
    "1000.5, 5, 2", // too many digits after rescaling (1000.50 has 6)
    "12345678901234567890, 19, 1", // fixed_len_byte_array: over the precision
  })
  void refusesDecimalsThatDoNotFitExactlyAndLeavesNoFile(String value, int precision, int scale) {
    TableSchema schema = TableSchema.of("prices", null,
        List.of(col("_id", ColumnType.STRING), new Column("amount", ColumnType.DECIMAL, precision, scale)));
    Path target = dir.resolve("prices.parquet");
    TableWriter writer = open(schema, target, Map.of());

    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema,
        new Object[] {"ok", dec("1")}, new Object[] {"bad", dec(value)})))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("table prices")
        .hasMessageContaining(target.toString())
        .hasMessageContaining("column amount")
        .hasMessageContaining("row 1")
        .hasMessageContaining(dec(value).toPlainString())
        .hasMessageContaining("DECIMAL(" + precision + "," + scale + ")");
    assertThat(listing()).isEmpty();
    assertThatThrownBy(writer::close).isInstanceOf(WriterException.class).hasMessageContaining("nothing was published");
    assertThat(listing()).isEmpty();
  }

  @Test
  void timestampsAreUtcMicrosAndDatesAreDays() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("ts", ColumnType.TIMESTAMP), col("d", ColumnType.DATE)));
    long micros = Fixtures.micros("2001-09-09T01:46:40.000001Z");
    Path file = write(schema, Map.of(), new Object[] {micros, Fixtures.days("2001-09-09")});

    Group row = ParquetFiles.rows(file).get(0);
    assertThat(row.getLong(0, 0)).isEqualTo(1_000_000_000_000_001L);
    assertThat(row.getInteger(1, 0)).isEqualTo(11574);
  }

  @Test
  void refusesADateOutsideParquetsRange() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("d", ColumnType.DATE)));
    TableWriter writer = open(schema, dir.resolve("t.parquet"), Map.of());

    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema, new Object[] {1L << 40})))
        .isInstanceOf(WriterException.class).hasMessageContaining("column d").hasMessageContaining("32-bit DATE");
    writer.abort();
    assertThat(listing()).isEmpty();
  }

  @Test
  void writesAnUnpairedSurrogateAsAQuestionMarkAsTheBatchGivesIt() {
    // RowBatch.getUtf8 encodes it as String.getBytes does; the writer stores those bytes
    TableSchema schema = TableSchema.of("lone", null, List.of(col("s", ColumnType.STRING), col("j", ColumnType.JSON)));
    Path file = write(schema, Map.of(), new Object[] {"fine \uD83D\uDE00", "[\"\uDC00\"]"},
        new Object[] {"lone \uD800 surrogate", null});

    ParquetFiles.assertContent(file, schema, new Object[][] {
        {"fine \uD83D\uDE00", "[\"?\"]"}, {"lone ? surrogate", null}});
  }

  // ---- codecs and options -------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{index} - compression={0}")
  @CsvSource({
    "zstd, ZSTD", "ZSTD, ZSTD", "snappy, SNAPPY", "gzip, GZIP", "uncompressed, UNCOMPRESSED", "none, UNCOMPRESSED"})
  void recordsEachCodecInTheFooterAndReadsBack(String option, CompressionCodecName expected) {
    TableSchema schema = Fixtures.allTypesSchema("t");
    Object[][] rows = repeat(Fixtures.allTypes(), 200);
    Path file = write(schema, Map.of(ParquetOptions.COMPRESSION, option), rows);

    List<ColumnChunkMetaData> chunks = ParquetFiles.footer(file).getBlocks().get(0).getColumns();
    assertThat(chunks).hasSize(schema.size()).allSatisfy(ch -> assertThat(ch.getCodec()).isEqualTo(expected));
    ParquetFiles.assertContent(file, schema, rows);
  }

  @Test
  void compressionIsZstdByDefault() {
    Path file = write(Fixtures.allTypesSchema("t"), Map.of(), Fixtures.allTypes());

    assertThat(ParquetFiles.footer(file).getBlocks().get(0).getColumns())
        .allSatisfy(ch -> assertThat(ch.getCodec()).isEqualTo(CompressionCodecName.ZSTD));
  }

  @Test
  void codecsActuallyCompress() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(col("s", ColumnType.STRING)));
    // Distinct, compressible values, with dictionary encoding off so only the codec can shrink them.
    Object[][] rows = new Object[20_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {"customer-" + i + " ordered item " + (i % 97) + " in the spring sale"};
    }
    long none = Files.size(write(schema, dir.resolve("none.parquet"),
        Map.of(ParquetOptions.COMPRESSION, "uncompressed", ParquetOptions.DICTIONARY, "false"), rows));
    for (String codec : List.of("zstd", "snappy", "gzip")) {
      long size = Files.size(write(schema, dir.resolve(codec + ".parquet"),
          Map.of(ParquetOptions.COMPRESSION, codec, ParquetOptions.DICTIONARY, "false"), rows));
      assertThat(size).as(codec).isLessThan(none / 2);
    }
    long zstd19 = Files.size(write(schema, dir.resolve("zstd19.parquet"),
        Map.of(ParquetOptions.ZSTD_LEVEL, "19", ParquetOptions.DICTIONARY, "false"), rows));
    // The level reaches the codec (the output differs). Not asserted smaller: zstd is not monotonic in its level
    // on every input, and on half of this very data level 19 loses to level 3.
    assertThat(zstd19).isNotEqualTo(Files.size(dir.resolve("zstd.parquet")));
    ParquetFiles.assertContent(dir.resolve("zstd19.parquet"), schema, rows);
  }

  @Test
  @SuppressWarnings("deprecation") // Encoding.PLAIN_DICTIONARY: what v1 data pages record for dictionary columns
  void dictionaryEncodingIsOnByDefaultAndCanBeSwitchedOff() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("s", ColumnType.STRING), col("n", ColumnType.LONG)));
    Object[][] rows = new Object[1000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {"status-" + (i % 3), (long) (i % 5)};
    }
    Path on = write(schema, dir.resolve("on.parquet"), Map.of(), rows);
    Path off = write(schema, dir.resolve("off.parquet"), Map.of(ParquetOptions.DICTIONARY, "false"), rows);

    for (ColumnChunkMetaData ch : ParquetFiles.footer(on).getBlocks().get(0).getColumns()) {
      assertThat(ch.getEncodings()).contains(Encoding.PLAIN_DICTIONARY);
      assertThat(ch.getDictionaryPageOffset()).isPositive();
    }
    for (ColumnChunkMetaData ch : ParquetFiles.footer(off).getBlocks().get(0).getColumns()) {
      assertThat(ch.getEncodings()).doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
    }
    ParquetFiles.assertContent(on, schema, rows);
    ParquetFiles.assertContent(off, schema, rows);
  }

  @Test
  @SuppressWarnings("deprecation") // Encoding.PLAIN_DICTIONARY: what v1 data pages record for dictionary columns
  void columnsWhoseFirstValuesAreAllDistinctGetNoDictionaryOthersKeepIt() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("_id", ColumnType.STRING),
        col("status", ColumnType.STRING), col("n", ColumnType.LONG), col("qty", ColumnType.LONG),
        col("price", ColumnType.DOUBLE), col("later", ColumnType.STRING)));
    Object[][] rows = new Object[6000][];
    for (int i = 0; i < rows.length; i++) {
      // "later" is distinct in the first batch and repeats afterwards: the first batch decides, so no dictionary
      rows[i] = new Object[] {java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)}).toString(),
          "status-" + (i % 4), i * 1_000_003L, (long) (i % 9), i % 3 == 0 ? null : i / 8.0, "v" + (i % 2000)};
    }
    Path file = dir.resolve("t.parquet");
    try (TableWriter writer = open(schema, file, Map.of())) {
      for (int from = 0; from < rows.length; from += 2000) {
        writer.write(new ArrayRowBatch(schema, java.util.Arrays.copyOfRange(rows, from, from + 2000)));
      }
    }

    List<ColumnChunkMetaData> chunks = ParquetFiles.footer(file).getBlocks().get(0).getColumns();
    for (int c : new int[] {0, 2, 4, 5}) {
      assertThat(chunks.get(c).getEncodings()).as(schema.column(c).name())
          .doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
      assertThat(chunks.get(c).getDictionaryPageOffset()).as(schema.column(c).name()).isZero();
    }
    for (int c : new int[] {1, 3}) {
      assertThat(chunks.get(c).getEncodings()).as(schema.column(c).name()).contains(Encoding.PLAIN_DICTIONARY);
    }
    ParquetFiles.assertContent(file, schema, rows);
  }

  @Test
  @SuppressWarnings("deprecation")
  void aShortFirstBatchLeavesTheDictionaryChoiceToParquet() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("code", ColumnType.STRING)));
    Object[][] rows = new Object[3000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {i < 10 ? "first-" + i : "code-" + (i % 50)};
    }
    Path file = dir.resolve("t.parquet");
    try (TableWriter writer = open(schema, file, Map.of())) {
      writer.write(new ArrayRowBatch(schema, java.util.Arrays.copyOfRange(rows, 0, 10))); // 10 distinct values
      writer.write(new ArrayRowBatch(schema, java.util.Arrays.copyOfRange(rows, 10, rows.length)));
    }

    assertThat(ParquetFiles.footer(file).getBlocks().get(0).getColumns().get(0).getEncodings())
        .contains(Encoding.PLAIN_DICTIONARY);
    ParquetFiles.assertContent(file, schema, rows);
  }

  @Test
  void rowGroupAndPageSizesCutTheFile() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG), col("s", ColumnType.STRING)));
    Object[][] rows = new Object[50_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {(long) i * 7919, "value number " + i};
    }
    Path small = write(schema, dir.resolve("small.parquet"), Map.of(
        ParquetOptions.ROW_GROUP_SIZE, "64k", ParquetOptions.PAGE_SIZE, "4k",
        ParquetOptions.COMPRESSION, "none", ParquetOptions.DICTIONARY, "false"), rows);
    Path big = write(schema, dir.resolve("big.parquet"), Map.of(ParquetOptions.COMPRESSION, "none"), rows);

    ParquetMetadata smallFooter = ParquetFiles.footer(small);
    assertThat(smallFooter.getBlocks().size()).isGreaterThan(5);
    assertThat(smallFooter.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(50_000);
    assertThat(ParquetFiles.footer(big).getBlocks()).hasSize(1);
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(small))) {
      ColumnChunkMetaData first = reader.getFooter().getBlocks().get(0).getColumns().get(0);
      assertThat(reader.readOffsetIndex(first).getPageCount()).isGreaterThan(3);
    }
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(big))) {
      ColumnChunkMetaData first = reader.getFooter().getBlocks().get(0).getColumns().get(0);
      // 400 KB of longs fit one 1 MiB page, but Parquet also ends a page at 20,000 rows
      assertThat(reader.readOffsetIndex(first).getPageCount()).isEqualTo(3);
    }
    ParquetFiles.assertContent(small, schema, rows);
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        Arguments.of(ParquetOptions.COMPRESSION, "lz4"),
        Arguments.of(ParquetOptions.COMPRESSION, ""),
        Arguments.of(ParquetOptions.ZSTD_LEVEL, "0"),
        Arguments.of(ParquetOptions.ZSTD_LEVEL, "23"),
        Arguments.of(ParquetOptions.ZSTD_LEVEL, "high"),
        Arguments.of(ParquetOptions.ROW_GROUP_SIZE, "12x"),
        Arguments.of(ParquetOptions.ROW_GROUP_SIZE, "0"),
        Arguments.of(ParquetOptions.ROW_GROUP_SIZE, "2g"),
        Arguments.of(ParquetOptions.PAGE_SIZE, "-1m"),
        Arguments.of(ParquetOptions.PAGE_SIZE, "100"),
        Arguments.of(ParquetOptions.PAGE_SIZE, "9999999999999g"),
        Arguments.of(ParquetOptions.DICTIONARY, "yes"),
        Arguments.of("compresion", "zstd"));
  }

  @ParameterizedTest(name = "{index} - {0}={1}")
  @MethodSource("invalidOptions")
  void invalidOrUnknownOptionsAreConfigurationErrorsNamingTheKeyAndCreateNoFile(String key, String value) {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));

    assertThatThrownBy(() -> open(schema, dir.resolve("t.parquet"), Map.of(key, value)))
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining(key);
    assertThat(listing()).isEmpty();
  }

  // ---- shapes -----------------------------------------------------------------------------------------------------

  @Test
  void emptyTableWritesAValidFileWithTheSchemaAndNoRows() {
    TableSchema schema = Fixtures.allTypesSchema("empty");
    Path file = write(schema, Map.of());

    ParquetMetadata footer = ParquetFiles.footer(file);
    assertThat(footer.getFileMetaData().getSchema().getFieldCount()).isEqualTo(schema.size());
    assertThat(footer.getBlocks()).isEmpty();
    assertThat(ParquetFiles.rows(file)).isEmpty();
    assertThat(listing()).containsExactly("empty.parquet");
  }

  @Test
  void emptyBatchesAndManyBatchesAppendToOneFile() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG)));
    Path target = dir.resolve("t.parquet");
    try (TableWriter writer = open(schema, target, Map.of())) {
      writer.write(new ArrayRowBatch(schema));
      writer.write(new ArrayRowBatch(schema, new Object[] {1L}, new Object[] {2L}));
      // an equal schema (not the same instance) is accepted
      writer.write(new ArrayRowBatch(TableSchema.of("t", null, List.of(col("n", ColumnType.LONG))), new Object[] {3L}));
    }
    ParquetFiles.assertContent(target, schema, new Object[][] {{1L}, {2L}, {3L}});
  }

  @Test
  void unicodeAndLongColumnNamesSurvive() {
    String longName = "field_" + "x".repeat(5000);
    TableSchema schema = TableSchema.of("データ", null, List.of(
        col("名前", ColumnType.STRING), col("😀 emoji", ColumnType.LONG), col("naïve.café", ColumnType.DOUBLE),
        col("with space, comma; and \"quotes\"", ColumnType.BOOLEAN), col(longName, ColumnType.STRING)));
    Object[][] rows = {{"東京", 1L, 2.5, true, "long"}, {null, null, null, null, null}};
    Path file = write(schema, Map.of(), rows);

    assertThat(ParquetFiles.footer(file).getFileMetaData().getSchema().getFields())
        .extracting(Type::getName)
        .containsExactlyElementsOf(schema.columnNames());
    ParquetFiles.assertContent(file, schema, rows);
    assertThat(ParquetFiles.footer(file).getFileMetaData().getKeyValueMetaData())
        .containsEntry("transmog.table", "データ");
  }

  @Test
  void wideTableWithMoreThanAThousandColumns() {
    int width = 1_200;
    List<Column> columns = new ArrayList<>();
    ColumnType[] cycle = {ColumnType.STRING, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN};
    for (int c = 0; c < width; c++) {
      columns.add(col("c" + c, cycle[c % cycle.length]));
    }
    TableSchema schema = TableSchema.of("wide", null, columns);
    Object[][] rows = new Object[50][width];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < width; c++) {
        if ((r + c) % 7 == 0) {
          continue; // null
        }
        switch (c % cycle.length) {
          case 0 -> rows[r][c] = "v" + r + "_" + c;
          case 1 -> rows[r][c] = (long) r * c;
          case 2 -> rows[r][c] = r / (c + 1.0);
          default -> rows[r][c] = (r + c) % 2 == 0;
        }
      }
    }
    Path file = write(schema, Map.of(), rows);

    assertThat(ParquetFiles.footer(file).getBlocks().get(0).getColumns()).hasSize(width);
    ParquetFiles.assertContent(file, schema, rows);
  }

  @Test
  void allNullColumnsStayNull() {
    TableSchema schema = Fixtures.allTypesSchema("nulls");
    Object[][] rows = new Object[3][schema.size()];
    for (Object[] row : rows) {
      row[0] = "id";
    }
    Path file = write(schema, Map.of(), rows);

    ParquetFiles.assertContent(file, schema, rows);
    for (ColumnChunkMetaData ch : ParquetFiles.footer(file).getBlocks().get(0).getColumns()) {
      if (!ch.getPath().toDotString().equals("_id")) {
        assertThat(ch.getStatistics().getNumNulls()).as(ch.getPath().toDotString()).isEqualTo(3);
      }
    }
  }

  @Test
  void aTableWithoutColumnsIsAWriterErrorBeforeAnyFileIsCreated() {
    TableSchema schema = TableSchema.of("nothing", null, List.of());

    assertThatThrownBy(() -> open(schema, dir.resolve("nothing.parquet"), Map.of()))
        .isInstanceOf(WriterException.class).hasMessageContaining("table nothing").hasMessageContaining("column");
    assertThat(listing()).isEmpty();
  }

  // ---- lifecycle --------------------------------------------------------------------------------------------------

  @Test
  void nothingAppearsUnderTheFinalNameBeforeClose() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));
    Path target = dir.resolve("t.parquet");
    Files.writeString(target, "old content");
    TableWriter writer = open(schema, target, Map.of());
    writer.write(new ArrayRowBatch(schema, new Object[] {"new"}));

    assertThat(Files.readString(target)).isEqualTo("old content");
    assertThat(listing()).hasSize(2);
    writer.close();
    ParquetFiles.assertContent(target, schema, new Object[][] {{"new"}});
    assertThat(listing()).containsExactly("t.parquet");
  }

  @Test
  void bytesWrittenGrowsWithTheDataAndIsTheFileSizeAfterClose() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG), col("s", ColumnType.STRING)));
    Path target = dir.resolve("t.parquet");
    TableWriter writer = open(schema, target, Map.of(ParquetOptions.ROW_GROUP_SIZE, "16k"));
    long before = writer.bytesWritten();
    Object[][] rows = new Object[20_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {(long) i, "row " + i};
    }
    writer.write(new ArrayRowBatch(schema, rows));
    long after = writer.bytesWritten();
    writer.close();

    assertThat(before).isGreaterThanOrEqualTo(0);
    assertThat(after).isGreaterThan(before + 16 * 1024);
    // while open the count includes open pages before compression, so the finished file may be smaller
    assertThat(writer.bytesWritten()).isEqualTo(Files.size(target)).isPositive();
  }

  @Test
  void abortLeavesNoFileInTheDirectory() {
    TableSchema schema = Fixtures.allTypesSchema("t");
    TableWriter writer = open(schema, dir.resolve("t.parquet"), Map.of());
    writer.write(new ArrayRowBatch(schema, Fixtures.allTypes()));
    assertThat(listing()).hasSize(1).allMatch(name -> name.startsWith(".t.parquet") && name.endsWith(".tmp"));

    writer.abort();
    writer.abort();
    assertThat(listing()).isEmpty();
    writer.close();
    assertThat(listing()).isEmpty();
  }

  @Test
  void closeTwiceIsSafeAndAbortAfterCloseKeepsTheFile() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));
    Path target = dir.resolve("t.parquet");
    TableWriter writer = open(schema, target, Map.of());
    writer.write(new ArrayRowBatch(schema, new Object[] {"x"}));
    writer.close();
    writer.close();
    writer.abort();

    ParquetFiles.assertContent(target, schema, new Object[][] {{"x"}});
    assertThat(listing()).containsExactly("t.parquet");
  }

  @Test
  void writeAfterCloseOrAbortThrows() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("a", ColumnType.STRING)));
    ArrayRowBatch batch = new ArrayRowBatch(schema, new Object[] {"x"});
    TableWriter closed = open(schema, dir.resolve("c.parquet"), Map.of());
    closed.close();
    TableWriter aborted = open(schema, dir.resolve("a.parquet"), Map.of());
    aborted.abort();

    assertThatThrownBy(() -> closed.write(batch)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> aborted.write(batch)).isInstanceOf(IllegalStateException.class).hasMessageContaining("aborted");
    assertThat(listing()).containsExactly("c.parquet");
  }

  @Test
  void failedWriteDropsTheFileAndCloseReportsItOnce() {
    TableSchema schema = TableSchema.of("t", null, List.of(col("n", ColumnType.LONG)));
    TableWriter writer = open(schema, dir.resolve("t.parquet"), Map.of());
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
    TableWriter writer = open(schema, dir.resolve("t.parquet"), Map.of());
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
    Path target = dir.resolve("missing-dir").resolve("orders.parquet");

    assertThatThrownBy(() -> open(schema, target, Map.of()))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("table orders")
        .hasMessageContaining(target.toString());
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  private static void assertType(MessageType schema, String name, PrimitiveTypeName physical,
      LogicalTypeAnnotation logical) {
    PrimitiveType type = schema.getType(name).asPrimitiveType();
    assertThat(type.getPrimitiveTypeName()).as(name).isEqualTo(physical);
    assertThat(type.getLogicalTypeAnnotation()).as(name).isEqualTo(logical);
  }

  private static TableWriter open(TableSchema schema, Path target, Map<String, String> options) {
    return PROVIDER.open(new WriterContext(schema, target, FormatOptions.of(options)));
  }

  private Path write(TableSchema schema, Map<String, String> options, Object[]... rows) {
    return write(schema, dir.resolve(schema.table() + ".parquet"), options, rows);
  }

  private static Path write(TableSchema schema, Path target, Map<String, String> options, Object[]... rows) {
    return Fixtures.write(PROVIDER, target, schema, options, rows);
  }

  private static Object[][] repeat(Object[][] rows, int times) {
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
