package io.transmog.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import io.transmog.io.parquet.internal.ParquetWriterProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end (issue #4, acceptance 1): JSON is flattened by the engine ({@code transmog-core}, a test-scope dependency
 * only), written by this plugin through the engine's own paths ({@link FlattenResult#save} and
 * {@link Transmog#flattenStream}), read back with Parquet Java's own reader, and compared with the engine's in-memory
 * {@link FlattenResult} tables: every column's Parquet type against the documented mapping, every value exactly.
 *
 * <p>Covered: every golden spec check of the core, every column type (timestamps and dates inferred), a 1,200-column
 * table, unicode column and table names, all-null columns, each schema-conflict (widening) case, and a streaming run
 * whose schema grows so that part files are written.
 */
class EndToEndParquetRoundTripTest {
  private static final WriterRegistry PARQUET =
      WriterRegistry.builder().register(new ParquetWriterProvider()).build();

  /** Deterministic IDs and no processing-time column, so that two runs over the same input are comparable. */
  private static final TransmogOptions COMPARABLE = TransmogOptions.builder()
      .idStrategy(IdStrategy.deterministic())
      .includeTimestamp(false)
      .build();

  @TempDir Path dir;

  /** Saves every table as Parquet and checks each file against its in-memory table; returns the result. */
  private FlattenResult roundTrip(String json, TransmogOptions options) {
    FlattenResult result = Transmog.flatten(json, options);
    List<Path> files = result.save(dir, "parquet", FormatOptions.empty(), PARQUET);
    assertThat(files).as("one file per table, in tables() order (no rejects in STRICT mode)")
        .hasSize(result.tables().size());
    for (int i = 0; i < files.size(); i++) {
      assertThat(files.get(i).getFileName().toString()).endsWith(".parquet");
      FlattenedParquet.assertFileHoldsTable(files.get(i), result.tables().get(i));
    }
    return result;
  }

  private static Column column(FlattenResult result, String table, String name) {
    Table t = result.table(table).orElseThrow(() -> new AssertionError("no table " + table + " in " + result));
    int i = t.schema().indexOf(name);
    assertThat(i).as("column %s of %s: %s", name, table, t.schema().columnNames()).isNotNegative();
    return t.schema().column(i);
  }

  // ---- the core's golden fixtures -------------------------------------------------------------------------------

  static Stream<GoldenSpecInputs.Check> goldenChecks() {
    return GoldenSpecInputs.checks().stream();
  }

  @ParameterizedTest(name = "{index} - {0}")
  @MethodSource("goldenChecks")
  void everyGoldenSpecCheckRoundTripsThroughParquet(GoldenSpecInputs.Check check) {
    roundTrip(check.input(), check.options());
  }

  /** Guards the test above against silently running nothing (the spec folder is read from core's source tree). */
  @Test
  void theGoldenSpecChecksAreFound() {
    List<GoldenSpecInputs.Check> checks = GoldenSpecInputs.checks();
    Set<String> files = checks.stream().map(GoldenSpecInputs.Check::file).collect(Collectors.toSet());

    assertThat(checks).hasSizeGreaterThan(100);
    assertThat(files).contains("nested-objects.json", "arrays-3-levels.json", "types-and-widening.json",
        "unicode-keys.json", "nulls.json", "key-collisions.json", "max-depth.json", "stringify.json",
        "primitive-arrays-smart.json", "primitive-arrays-separate.json", "primitive-arrays-inline.json");
  }

  // ---- every column type ------------------------------------------------------------------------------------------

  @Test
  void everyColumnTypeWithInferredTimestampsAndNulls() {
    String json = String.join("\n",
        "{\"flag\":true,\"n\":9223372036854775807,\"x\":0.1,\"s\":\"héllo \\\"q\\\", \\n new line\","
            + "\"tags\":[\"a\",1,null,true],\"d17\":0.12345678901234567,\"d30\":123456789012345678901.123456789,"
            + "\"dwide\":1234567890123456789012345678901234567890.5,\"ts\":\"2024-05-01T10:15:30.123456Z\","
            + "\"day\":\"2024-05-01\",\"obj\":{\"k\":1},\"items\":[{\"a\":1},{\"a\":2}]}",
        "{\"flag\":false,\"n\":-9223372036854775808,\"x\":-1.5E300,\"s\":\"\",\"tags\":[],\"d17\":-0.5,"
            + "\"d30\":-0.5,\"dwide\":-1,\"ts\":\"1969-12-31 23:59:59.999999-01:30\",\"day\":\"0001-01-01\"}",
        "{\"flag\":null,\"n\":null,\"x\":null,\"s\":null,\"tags\":null,\"d17\":null,\"d30\":null,\"dwide\":null,"
            + "\"ts\":null,\"day\":\"9999-12-31\"}",
        "{}");
    FlattenResult r = roundTrip(json, COMPARABLE.toBuilder().inferTimestamps(true).build());

    assertThat(column(r, "data", "flag").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(r, "data", "n").type()).isEqualTo(ColumnType.LONG);
    assertThat(column(r, "data", "x").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(column(r, "data", "s").type()).isEqualTo(ColumnType.STRING);
    assertThat(column(r, "data", "tags").type()).isEqualTo(ColumnType.JSON);
    assertThat(column(r, "data", "d17")).as("INT64-backed decimal").isEqualTo(dec("d17", 17, 17));
    assertThat(column(r, "data", "d30")).as("FIXED_LEN_BYTE_ARRAY-backed decimal").isEqualTo(dec("d30", 30, 9));
    assertThat(column(r, "data", "dwide").precision()).as("text-backed decimal").isGreaterThan(38);
    assertThat(column(r, "data", "ts").type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(column(r, "data", "day").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(r, "data_items", "a").type()).isEqualTo(ColumnType.LONG);
  }

  private static Column dec(String name, int precision, int scale) {
    return new Column(name, ColumnType.DECIMAL, precision, scale);
  }

  // ---- wide, unicode, all-null ------------------------------------------------------------------------------------

  @Test
  void wideTableOf1200ColumnsOfEveryType() {
    int width = 1_200;
    int rows = 40;
    StringBuilder json = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      json.append('{');
      for (int c = 0; c < width; c++) {
        if (c > 0) {
          json.append(',');
        }
        json.append(String.format(Locale.ROOT, "\"c%04d\":", c)).append(wideCell(r, c));
      }
      json.append("}\n");
    }
    FlattenResult r = roundTrip(json.toString(), COMPARABLE.toBuilder().inferTimestamps(true).build());

    Table main = r.main();
    assertThat(main.schema().size()).isEqualTo(width + 1);
    assertThat(main.rowCount()).isEqualTo(rows);
    Set<ColumnType> types = new HashSet<>();
    main.schema().columns().forEach(c -> types.add(c.type()));
    assertThat(types).as("the wide table holds every column type").contains(ColumnType.values());
    assertThat(ParquetFiles.footer(dir.resolve("data.parquet")).getBlocks().get(0).getColumns()).hasSize(width + 1);
  }

  /** One cell of the wide table: the column's type cycles, every 7th cell is null, some columns widen. */
  private static String wideCell(int r, int c) {
    if ((r + c) % 7 == 0) {
      return "null";
    }
    switch (c % 10) {
      case 0:
        return Long.toString((long) r * c - 500_000L);
      case 1:
        return Double.toString(r / (c + 1.0));
      case 2:
        return "\"v" + r + "_" + c + "\"";
      case 3:
        return (r + c) % 2 == 0 ? "true" : "false";
      case 4:
        return String.format(Locale.ROOT, "\"2024-%02d-%02d\"", 1 + r % 12, 1 + c % 28);
      case 5:
        return String.format(Locale.ROOT, "\"2024-03-%02dT%02d:%02d:00.%06dZ\"", 1 + r % 28, r % 24, c % 60, r * c);
      case 6:
        return "[" + r + ",\"" + c + "\"]";
      case 7:
        return "1234567890123456789" + r + "." + c;
      case 8:
        // LONG in the even rows, DOUBLE in the odd: the column widens to DOUBLE
        return r % 2 == 0 ? Integer.toString(r * c) : (r * c) + ".25";
      default:
        // BOOLEAN and LONG: the column widens to STRING
        return r % 3 == 0 ? "true" : Integer.toString(c - r);
    }
  }

  @Test
  void unicodeColumnAndTableNames() {
    String json = String.join("\n",
        "{\"名前\":\"東京\",\"prénom\":\"Zoë\",\"😀 emoji\":1,\"Ωμέγα\":2.5,\"שלום\":true,\"e\u0301\":\"combining\","
            + "\"𝔘𝔫𝔦\":\"surrogate pairs\",\"адрес\":{\"город\":\"Москва\",\"индекс\":\"101000\"},"
            + "\"заказы\":[{\"товар\":\"книга\",\"цена\":12.5},{\"товар\":\"ручка\",\"цена\":1}],"
            + "\"with space, comma; and \\\"quotes\\\"\":\"x\",\"dot.name\":\"d\"}",
        "{\"名前\":null,\"prénom\":\"\",\"😀 emoji\":-1,\"заказы\":[{\"товар\":\"🚀\"}]}");
    FlattenResult r = roundTrip(json, COMPARABLE);

    assertThat(r.main().schema().columnNames()).contains("名前", "prénom", "😀 emoji", "Ωμέγα", "שלום", "e\u0301",
        "𝔘𝔫𝔦", "адрес_город", "адрес_индекс", "with space, comma; and \"quotes\"", "dot.name");
    assertThat(r.tableNames()).containsExactly("data", "data_заказы");
    assertThat(dir.resolve("data_заказы.parquet")).isRegularFile();
    assertThat(column(r, "data_заказы", "цена").type()).isEqualTo(ColumnType.DOUBLE);
  }

  @Test
  void allNullColumnsInMainAndChildTables() {
    String json = String.join("\n",
        "{\"a\":null,\"b\":{\"c\":null},\"n\":1,\"items\":[{\"x\":null,\"y\":1},{\"x\":null,\"y\":null}],"
            + "\"only\":[{\"p\":null,\"q\":null}]}",
        "{\"a\":null,\"b\":null,\"n\":null,\"items\":[{\"x\":null}],\"only\":[{\"p\":null}]}");
    FlattenResult r = roundTrip(json, COMPARABLE.toBuilder().includeNulls(true).build());

    for (String[] c : new String[][] {{"data", "a"}, {"data", "b_c"}, {"data_items", "x"}, {"data_only", "p"},
        {"data_only", "q"}}) {
      Table t = r.table(c[0]).orElseThrow();
      assertThat(t.column(c[1])).as("%s.%s", c[0], c[1]).hasSize(t.rowCount()).containsOnlyNulls();
      assertThat(column(r, c[0], c[1]).type()).as("an all-null column is a STRING column").isEqualTo(ColumnType.STRING);
    }
    // the Parquet files agree: every cell of those columns is absent (null), not an empty string
    int x = r.table("data_items").orElseThrow().schema().indexOf("x");
    for (Group g : ParquetFiles.rows(dir.resolve("data_items.parquet"))) {
      assertThat(g.getFieldRepetitionCount(x)).isZero();
    }
  }

  // ---- schema conflicts: each widening case ----------------------------------------------------------------------

  static Stream<Arguments> wideningCases() {
    return Stream.of(
        Arguments.of("LONG + DOUBLE -> DOUBLE", lines("1", "2.5", "-9007199254740992", "1.5e300"),
            new Column("v", ColumnType.DOUBLE)),
        Arguments.of("DOUBLE then LONG -> DOUBLE", lines("0.5", "9007199254740992", "-3"),
            new Column("v", ColumnType.DOUBLE)),
        Arguments.of("LONG beyond 2^53 + DOUBLE -> DECIMAL", lines("9007199254740993", "0.5"), dec("v", 17, 1)),
        Arguments.of("DOUBLE then negative LONG beyond 2^53 -> DECIMAL", lines("0.25", "-9007199254740993"),
            dec("v", 18, 2)),
        Arguments.of("LONG + integer beyond 64 bits -> DECIMAL", lines("1", "123456789012345678901234567890"),
            dec("v", 30, 0)),
        Arguments.of("DOUBLE + DECIMAL -> DECIMAL rescaled", lines("1.5", "12345678901234567.25", "-0.01"),
            dec("v", 19, 2)),
        Arguments.of("DECIMAL of 18 digits (INT64 backing)", lines("0.123456789012345678", "-0.5"), dec("v", 18, 18)),
        Arguments.of("DECIMAL of 38 digits (16-byte backing)",
            lines("1234567890123456789.0123456789012345678", "-1"), dec("v", 38, 19)),
        Arguments.of("DECIMAL wider than 38 digits (text backing)",
            lines("1e400", "-0.5", "0.123456789012345678901234567890"), dec("v", 431, 30)),
        Arguments.of("BOOLEAN + LONG -> STRING", lines("true", "1", "false", "2.5"),
            new Column("v", ColumnType.STRING)),
        Arguments.of("STRING + numbers -> STRING", lines("\"a\"", "1", "1.00000000000000000001", "true"),
            new Column("v", ColumnType.STRING)),
        Arguments.of("STRING + array -> JSON", lines("\"a\"", "[1,\"x\",null]", "2", "{\"k\":[true]}"),
            new Column("v", ColumnType.JSON)),
        Arguments.of("DATE + TIMESTAMP -> TIMESTAMP",
            lines("\"2024-05-01\"", "\"2024-05-01T10:15:30.123456+02:00\"", "\"1969-12-31 23:59:59.999999Z\""),
            new Column("v", ColumnType.TIMESTAMP)),
        Arguments.of("TIMESTAMP + STRING -> STRING (original text)",
            lines("\"2024-05-01T10:15:30Z\"", "\"x\"", "\"2024-05-01\""), new Column("v", ColumnType.STRING)),
        Arguments.of("DATE + LONG -> STRING", lines("\"2024-05-01\"", "7"), new Column("v", ColumnType.STRING)));
  }

  private static String lines(String... values) {
    return Stream.of(values).map(v -> "{\"k\":1,\"v\":" + v + "}").collect(Collectors.joining("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wideningCases")
  void eachSchemaConflictRoundTrips(String name, String json, Column expected) {
    FlattenResult r = roundTrip(json, COMPARABLE.toBuilder().inferTimestamps(true).build());

    assertThat(column(r, "data", "v")).as("the widened column").isEqualTo(expected);
    assertThat(r.main().rowCount()).isEqualTo((int) json.lines().count());
  }

  /**
   * A decimal column wider than 38 digits is written as text (README, "Type mapping": "the plain decimal text"); the
   * text must be the plain form, as {@code RowBatch.getString} promises for numbers, not scientific notation. (The
   * round trips above compare such text by value, so they pass either way.)
   */
  @Test
  void aDecimalWiderThan38DigitsIsWrittenAsItsPlainText() {
    FlattenResult r = Transmog.flatten(lines("1e400", "-0.5", "1e-30", "1.5E+45"), COMPARABLE);
    r.save(dir, "parquet", FormatOptions.empty(), PARQUET);
    Table main = r.main();
    int v = main.schema().indexOf("v");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < main.rowCount(); i++) {
      expected.add(main.getDecimal(v, i).toPlainString());
    }

    List<String> actual = new ArrayList<>();
    for (Group g : ParquetFiles.rows(dir.resolve("data.parquet"))) {
      actual.add(g.getString(v, 0));
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  /**
   * {@link Column}: "precision and scale give the smallest decimal type that holds every value seen". A double that
   * joins a decimal column must not add the trailing zero of its {@code Double.toString} form ({@code 1.0E-9}) to the
   * scale: one digit too many can push a 38-digit column over Parquet's limit into the text fallback.
   */
  @Test
  void aDoubleJoiningADecimalColumnDoesNotWidenItsScale() {
    FlattenResult r = Transmog.flatten(lines("123456789012345678901.123456789", "-0.000000001"), COMPARABLE);

    assertThat(column(r, "data", "v")).isEqualTo(dec("v", 30, 9));
    FlattenResult t = Transmog.flatten(lines("0.123456789012345678901234567890", "1e-30"), COMPARABLE);
    assertThat(column(t, "data", "v")).isEqualTo(dec("v", 30, 30));
  }

  // ---- streaming: the schema grows, parts are written ------------------------------------------------------------

  /**
   * 45 records in chunks of 10: {@code x} is LONG in the first chunk, DOUBLE in the second, DECIMAL from the fourth;
   * {@code day} is a DATE, then a TIMESTAMP; a column {@code note} and a child table {@code extras} appear in the third
   * chunk, and the child table {@code items} gains a column there. Every widening forces a new Parquet part.
   */
  private static String growingInput() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 45; i++) {
      String x = i < 10 ? Integer.toString(i) : i < 30 ? i + ".5" : "12345678901234567890.12" + (i % 10);
      String day = i < 10 ? String.format(Locale.ROOT, "\"2024-01-%02d\"", i + 1)
          : String.format(Locale.ROOT, "\"2024-01-%02dT%02d:30:00.000001+01:00\"", i % 28 + 1, i % 24);
      sb.append("{\"id\":").append(i).append(",\"x\":").append(x).append(",\"day\":").append(day)
          .append(",\"items\":[{\"q\":").append(i);
      if (i >= 20) {
        sb.append(",\"w\":").append(i).append(".25}]").append(",\"note\":\"n").append(i)
            .append("\",\"extras\":[{\"e\":").append(i % 2 == 0).append("}]");
      } else {
        sb.append("}]");
      }
      sb.append("}\n");
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 4})
  void streamingRunWhoseSchemaGrowsWritesPartsThatTogetherHoldTheInMemoryRows(int parallelism) throws IOException {
    Path input = dir.resolve("growing.jsonl");
    Files.writeString(input, growingInput(), StandardCharsets.UTF_8);
    TransmogOptions options = COMPARABLE.toBuilder().inferTimestamps(true).parallelism(parallelism).build();
    Path out = dir.resolve("out");

    StreamResult stream = Transmog.flattenStream(input, out, OutputOptions.of("parquet"),
        options.toBuilder().chunkSize(10).build(), PARQUET);
    FlattenResult memory = Transmog.flatten(input, options);

    // the growth happened as designed: the main table was split at each widening
    StreamResult.TableSummary main = stream.table("data").orElseThrow();
    assertThat(main.files()).as("parts of the main table").hasSizeGreaterThanOrEqualTo(4);
    assertThat(main.files().get(0).columns()).contains(new Column("x", ColumnType.LONG),
        new Column("day", ColumnType.DATE));
    assertThat(main.files().get(1).columns()).contains(new Column("x", ColumnType.DOUBLE),
        new Column("day", ColumnType.TIMESTAMP));
    assertThat(main.files().get(main.files().size() - 1).columns()).contains(dec("x", 23, 3));
    assertThat(column(memory, "data", "x")).isEqualTo(dec("x", 23, 3));
    assertThat(stream.table("data_items").orElseThrow().files()).as("parts of data_items").hasSize(2);

    // same tables, rows and unified schemas as the in-memory flatten
    assertThat(stream.tables()).extracting(StreamResult.TableSummary::name)
        .containsExactlyElementsOf(memory.tableNames());
    JsonNode manifest = GoldenSpecInputs.MAPPER.readTree(stream.manifest().toFile());
    assertThat(manifest.path("format").asText()).isEqualTo("parquet");
    for (int t = 0; t < memory.tables().size(); t++) {
      Table expected = memory.tables().get(t);
      StreamResult.TableSummary summary = stream.tables().get(t);
      assertThat(summary.rows()).as("rows of %s", expected.name()).isEqualTo(expected.rowCount());
      assertThat(summary.columns()).as("unified columns of %s", expected.name())
          .containsExactlyElementsOf(expected.schema().columns());

      // the manifest lists every part, with its rows and its own columns, and the unified columns
      JsonNode mt = manifest.path("tables").get(t);
      assertThat(mt.path("name").asText()).isEqualTo(expected.name());
      assertThat(mt.path("rows").asLong()).isEqualTo(expected.rowCount());
      assertThat(namesAndTypes(mt.path("columns"))).as("manifest columns of %s", expected.name())
          .containsExactlyElementsOf(namesAndTypes(expected.schema().columns()));
      assertThat(mt.path("files")).hasSize(summary.files().size());
      List<Path> parts = new ArrayList<>();
      List<List<Column>> partColumns = new ArrayList<>();
      for (int f = 0; f < summary.files().size(); f++) {
        StreamResult.FileSummary file = summary.files().get(f);
        JsonNode mf = mt.path("files").get(f);
        assertThat(mf.path("file").asText()).isEqualTo(file.path().getFileName().toString());
        assertThat(mf.path("rows").asLong()).isEqualTo(file.rows());
        assertThat(namesAndTypes(mf.path("columns"))).containsExactlyElementsOf(namesAndTypes(file.columns()));
        Path onDisk = out.resolve(mf.path("file").asText());
        assertThat(onDisk).isRegularFile();
        assertThat(Files.size(onDisk)).isEqualTo(file.bytes());
        assertThat(ParquetFiles.rows(onDisk)).as("rows of part %s", onDisk.getFileName()).hasSize((int) file.rows());
        if (summary.files().size() > 1) {
          assertThat(onDisk.getFileName().toString())
              .isEqualTo(String.format(Locale.ROOT, "%s-%05d.parquet", expected.name(), f));
        }
        parts.add(onDisk);
        partColumns.add(file.columns());
      }
      // read every part back with its own schema: together they are the in-memory table, row for row
      FlattenedParquet.assertPartsHoldTable(parts, partColumns, expected);
    }
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).count())
          .as("no Parquet file in the output directory that the manifest does not list")
          .isEqualTo(stream.tables().stream().mapToLong(s -> s.files().size()).sum());
    }
  }

  private static List<String> namesAndTypes(JsonNode columns) {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add(c.path("name").asText() + ":" + c.path("type").asText()));
    return out;
  }

  private static List<String> namesAndTypes(List<Column> columns) {
    return columns.stream().map(c -> c.name() + ":" + c.type()).collect(Collectors.toList());
  }
}
