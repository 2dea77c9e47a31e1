package io.transmog.io.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.WriterException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import io.transmog.io.arrow.internal.ArrowWriterProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArrowTableWriterTest {
  private static final ArrowWriterProvider PROVIDER = new ArrowWriterProvider();

  @TempDir Path dir;

  static final TableSchema ALL_TYPES = TableSchema.of("orders", null, List.of(
      new Column("_id", ColumnType.LONG),
      new Column("paid", ColumnType.BOOLEAN),
      new Column("total", ColumnType.DOUBLE),
      new Column("amount", ColumnType.DECIMAL, 12, 3),
      new Column("name", ColumnType.STRING),
      new Column("payload", ColumnType.JSON),
      new Column("at", ColumnType.TIMESTAMP),
      new Column("day", ColumnType.DATE),
      new Column("huge", ColumnType.DECIMAL, 45, 5)));

  static Object[][] allTypesRows() {
    return new Object[][] {
      {1L, true, 1.5, new BigDecimal("123456789.123"), "Ada", "{\"a\":[1,2]}",
          Instant.parse("2024-05-06T07:08:09.123456Z"), LocalDate.of(2024, 5, 6),
          new BigDecimal("1234567890123456789012345678901234567890.12345")},
      {2L, false, -0.0, new BigDecimal("-0.001"), "", "[]", Instant.parse("1969-12-31T23:59:59.999999Z"),
          LocalDate.of(1969, 12, 31), new BigDecimal("-1")},
      {null, null, null, null, null, null, null, null, null},
      {Long.MIN_VALUE, true, Double.MAX_VALUE, new BigDecimal("999999999.999"), "名前😀", "\"text\"",
          Instant.parse("0001-01-01T00:00:00Z"), LocalDate.of(1, 1, 1), new BigDecimal("0.00001")},
      {Long.MAX_VALUE, false, Double.MIN_VALUE, new BigDecimal("42"), "Ada", "null",
          Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDate.of(9999, 12, 31), null},
    };
  }

  static Stream<Arguments> optionMatrix() {
    List<Arguments> all = new ArrayList<>();
    for (String format : List.of("file", "stream")) {
      for (String dictionary : List.of("false", "true")) {
        for (String compression : List.of("none", "lz4", "zstd")) {
          all.add(Arguments.of(format, dictionary, compression));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{index} - ipcFormat={0} dictionary={1} compression={2}")
  @MethodSource("optionMatrix")
  void everyTypeAndNulls_roundTripThroughArrowsOwnReader(String format, String dictionary, String compression)
      throws IOException {
    FormatOptions options = FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, format, ArrowOptions.DICTIONARY,
        dictionary, ArrowOptions.COMPRESSION, compression, ArrowOptions.BATCH_ROWS, "2"));
    Object[][] rows = allTypesRows();
    Path file = write(ALL_TYPES, options, new ArrayRowBatch(ALL_TYPES, rows));

    ArrowFiles.Contents back = ArrowFiles.read(file);
    assertThat(back.fileFormat()).isEqualTo(format.equals("file"));
    assertThat(back.columnNames()).containsExactlyElementsOf(ALL_TYPES.columnNames());
    assertThat(back.recordBatches()).as("5 rows at batchRows=2").isEqualTo(3);
    assertThat(back.rows()).hasSize(rows.length);
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < ALL_TYPES.size(); c++) {
        Object want = rows[r][c];
        Object got = back.rows().get(r).get(c);
        if (want instanceof BigDecimal) {
          Column col = ALL_TYPES.column(c);
          want = col.precision() <= 38 ? ((BigDecimal) want).setScale(col.scale()) : ((BigDecimal) want).toPlainString();
        }
        assertThat(got).as("row %d, column %s", r, ALL_TYPES.column(c).name()).isEqualTo(want);
      }
    }
  }

  @Test
  void schema_mapsEveryTypeToItsArrowType() throws IOException {
    Path file = write(ALL_TYPES, FormatOptions.empty(), new ArrayRowBatch(ALL_TYPES, allTypesRows()));
    List<Field> fields = ArrowFiles.read(file).schema().getFields();
    Map<String, ArrowType> types = new HashMap<>();
    for (Field f : fields) {
      assertThat(f.isNullable()).as("field %s nullable", f.getName()).isTrue();
      assertThat(f.getDictionary()).as("dictionary of %s (off by default)", f.getName()).isNull();
      types.put(f.getName(), f.getType());
    }
    assertThat(types.get("_id")).isEqualTo(new ArrowType.Int(64, true));
    assertThat(types.get("paid")).isEqualTo(ArrowType.Bool.INSTANCE);
    assertThat(types.get("total")).isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    assertThat(types.get("amount")).isEqualTo(new ArrowType.Decimal(12, 3, 128));
    assertThat(types.get("name")).isEqualTo(ArrowType.Utf8.INSTANCE);
    assertThat(types.get("payload")).isEqualTo(ArrowType.Utf8.INSTANCE);
    assertThat(types.get("at")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
    assertThat(types.get("day")).isEqualTo(new ArrowType.Date(DateUnit.DAY));
    assertThat(types.get("huge")).isEqualTo(ArrowType.Utf8.INSTANCE);

    Field payload = fields.get(5);
    assertThat(payload.getMetadata())
        .containsEntry("ARROW:extension:name", "arrow.json")
        .containsEntry("ARROW:extension:metadata", "");
    assertThat(fields.get(8).getMetadata()).containsExactly(Map.entry("transmog.type", "DECIMAL"));
    assertThat(fields.get(4).getMetadata()).isEmpty();
    assertThat(ArrowFiles.read(file).schema().getCustomMetadata()).containsExactly(Map.entry("transmog.table", "orders"));
  }

  @Test
  void schema_ofAChildTableNamesItsParent() throws IOException {
    TableSchema child = TableSchema.of("orders_items", "orders", List.of(new Column("_id", ColumnType.STRING)));
    Path file = write(child, FormatOptions.empty(), new ArrayRowBatch(child, new Object[] {"1.1"}));
    assertThat(ArrowFiles.read(file).schema().getCustomMetadata())
        .containsEntry("transmog.table", "orders_items")
        .containsEntry("transmog.parent", "orders");
  }

  @ParameterizedTest(name = "{index} - {0}")
  @ValueSource(strings = {"file", "stream"})
  void dictionary_encodesStringColumnsOnlyAcrossManyBatches(String format) throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("id", ColumnType.LONG),
        new Column("city", ColumnType.STRING), new Column("tag", ColumnType.STRING),
        new Column("doc", ColumnType.JSON)));
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      // city gains new values in every batch, tag repeats three values
      rows.add(new Object[] {i, i % 11 == 0 ? null : "city-" + (i / 3), "tag-" + (i % 3), "{\"i\":" + i + "}"});
    }
    FormatOptions options = FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, format, ArrowOptions.DICTIONARY, "true",
        ArrowOptions.BATCH_ROWS, "16"));
    Path file = write(schema, options, new ArrayRowBatch(schema, rows.subList(0, 40).toArray(new Object[0][])),
        new ArrayRowBatch(schema, rows.subList(40, 100).toArray(new Object[0][])));

    ArrowFiles.Contents back = ArrowFiles.read(file);
    List<Field> fields = back.schema().getFields();
    assertThat(fields.get(0).getDictionary()).isNull();
    assertThat(fields.get(1).getDictionary()).isNotNull();
    assertThat(fields.get(1).getType()).as("Arrow Java's reader shows the index type").isEqualTo(new ArrowType.Int(32, true));
    assertThat(fields.get(1).getDictionary().getIndexType()).isEqualTo(new ArrowType.Int(32, true));
    assertThat(fields.get(2).getDictionary()).isNotNull();
    assertThat(fields.get(2).getDictionary().getId()).isNotEqualTo(fields.get(1).getDictionary().getId());
    assertThat(fields.get(3).getDictionary()).as("JSON columns are not dictionary-encoded").isNull();
    assertThat(back.recordBatches()).isEqualTo(7); // 100 rows at 16 per batch
    if (format.equals("file")) {
      // one whole dictionary per column, after the record batches: the only layout ArrowFileReader reads in full
      assertThat(back.dictionaryBlocks()).isEqualTo(2);
    }
    assertThat(back.rows()).hasSize(100);
    for (int r = 0; r < 100; r++) {
      assertThat(back.rows().get(r)).as("row %d", r).containsExactly(rows.get(r));
    }
  }

  @Test
  void dictionary_inTheStreamFormatIsSentPerBatchAndOnlyWhenItChanged() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("status", ColumnType.STRING),
        new Column("n", ColumnType.LONG)));
    Object[][] rows = new Object[20][];
    for (int i = 0; i < rows.length; i++) {
      // batches of 4 rows: "new" and "old" in the same first-seen order in batches 1-3, then "gone" joins
      rows[i] = new Object[] {i < 12 ? (i % 2 == 0 ? "new" : "old") : i == 13 ? null : "gone", (long) i};
    }
    Path file = write(schema, FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, "stream", ArrowOptions.DICTIONARY,
        "true", ArrowOptions.BATCH_ROWS, "4")), new ArrayRowBatch(schema, rows));
    // schema; dictionary [new, old] and 3 record batches; dictionary [gone] and 2 record batches
    assertThat(ArrowFiles.streamMessages(file)).isEqualTo("SDRRRDRR");
    assertThat(ArrowFiles.read(file).column("status")).containsExactly(Arrays.stream(rows).map(r -> r[0]).toArray());
  }

  @Test
  void dictionary_withCompressionAndOneBatch() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING)));
    Object[][] rows = new Object[1000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {i % 5 == 0 ? null : "value-" + (i % 7)};
    }
    for (String codec : List.of("lz4", "zstd")) {
      FormatOptions options = FormatOptions.of(Map.of(ArrowOptions.DICTIONARY, "true", ArrowOptions.COMPRESSION, codec));
      Path file = write(schema, options, new ArrayRowBatch(schema, rows));
      ArrowFiles.Contents back = ArrowFiles.read(file);
      assertThat(back.recordBatches()).isEqualTo(1);
      assertThat(back.dictionaryBlocks()).isEqualTo(1);
      assertThat(back.column("s")).containsExactly(Arrays.stream(rows).map(r -> r[0]).toArray());
      Files.delete(file);
    }
  }

  @ParameterizedTest(name = "{index} - {0}")
  @ValueSource(strings = {"lz4", "zstd"})
  void compression_shrinksTheBodyAndNeedsTheCodecToRead(String codec) throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("id", ColumnType.LONG),
        new Column("text", ColumnType.STRING)));
    Object[][] rows = new Object[20_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {(long) i, "the same words again and again " + (i % 10)};
    }
    Path plain = write(schema, FormatOptions.empty(), new ArrayRowBatch(schema, rows));
    Path plainCopy = Files.move(plain, dir.resolve("plain.arrow"));
    Path compressed = write(schema, FormatOptions.of(Map.of(ArrowOptions.COMPRESSION, codec)),
        new ArrayRowBatch(schema, rows));

    assertThat(Files.size(compressed)).isLessThan(Files.size(plainCopy) / 3);
    ArrowFiles.Contents back = ArrowFiles.read(compressed);
    assertThat(back.rows()).hasSize(rows.length);
    assertThat(back.rows().get(12_345)).containsExactly(12_345L, "the same words again and again 5");
    // Arrow Java's reader without a codec factory refuses the compressed body: the codec is recorded in the file
    assertThatThrownBy(() -> ArrowFiles.read(compressed, NoCompressionCodec.Factory.INSTANCE))
        .hasMessageContaining("compression");
    assertThat(ArrowFiles.read(plainCopy, NoCompressionCodec.Factory.INSTANCE).rows()).hasSize(rows.length);
  }

  @ParameterizedTest(name = "{index} - {0}")
  @ValueSource(strings = {"file", "stream"})
  void emptyTable_isAReadableFileWithTheSchema(String format) throws IOException {
    for (String dictionary : List.of("false", "true")) {
      FormatOptions options = FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, format,
          ArrowOptions.DICTIONARY, dictionary));
      Path target = dir.resolve("empty-" + dictionary + ".arrow");
      TableWriter writer = PROVIDER.open(new WriterContext(ALL_TYPES, target, options));
      writer.write(new ArrayRowBatch(ALL_TYPES));
      writer.close();
      ArrowFiles.Contents back = ArrowFiles.read(target);
      assertThat(back.columnNames()).containsExactlyElementsOf(ALL_TYPES.columnNames());
      assertThat(back.rows()).isEmpty();
      assertThat(back.recordBatches()).isZero();
    }
    // and closed without any write() call
    Path target = dir.resolve("never.arrow");
    PROVIDER.open(new WriterContext(ALL_TYPES, target, FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, format))))
        .close();
    assertThat(ArrowFiles.read(target).columnNames()).hasSize(ALL_TYPES.size());
  }

  @Test
  void tableWithoutColumns_isAValidFile() throws IOException {
    TableSchema none = TableSchema.of("none", null, List.of());
    Path file = write(none, FormatOptions.empty(), new ArrayRowBatch(none, new Object[0], new Object[0]));
    ArrowFiles.Contents back = ArrowFiles.read(file);
    assertThat(back.columnNames()).isEmpty();
    assertThat(back.recordBatches()).isEqualTo(1);
  }

  @Test
  void columnNames_unicodeAndVeryLong() throws IOException {
    String longName = "ü".repeat(5_000);
    TableSchema schema = TableSchema.of("表😀", null, List.of(new Column("名前", ColumnType.STRING),
        new Column("emoji😀", ColumnType.LONG), new Column(longName, ColumnType.DOUBLE),
        new Column("with space, \"quote\"", ColumnType.BOOLEAN)));
    Path file = write(schema, FormatOptions.empty(), new ArrayRowBatch(schema, new Object[] {"値", 1L, 2.5, true}));
    ArrowFiles.Contents back = ArrowFiles.read(file);
    assertThat(back.columnNames()).containsExactly("名前", "emoji😀", longName, "with space, \"quote\"");
    assertThat(back.rows()).containsExactly(List.of("値", 1L, 2.5, true));
    assertThat(back.schema().getCustomMetadata()).containsEntry("transmog.table", "表😀");
  }

  @Test
  void wideTable_1200Columns() throws IOException {
    ColumnType[] types = {ColumnType.LONG, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.BOOLEAN,
        ColumnType.TIMESTAMP, ColumnType.DATE, ColumnType.JSON};
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < 1200; c++) {
      columns.add(new Column(String.format(Locale.ROOT, "c%04d", c), types[c % types.length]));
    }
    TableSchema schema = TableSchema.of("wide", null, columns);
    Object[][] rows = new Object[30][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = new Object[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        rows[r][c] = (r + c) % 6 == 0 ? null : sample(types[c % types.length], r * 1000 + c);
      }
    }
    Path file = write(schema, FormatOptions.of(Map.of(ArrowOptions.BATCH_ROWS, "7", ArrowOptions.DICTIONARY, "true")),
        new ArrayRowBatch(schema, rows));
    ArrowFiles.Contents back = ArrowFiles.read(file);
    assertThat(back.columnNames()).hasSize(1200);
    for (int r = 0; r < rows.length; r++) {
      assertThat(back.rows().get(r)).as("row %d", r).containsExactly(rows[r]);
    }
  }

  private static Object sample(ColumnType type, int n) {
    switch (type) {
      case LONG:
        return (long) n;
      case STRING:
        return "s" + n;
      case DOUBLE:
        return n / 4.0;
      case BOOLEAN:
        return n % 2 == 0;
      case TIMESTAMP:
        return Instant.ofEpochSecond(n, 1000L * n);
      case DATE:
        return LocalDate.ofEpochDay(n);
      default:
        return "[" + n + "]";
    }
  }

  @Test
  void decimal_isRescaledExactly() throws IOException {
    TableSchema schema = TableSchema.of("d", null, List.of(new Column("v", ColumnType.DECIMAL, 5, 3)));
    Path file = write(schema, FormatOptions.empty(), new ArrayRowBatch(schema,
        new Object[] {new BigDecimal("1.5")}, new Object[] {new BigDecimal("1E+1")}, new Object[] {new BigDecimal("-99.999")},
        new Object[] {new BigDecimal("0")}));
    assertThat(ArrowFiles.read(file).column("v")).containsExactly(new BigDecimal("1.500"), new BigDecimal("10.000"),
        new BigDecimal("-99.999"), new BigDecimal("0.000"));
  }

  @Test
  void decimal_thatWouldNeedRoundingFailsAndLeavesNoFile() {
    TableSchema schema = TableSchema.of("prices", null, List.of(new Column("id", ColumnType.LONG),
        new Column("v", ColumnType.DECIMAL, 5, 2)));
    Path target = dir.resolve("prices.arrow");
    TableWriter writer = PROVIDER.open(new WriterContext(schema, target, FormatOptions.empty()));
    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema, new Object[] {1L, new BigDecimal("1.25")},
        new Object[] {2L, new BigDecimal("1.255")})))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("table prices")
        .hasMessageContaining(target.toString())
        .hasMessageContaining("column v, row 1")
        .hasMessageContaining("1.255")
        .hasMessageContaining("rounding");
    assertThat(dir).isEmptyDirectory();
    assertThatThrownBy(writer::close).isInstanceOf(WriterException.class).hasMessageContaining("nothing was published");
    assertThatCode(writer::close).doesNotThrowAnyException();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void decimal_withMoreDigitsThanThePrecisionFails() {
    TableSchema schema = TableSchema.of("p", null, List.of(new Column("v", ColumnType.DECIMAL, 5, 2)));
    TableWriter writer = PROVIDER.open(new WriterContext(schema, dir.resolve("p.arrow"), FormatOptions.empty()));
    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema, new Object[] {new BigDecimal("1234.5")})))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("column v, row 0")
        .hasMessageContaining("precision 5");
    writer.abort();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void decimal_ofUnknownOrHugePrecisionIsExactText() throws IOException {
    TableSchema schema = TableSchema.of("d", null, List.of(new Column("unknown", ColumnType.DECIMAL),
        new Column("wide", ColumnType.DECIMAL, 39, 1)));
    Path file = write(schema, FormatOptions.empty(), new ArrayRowBatch(schema,
        new Object[] {new BigDecimal("1E+3"), new BigDecimal("12345678901234567890123456789012345678.9")}));
    ArrowFiles.Contents back = ArrowFiles.read(file);
    assertThat(back.schema().getFields()).allSatisfy(f -> assertThat(f.getType()).isEqualTo(ArrowType.Utf8.INSTANCE));
    assertThat(back.rows()).containsExactly(List.of("1000", "12345678901234567890123456789012345678.9"));
  }

  @Test
  void text_anUnpairedSurrogateIsWrittenAsAQuestionMarkAsGetBytesDoes() throws IOException {
    // RowBatch.getUtf8 gives such text with ?, and the dictionary path encodes the String the same way
    TableSchema schema = TableSchema.of("lone", null, List.of(new Column("s", ColumnType.STRING)));
    for (String dictionary : List.of("false", "true")) {
      Path file = write(schema, FormatOptions.of(Map.of(ArrowOptions.DICTIONARY, dictionary)),
          new ArrayRowBatch(schema, new Object[] {"ok \uD83D\uDE00"}, new Object[] {"a\uD800b"}, new Object[] {"\uDC00"}));
      assertThat(ArrowFiles.read(file).rows()).as("dictionary=%s", dictionary)
          .containsExactly(List.of("ok \uD83D\uDE00"), List.of("a?b"), List.of("?"));
      Files.delete(file);
    }
  }

  @ParameterizedTest(name = "{index} - ipcFormat={0}")
  @ValueSource(strings = {"file", "stream"})
  void text_isCopiedAsUtf8WithoutAStringPerCell(String ipcFormat) throws IOException {
    TableSchema schema = TableSchema.of("texts", null, List.of(new Column("s", ColumnType.STRING),
        new Column("j", ColumnType.JSON), new Column("n", ColumnType.LONG)));
    List<Object[]> rows = new java.util.ArrayList<>();
    String[] values = {"", "a", "é", "東京", "\uD83D\uDE00", " padded ", "x,\"y\"\r\n", "長".repeat(400_000), null};
    for (int i = 0; i < values.length; i++) {
      rows.add(new Object[] {values[i], values[i] == null ? null : "[\"" + i + "\"]", (long) i});
    }
    Path file = write(schema, FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, ipcFormat)),
        ArrayRowBatch.utf8Only(schema, rows.toArray(new Object[0][])));
    List<List<Object>> back = ArrowFiles.read(file).rows();
    assertThat(back).hasSize(values.length);
    for (int i = 0; i < values.length; i++) {
      assertThat(back.get(i)).as("row %d", i).containsExactly(rows.get(i));
    }
  }

  @Test
  void date_outsideDate32Fails() {
    TableSchema schema = TableSchema.of("dates", null, List.of(new Column("d", ColumnType.DATE)));
    TableWriter writer = PROVIDER.open(new WriterContext(schema, dir.resolve("dates.arrow"), FormatOptions.empty()));
    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema, new Object[] {1L + Integer.MAX_VALUE})))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("column d, row 0")
        .hasMessageContaining("date32");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void batchRows_splitsRecordBatches() throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("i", ColumnType.LONG)));
    Object[][] rows = new Object[2500][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {(long) i};
    }
    Path file = write(schema, FormatOptions.of(Map.of(ArrowOptions.BATCH_ROWS, "1k")),
        new ArrayRowBatch(schema, Arrays.copyOfRange(rows, 0, 700)),
        new ArrayRowBatch(schema, Arrays.copyOfRange(rows, 700, 2500)));
    ArrowFiles.Contents back = ArrowFiles.read(file);
    assertThat(back.recordBatches()).isEqualTo(3); // 1024 + 1024 + 452
    assertThat(back.column("i")).containsExactly(Arrays.stream(rows).map(r -> r[0]).toArray());
  }

  @Test
  void abort_leavesNoFileAndCloseAfterItDoesNothing() {
    Path target = dir.resolve("orders.arrow");
    TableWriter writer = PROVIDER.open(new WriterContext(ALL_TYPES, target, FormatOptions.empty()));
    writer.write(new ArrayRowBatch(ALL_TYPES, allTypesRows()));
    assertThat(target).doesNotExist();
    writer.abort();
    assertThat(dir).isEmptyDirectory();
    assertThatCode(writer::abort).doesNotThrowAnyException();
    assertThatCode(writer::close).doesNotThrowAnyException();
    assertThat(dir).isEmptyDirectory();
    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(ALL_TYPES))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_twiceIsSafeAndPublishesOnce() throws IOException {
    Path target = dir.resolve("orders.arrow");
    TableWriter writer = PROVIDER.open(new WriterContext(ALL_TYPES, target, FormatOptions.empty()));
    writer.write(new ArrayRowBatch(ALL_TYPES, allTypesRows()));
    writer.close();
    assertThatCode(writer::close).doesNotThrowAnyException();
    assertThatCode(writer::abort).as("abort after close does nothing").doesNotThrowAnyException();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .containsExactly("orders.arrow");
    }
    assertThat(ArrowFiles.read(target).rows()).hasSize(5);
    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(ALL_TYPES))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void bytesWritten_growsAndEndsAtTheFileSize() throws IOException {
    Path target = dir.resolve("orders.arrow");
    TableWriter writer = PROVIDER.open(new WriterContext(ALL_TYPES, target,
        FormatOptions.of(Map.of(ArrowOptions.BATCH_ROWS, "5"))));
    long afterOpen = writer.bytesWritten();
    assertThat(afterOpen).as("magic and schema").isPositive();
    writer.write(new ArrayRowBatch(ALL_TYPES, allTypesRows()));
    long afterBatch = writer.bytesWritten();
    assertThat(afterBatch).isGreaterThan(afterOpen);
    writer.close();
    assertThat(writer.bytesWritten()).isEqualTo(Files.size(target)).isGreaterThan(afterBatch);
  }

  @Test
  void writeOfAnotherSchema_isRefused() {
    TableWriter writer = PROVIDER.open(new WriterContext(ALL_TYPES, dir.resolve("o.arrow"), FormatOptions.empty()));
    TableSchema other = TableSchema.of("orders", null, List.of(new Column("_id", ColumnType.LONG)));
    assertThatThrownBy(() -> writer.write(new ArrayRowBatch(other, new Object[] {1L})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot change its schema");
    assertThat(dir).isEmptyDirectory();
    assertThatThrownBy(writer::close).isInstanceOf(WriterException.class);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void badOptions_failBeforeAnyFileNamingTheKey() {
    Map<String, String> bad = Map.of(
        ArrowOptions.IPC_FORMAT, "feather",
        ArrowOptions.DICTIONARY, "yes",
        ArrowOptions.COMPRESSION, "gzip",
        ArrowOptions.BATCH_ROWS, "0",
        "rowGroupSize", "1m");
    bad.forEach((key, value) -> assertThatThrownBy(() -> PROVIDER.open(new WriterContext(ALL_TYPES,
        dir.resolve("o.arrow"), FormatOptions.of(Map.of(key, value)))))
        .as("%s=%s", key, value)
        .isInstanceOf(TransmogConfigurationException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(value.equals("1m") ? "accepted" : value));
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void missingDirectory_failsNamingTableAndFile() {
    Path target = dir.resolve("no/such/dir/orders.arrow");
    assertThatThrownBy(() -> PROVIDER.open(new WriterContext(ALL_TYPES, target, FormatOptions.empty())))
        .isInstanceOf(WriterException.class)
        .hasMessageContaining("table orders")
        .hasMessageContaining(target.toString());
  }

  @Test
  void featherExtension_isTheSameFileFormat() throws IOException {
    Path target = dir.resolve("orders.feather");
    TableWriter writer = PROVIDER.open(new WriterContext(ALL_TYPES, target, FormatOptions.empty()));
    writer.write(new ArrayRowBatch(ALL_TYPES, allTypesRows()));
    writer.close();
    assertThat(ArrowFiles.isFileFormat(target)).isTrue();
    byte[] bytes = Files.readAllBytes(target);
    assertThat(new String(bytes, bytes.length - 6, 6, java.nio.charset.StandardCharsets.US_ASCII))
        .as("the file format ends with the magic too").isEqualTo("ARROW1");
  }

  private Path write(TableSchema schema, FormatOptions options, ArrayRowBatch... batches) {
    Path target = dir.resolve(schema.table() + ".arrow");
    TableWriter writer = PROVIDER.open(new WriterContext(schema, target, options));
    try {
      for (ArrayRowBatch b : batches) {
        writer.write(b);
      }
    } catch (RuntimeException e) {
      writer.abort();
      throw e;
    }
    writer.close();
    return target;
  }
}
