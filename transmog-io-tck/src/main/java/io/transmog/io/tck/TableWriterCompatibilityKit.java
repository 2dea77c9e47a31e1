package io.transmog.io.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.WriterException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compatibility kit every {@link TableWriterProvider} must pass. A plugin's test extends it, supplies its
 * {@link #provider()} and a {@link #readBack(Path)} that reads a written file with the format's <em>own</em> reader,
 * and inherits every test below (the shape of Micrometer's {@code MeterRegistryCompatibilityKit}):
 *
 * <pre>{@code
 * class XmlWriterCompatibilityTest extends TableWriterCompatibilityKit {
 *   protected TableWriterProvider provider() { return new XmlWriterProvider(); }
 *   protected ReadBack readBack(Path file) throws Exception { ... parse with the XML reader ... }
 * }
 * }</pre>
 *
 * <p>What it checks: the provider's identity ({@code format()}, {@code fileExtensions()}, {@code spiVersion()},
 * {@code optionKeys()}, {@code ServiceLoader} discovery); a round trip of every {@link ColumnType} with nulls; an empty
 * table; unicode and 1,000-character column names; 1,000+ columns; values of every type at their limits; many batches;
 * schema growth across batches ({@code canAppend}) or parts; the atomic-output contract ({@code abort()}, {@code close()}
 * twice, {@code close()} after {@code abort()}, a failing {@code write}, nothing under the final name before
 * {@code close()}, no temporary file left); writing after close; {@code bytesWritten()}; concurrent writers.
 *
 * <p>Formats differ in what they can represent. A subclass adapts the comparison with {@link #expected(Column, Object)}
 * (e.g. CSV compares text) and may declare a missing capability by overriding a capability method
 * ({@link #supportsType(ColumnType)}, {@link #recordsSchema()}); the tests that need it are then reported as
 * <em>aborted</em> with the capability's name, never skipped silently. Override a capability only with a Javadoc
 * comment giving the reason.
 *
 * <p>Every test works in a fresh temporary directory ({@link #directory()}), which the atomic-output tests require to
 * hold exactly the published files.
 */
@ExtendWith(KnownBugs.class)
public abstract class TableWriterCompatibilityKit {
  /** Rows used by tests that need "some" data; enough to cross a small buffer, few enough to stay fast. */
  private static final int SOME_ROWS = 50;

  @TempDir private Path tempDir;

  /**
   * Returns the provider under test. Called once or more per test; may return a new instance each time.
   *
   * @return the provider
   */
  protected abstract TableWriterProvider provider();

  /**
   * Reads a file written by the provider with the format's own reader (not with code shared with the writer).
   *
   * @param file a published file
   * @return the column names and rows found
   * @throws Exception if the file cannot be read; the test fails with it
   */
  protected abstract ReadBack readBack(Path file) throws Exception;

  /**
   * Returns the format options every writer of this kit is opened with. Its keys must be among
   * {@link TableWriterProvider#optionKeys()}. Override it, for example in a second subclass, to run the whole kit with
   * a non-default option set (a compression codec, a delimiter).
   *
   * @return the options; default empty
   */
  protected FormatOptions formatOptions() {
    return FormatOptions.empty();
  }

  /**
   * Maps a written value to what {@link #readBack(Path)} returns for it. The written value is {@code null} or a
   * {@link Boolean}, {@link Long}, {@link Double}, {@link BigDecimal}, {@link String} (for {@code STRING} and
   * {@code JSON} columns), {@link Instant} ({@code TIMESTAMP}) or {@link LocalDate} ({@code DATE}). The result is
   * compared with the value read: {@link BigDecimal}s by {@link BigDecimal#compareTo} (so {@code 1.5} matches
   * {@code 1.500}), everything else by {@link Object#equals} (so {@code -0.0} does not match {@code 0.0}).
   *
   * @param column the column the value was written to (name, type, precision, scale)
   * @param value the written value, possibly {@code null}
   * @return the value the format's reader is expected to return; default: {@code value} itself
   */
  protected Object expected(Column column, Object value) {
    return value;
  }

  /**
   * Capability: whether the format has a representation for a column type that reads back as
   * {@link #expected(Column, Object)} says. Override only with a Javadoc comment stating why the format cannot. The
   * tests of that type are then aborted (reported, not passed) and the type is left out of mixed-type tests.
   *
   * @param type a column type
   * @return default {@code true}
   */
  protected boolean supportsType(ColumnType type) {
    return true;
  }

  /**
   * Capability: whether a file records the table's full, ordered column list even for columns that hold no value (a
   * header or an embedded schema). A format without one (JSON Lines: every row names its fields, and null fields may
   * be left out) returns {@code false}; its {@link #readBack(Path)} then returns the names of the fields it found, in
   * any order, and the kit accepts a missing column when every expected value in it is {@code null}, and matches
   * columns by name.
   *
   * @return default {@code true}
   */
  protected boolean recordsSchema() {
    return true;
  }

  /**
   * Known writer bugs, as test method name (e.g. {@code "write_failureDiscardsTheFile"}) to a description of the bug
   * and where it is tracked. Such a test still runs, and is expected to fail: a failure is reported as
   * <em>aborted</em> with the description, and a pass fails with "remove it from knownBugs()", so a fixed bug is
   * noticed (Jackson's and JUnit Pioneer's {@code @ExpectedToFail}). Never use it to hide a difference of the format;
   * use {@link #expected(Column, Object)} or a capability method for that.
   *
   * @return the known bugs; default none
   */
  protected Map<String, String> knownBugs() {
    return Map.of();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers for subclasses
  // ---------------------------------------------------------------------------------------------------------------

  /** @return this test's temporary directory, empty at the start of every test */
  protected final Path directory() {
    return tempDir;
  }

  /**
   * Returns the target path of a table in {@link #directory()}, with the provider's first file extension.
   *
   * @param name the file's base name
   * @return the path
   */
  protected final Path target(String name) {
    Iterator<String> ext = provider().fileExtensions().iterator();
    return tempDir.resolve(name + "." + ext.next());
  }

  /**
   * Opens a writer for a schema at a target, with {@link #formatOptions()}.
   *
   * @param schema the schema
   * @param target the final path
   * @return the open writer
   */
  protected final TableWriter open(TableSchema schema, Path target) {
    return provider().open(new WriterContext(schema, target, formatOptions()));
  }

  /**
   * Writes batches into one file and closes the writer.
   *
   * @param schema the schema the writer is opened with
   * @param batches the batches, in order
   * @return the published file
   */
  protected final Path write(TableSchema schema, RowBatch... batches) {
    Path target = target(schema.table());
    TableWriter writer = open(schema, target);
    try {
      for (RowBatch b : batches) {
        writer.write(b);
      }
    } catch (RuntimeException | Error e) {
      writer.abort();
      throw e;
    }
    writer.close();
    return target;
  }

  /**
   * Reads a file back and asserts that it holds exactly the given batches' rows, mapped by
   * {@link #expected(Column, Object)}, under the names of {@code schema} (the widest schema written).
   *
   * @param file the published file
   * @param schema the schema whose columns the file must have
   * @param batches the batches written, in order; rows of narrower batches expect {@code null} in missing columns
   */
  protected final void assertFileHolds(Path file, TableSchema schema, TestBatch... batches) {
    assertThat(file).as("published file").isRegularFile();
    ReadBack back;
    try {
      back = readBack(file);
    } catch (Exception e) {
      throw new AssertionError("the format's reader cannot read " + file + ": " + e, e);
    }
    assertThat(back).as("readBack(" + file.getFileName() + ")").isNotNull();
    List<String> names = schema.columnNames();
    int totalRows = Arrays.stream(batches).mapToInt(TestBatch::rowCount).sum();
    int[] index = new int[schema.size()];
    if (recordsSchema()) {
      assertThat(back.columnNames()).as("column names read back").containsExactlyElementsOf(names);
      for (int c = 0; c < index.length; c++) {
        index[c] = c;
      }
    } else {
      assertThat(names).as("column names read back must be columns of the table").containsAll(back.columnNames());
      for (int c = 0; c < index.length; c++) {
        index[c] = back.columnNames().indexOf(names.get(c));
      }
    }
    assertThat(back.rowCount()).as("rows read back").isEqualTo(totalRows);
    List<String> mismatches = new ArrayList<>();
    int row = 0;
    for (TestBatch batch : batches) {
      TableSchema bs = batch.schema();
      for (int r = 0; r < batch.rowCount(); r++, row++) {
        for (int c = 0; c < schema.size(); c++) {
          Column column = schema.column(c);
          int bc = bs.indexOf(column.name());
          Object written = bc < 0 ? null : batch.value(bc, r);
          Column writtenColumn = bc < 0 ? column : bs.column(bc);
          Object want = expected(writtenColumn, written);
          Object got = index[c] < 0 ? null : back.rows().get(row).get(index[c]);
          if (index[c] < 0 && want != null) {
            mismatches.add("column " + abbreviate(column.name()) + " is missing from the file but row " + row
                + " expects " + describe(want));
          } else if (!same(want, got)) {
            mismatches.add("row " + row + ", column " + abbreviate(column.name()) + " (" + writtenColumn.type()
                + describePrecision(writtenColumn) + "): wrote " + describe(written) + ", expected "
                + describe(want) + ", read " + describe(got));
          }
          if (mismatches.size() >= 25) {
            break;
          }
        }
      }
    }
    if (!mismatches.isEmpty()) {
      throw new AssertionError(provider().format() + ": " + mismatches.size() + (mismatches.size() >= 25 ? "+" : "")
          + " value(s) did not round-trip through " + file.getFileName() + ":\n  "
          + String.join("\n  ", mismatches));
    }
  }

  /**
   * Lists every entry of {@link #directory()}, hidden and temporary files included.
   *
   * @return the file names, sorted
   */
  protected final List<String> filesInDirectory() {
    try (Stream<Path> s = Files.list(tempDir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new AssertionError("cannot list " + tempDir + ": " + e, e);
    }
  }

  /**
   * Builds a schema for a main table.
   *
   * @param table the table name
   * @param columns the columns
   * @return the schema
   */
  protected static TableSchema schema(String table, Column... columns) {
    return TableSchema.of(table, null, List.of(columns));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Provider identity
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("format() is a non-blank, lower-case name without spaces")
  void provider_formatIsLowerCaseAndNotBlank() {
    String format = provider().format();
    assertThat(format).as("format()").isNotNull().isNotBlank();
    assertThat(format).as("format()").isEqualTo(format.toLowerCase(Locale.ROOT)).doesNotContainAnyWhitespaces();
  }

  @Test
  @DisplayName("fileExtensions() is non-empty, each extension non-blank and without a leading dot")
  void provider_fileExtensionsAreNonEmpty() {
    assertThat(provider().fileExtensions()).as("fileExtensions()").isNotNull().isNotEmpty();
    for (String ext : provider().fileExtensions()) {
      assertThat(ext).as("file extension").isNotBlank().doesNotStartWith(".").doesNotContainAnyWhitespaces();
    }
  }

  @Test
  @DisplayName("spiVersion() is the SPI version of the API the kit was built with")
  void provider_spiVersionIsCurrent() {
    assertThat(provider().spiVersion()).as("spiVersion()").isEqualTo(TableWriterProvider.SPI_VERSION);
  }

  @Test
  @DisplayName("description() is non-blank")
  void provider_descriptionIsNotBlank() {
    assertThat(provider().description()).as("description()").isNotBlank();
  }

  @Test
  @DisplayName("optionKeys() holds non-blank keys and formatOptions() uses only those keys")
  void provider_optionKeysAreWellFormed() {
    assertThat(provider().optionKeys()).as("optionKeys()").isNotNull();
    for (String key : provider().optionKeys()) {
      assertThat(key).as("option key").isNotBlank().doesNotContain("=").doesNotContainAnyWhitespaces();
    }
    assertThat(provider().optionKeys()).as("optionKeys() must contain every key of formatOptions()")
        .containsAll(formatOptions().keys());
  }

  @Test
  @DisplayName("the provider is found by ServiceLoader (META-INF/services or module-info provides)")
  void provider_isDiscoverableThroughServiceLoader() {
    Class<?> type = provider().getClass();
    List<String> found = new ArrayList<>();
    ClassLoader loader = type.getClassLoader();
    ServiceLoader<TableWriterProvider> services = type.getModule().isNamed() && type.getModule().getLayer() != null
        ? ServiceLoader.load(type.getModule().getLayer(), TableWriterProvider.class)
        : ServiceLoader.load(TableWriterProvider.class, loader);
    services.stream().forEach(p -> found.add(p.type().getName()));
    assertThat(found).as("providers found by ServiceLoader; add META-INF/services/"
        + TableWriterProvider.class.getName() + " listing " + type.getName())
        .contains(type.getName());
  }

  @Test
  @DisplayName("canAppend() accepts an identical schema")
  void provider_canAppendIdenticalSchema() {
    TableSchema s = schema("t", new Column("a", ColumnType.LONG), new Column("b", ColumnType.STRING));
    assertThat(provider().canAppend(s, schema("t", new Column("a", ColumnType.LONG),
        new Column("b", ColumnType.STRING)))).as("canAppend(s, equal s)").isTrue();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Round trips
  // ---------------------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{index} - {0}")
  @EnumSource(ColumnType.class)
  @DisplayName("one column of each type round-trips, nulls included")
  void roundTrip_eachTypeWithNulls(ColumnType type) {
    requireType(type);
    Column column = column("v", type);
    TableSchema schema = schema("single", new Column("id", ColumnType.LONG), column);
    TestBatch.Builder b = TestBatch.builder(schema);
    List<Object> values = ordinaryValues(type);
    long id = 0;
    for (Object v : values) {
      b.row(id++, v);
      b.row(id++, null);
    }
    TestBatch batch = b.build();
    assertFileHolds(write(schema, batch), schema, batch);
  }

  @ParameterizedTest(name = "{index} - {0}")
  @EnumSource(ColumnType.class)
  @DisplayName("a column of each type holding only nulls round-trips")
  void roundTrip_allNullColumnOfEachType(ColumnType type) {
    requireType(type);
    TableSchema schema = schema("nulls", new Column("id", ColumnType.LONG), column("v", type));
    TestBatch batch = TestBatch.builder(schema).row(1L, null).row(2L, null).row(3L, null).build();
    assertFileHolds(write(schema, batch), schema, batch);
  }

  @Test
  @DisplayName("a table with every column type, DECIMAL with precision and scale, round-trips with nulls")
  void roundTrip_everyColumnTypeTogether() {
    List<Column> columns = new ArrayList<>();
    for (ColumnType type : supportedTypes()) {
      columns.add(column(type.name().toLowerCase(Locale.ROOT), type));
    }
    TableSchema schema = TableSchema.of("all_types", null, columns);
    TestBatch.Builder b = TestBatch.builder(schema);
    for (int r = 0; r < SOME_ROWS; r++) {
      Object[] row = new Object[columns.size()];
      for (int c = 0; c < row.length; c++) {
        List<Object> values = ordinaryValues(columns.get(c).type());
        // a diagonal of nulls, so that every row and every column has some
        row[c] = (r + c) % 4 == 0 ? null : values.get((r + c) % values.size());
      }
      b.row(row);
    }
    b.row(new Object[columns.size()]);
    TestBatch batch = b.build();
    assertFileHolds(write(schema, batch), schema, batch);
  }

  @Test
  @DisplayName("a child table schema (with a parent) round-trips")
  void roundTrip_childTable() {
    TableSchema schema = TableSchema.of("orders_items", "orders",
        List.of(new Column("_id", ColumnType.STRING), new Column("_parent_id", ColumnType.STRING),
            new Column("sku", ColumnType.STRING), new Column("qty", ColumnType.LONG)));
    TestBatch batch = TestBatch.builder(schema).row("1.1", "1", "A-1", 2L).row("1.2", "1", "B-7", null).build();
    assertFileHolds(write(schema, batch), schema, batch);
  }

  @Test
  @DisplayName("many batches, an empty one among them, go into one file in order")
  void roundTrip_manyBatches() {
    TableSchema schema = schema("batches", new Column("id", ColumnType.LONG), new Column("text", ColumnType.STRING),
        new Column("x", ColumnType.DOUBLE));
    List<TestBatch> batches = new ArrayList<>();
    long id = 0;
    for (int i = 0; i < 10; i++) {
      TestBatch.Builder b = TestBatch.builder(schema);
      int rows = i == 3 ? 0 : 1000;
      for (int r = 0; r < rows; r++, id++) {
        b.row(id, id % 7 == 0 ? null : "row " + id, id * 0.5);
      }
      batches.add(b.build());
    }
    TestBatch[] all = batches.toArray(new TestBatch[0]);
    assertFileHolds(write(schema, all), schema, all);
  }

  @Test
  @DisplayName("an empty table (0 rows) publishes a readable file")
  void emptyTable_writesReadableFile() {
    List<Column> columns = new ArrayList<>();
    for (ColumnType type : supportedTypes()) {
      columns.add(column(type.name().toLowerCase(Locale.ROOT), type));
    }
    TableSchema schema = TableSchema.of("empty", null, columns);
    Path file = write(schema);
    assertThat(file).as("an empty table still publishes its file").isRegularFile();
    assertFileHolds(file, schema);
    assertThat(filesInDirectory()).containsExactly(file.getFileName().toString());
  }

  @Test
  @DisplayName("an empty table closed without any write() publishes a readable file")
  void emptyTable_withoutAnyWriteCall() {
    TableSchema schema = schema("never_written", new Column("a", ColumnType.LONG), new Column("b", ColumnType.STRING));
    Path target = target(schema.table());
    open(schema, target).close();
    assertFileHolds(target, schema);
  }

  @Test
  @DisplayName("unicode (CJK, emoji, combining marks, RTL) and 1,000-character column names round-trip")
  void columnNames_unicodeAndVeryLong() {
    String longAscii = "c".repeat(999) + "z";
    StringBuilder longUnicode = new StringBuilder();
    while (longUnicode.length() < 998) {
      longUnicode.append("名前é😀");
    }
    longUnicode.setLength(998);
    if (Character.isHighSurrogate(longUnicode.charAt(997))) {
      longUnicode.setLength(997);
    }
    while (longUnicode.length() < 1000) {
      longUnicode.append('x');
    }
    TableSchema schema = schema("名前_表😀",
        new Column("名前", ColumnType.STRING),
        new Column("列😀emoji", ColumnType.LONG),
        new Column("ünïcödé", ColumnType.DOUBLE),
        new Column("e\u0301combining", ColumnType.BOOLEAN),
        new Column("עברית", ColumnType.STRING),
        new Column(longAscii, ColumnType.LONG),
        new Column(longUnicode.toString(), ColumnType.STRING));
    TestBatch batch = TestBatch.builder(schema)
        .row("値", 1L, 1.5, true, "שלום", 7L, "😀")
        .row(null, null, null, null, null, null, null)
        .build();
    Path file = write(schema, batch);
    assertFileHolds(file, schema, batch);
  }

  @Test
  @DisplayName("a table with 1,200 columns of mixed types round-trips")
  void wideTable_moreThan1000Columns() {
    List<ColumnType> types = supportedTypes();
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < 1200; c++) {
      ColumnType type = types.get(c % types.size());
      columns.add(column(String.format(Locale.ROOT, "col_%04d_%s", c, type.name().toLowerCase(Locale.ROOT)), type));
    }
    TableSchema schema = TableSchema.of("wide", null, columns);
    TestBatch.Builder b = TestBatch.builder(schema);
    for (int r = 0; r < 5; r++) {
      Object[] row = new Object[columns.size()];
      for (int c = 0; c < row.length; c++) {
        List<Object> values = ordinaryValues(columns.get(c).type());
        row[c] = (r + c) % 5 == 0 ? null : values.get((r * 7 + c) % values.size());
      }
      b.row(row);
    }
    TestBatch batch = b.build();
    assertFileHolds(write(schema, batch), schema, batch);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Values at their limits
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("LONG: Long.MIN_VALUE, Long.MAX_VALUE, 0, ±1, ±2^53+1")
  void limits_long() {
    assertLimits(new Column("v", ColumnType.LONG), Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L,
        (1L << 53) + 1, -(1L << 53) - 1, (long) Integer.MAX_VALUE + 1);
  }

  @Test
  @DisplayName("DOUBLE: ±Double.MAX_VALUE, ±Double.MIN_VALUE, MIN_NORMAL, -0.0, 0.0, 0.1, 1e-300, 2^53")
  void limits_double() {
    assertLimits(new Column("v", ColumnType.DOUBLE), Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.MIN_NORMAL, -0.0, 0.0, 0.1, -0.1, 1e-300, 1e300, 9007199254740992.0,
        123456.789e-3, 1.0 / 3);
  }

  @Test
  @DisplayName("DECIMAL(38,10): the largest and smallest values, the tiniest step, zero, and fewer digits than the scale")
  void limits_decimal38() {
    requireType(ColumnType.DECIMAL);
    String nines = "9".repeat(28) + "." + "9".repeat(10);
    assertLimits(new Column("v", ColumnType.DECIMAL, 38, 10), new BigDecimal(nines), new BigDecimal("-" + nines),
        new BigDecimal("0.0000000001"), new BigDecimal("-0.0000000001"), new BigDecimal("0E-10"),
        new BigDecimal("1.5"), new BigDecimal("-12345678901234567890.0123456789"), new BigDecimal("42"));
  }

  @Test
  @DisplayName("DECIMAL(18,0) and DECIMAL(9,9): integral decimals beyond a long's digits, and a scale equal to the precision")
  void limits_decimalSmallPrecisions() {
    requireType(ColumnType.DECIMAL);
    TableSchema schema = schema("decimals", new Column("int18", ColumnType.DECIMAL, 18, 0),
        new Column("frac9", ColumnType.DECIMAL, 9, 9), new Column("mid", ColumnType.DECIMAL, 20, 4));
    TestBatch batch = TestBatch.builder(schema)
        .row(new BigDecimal("999999999999999999"), new BigDecimal("0.999999999"), new BigDecimal("1234567890123456.7890"))
        .row(new BigDecimal("-999999999999999999"), new BigDecimal("-0.000000001"), new BigDecimal("-0.0001"))
        .row(BigDecimal.ZERO, new BigDecimal("0.000000000"), null)
        .build();
    assertFileHolds(write(schema, batch), schema, batch);
  }

  @Test
  @DisplayName("DECIMAL(60,20): more digits than 38 (formats capped at 38 fall back to text) round-trip exactly")
  void limits_decimalBeyond38Digits() {
    requireType(ColumnType.DECIMAL);
    String big = "1234567890".repeat(4) + "." + "0987654321".repeat(2);
    assertLimits(new Column("v", ColumnType.DECIMAL, 60, 20), new BigDecimal(big), new BigDecimal("-" + big),
        new BigDecimal("0." + "0".repeat(19) + "1"), new BigDecimal("1E+39"));
  }

  @Test
  @DisplayName("STRING: empty, 100,000 characters, control characters, quotes, separators, padding, BOM, surrogate pairs")
  void limits_string() {
    StringBuilder control = new StringBuilder();
    for (char ch = 0; ch < 0x20; ch++) {
      control.append(ch);
    }
    control.append('\u007f');
    assertLimits(new Column("v", ColumnType.STRING), "", " ", "  padded  ", "x".repeat(100_000),
        "名前😀".repeat(5_000), control.toString(), "line1\nline2\r\nline3\rline4", "tab\there", "nul\u0000byte",
        "\"double\" 'single' `back`", "\"", "\"\"", ",;|\t", "a|b\\|c\\", "\\", "\uFEFFbom", "=1+2", "-3", "+4",
        "@sum", "null", "NULL", "true", "123", "1e5", "{\"not\":\"json\"}", "<b>&amp;</b>", "# heading", "- item",
        "\u2028\u2029", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67");
  }

  @Test
  @DisplayName("JSON: objects, arrays, nesting, scalars, escapes and unicode as JSON text")
  void limits_json() {
    assertLimits(new Column("v", ColumnType.JSON), "{}", "[]", "[1,\"a\",null,true,1.5]",
        "{\"a\":{\"b\":[true,false,{\"c\":null}]}}", "\"a string\"", "123", "-0.5", "true",
        "{\"quote\":\"\\\"\",\"nl\":\"\\n\",\"u\":\"\\u0000\"}", "[\"名前\",\"😀\"]",
        "[" + "1,".repeat(5_000) + "1]", "[".repeat(100) + "]".repeat(100));
  }

  @Test
  @DisplayName("STRING and JSON text: 1- to 4-byte UTF-8, empty, quotes, commas, CR/LF, padding, on either side of"
      + " multi-byte characters")
  void limits_textOfEveryUtf8Width() {
    // Writers copy text as the UTF-8 bytes the batch hands over (RowBatch.getUtf8); decisions such as quoting are then
    // taken on bytes, where a multi-byte character at the start or end of a value, or next to a special character,
    // is the edge case. TestBatch implements getUtf8 with its own encoder.
    String[] strings = {
      "", "a", "é", "東", "😀", "aé東😀", "😀東éa", "ß", "€", "\u007F", "\u0080", "\u07FF", "\u0800", "\uFFFD", "\uFFFF",
      "\uD800\uDC00", "\uDBFF\uDFFF", "\"", "\"\"", "\"quoted\"", "say \"hi\", twice", "\"😀\"", "é\"", "\"東",
      ",", "a,b", ",leading", "trailing,", "東,京", "😀,", ",é", "\r\n", "\r", "\n", "line1\nline2", "cr\rthen\nlf",
      "東\r\n京", "😀\n", "\né", " ", "  ", " leading", "trailing ", " both ", "\ttab", "tab\t", "é ", " é", " 😀", "😀 ",
      "#é", "$東", "=1+2", "-1", "@x", "'q", "a|b", "x".repeat(1000) + "é", "é😀東a".repeat(20_000)
    };
    String[] json = {
      "\"\"", "\"a\"", "\"é\"", "\"東\"", "\"😀\"", "[\"aé東😀\",\"😀東éa\"]", "{\"q\":\"\\\"quoted\\\"\"}",
      "{\"a\":\"x,y\",\"b\":[1,2]}", "\"line1\\nline2\\r\\n\"", "\" padded \"", "{\"k\":\" \",\"v\":\"\\t\"}",
      "[\"東,京\",\"😀 \"]", "{\"😀\":\"é\"}", "[\"\\u0000\",\"\\ud83d\\ude00\"]", "{}", "[]",
      "[" + "\"é😀\",".repeat(5_000) + "1]"
    };
    TableSchema schema = schema("utf8", new Column("id", ColumnType.LONG), new Column("s", ColumnType.STRING),
        new Column("j", ColumnType.JSON));
    TestBatch.Builder b = TestBatch.builder(schema);
    long id = 0;
    for (int i = 0; i < strings.length; i++) {
      b.row(id++, strings[i], json[i % json.length]);
      b.row(id++, null, json[(i + 3) % json.length]);
      b.row(id++, strings[strings.length - 1 - i], null);
    }
    b.row(id, null, null);
    TestBatch batch = b.build();
    assertFileHolds(write(schema, batch), schema, batch);
  }

  @Test
  @DisplayName("TIMESTAMP: year 1 and 9999, the epoch and a microsecond either side, 1582 and 1900, 2038")
  void limits_timestamp() {
    requireType(ColumnType.TIMESTAMP);
    assertLimits(new Column("v", ColumnType.TIMESTAMP), Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("1970-01-01T00:00:00.000001Z"), Instant.parse("1582-10-04T12:00:00Z"),
        Instant.parse("1582-10-15T00:00:00Z"), Instant.parse("1900-01-01T00:00:00.000001Z"),
        Instant.parse("2038-01-19T03:14:08Z"), Instant.parse("2024-02-29T23:59:59.123456Z"));
  }

  @Test
  @DisplayName("DATE: 0001-01-01, 9999-12-31, the epoch and the day before, the 1582 calendar switch, leap days")
  void limits_date() {
    requireType(ColumnType.DATE);
    assertLimits(new Column("v", ColumnType.DATE), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
        LocalDate.EPOCH, LocalDate.of(1969, 12, 31), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 15),
        LocalDate.of(1900, 2, 28), LocalDate.of(2000, 2, 29), LocalDate.of(2024, 2, 29));
  }

  @Test
  @DisplayName("BOOLEAN: true, false and null")
  void limits_boolean() {
    assertLimits(new Column("v", ColumnType.BOOLEAN), true, false, true, false);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Schema growth
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("columns added later go on in the same file when canAppend() says so, else into a second part")
  void schemaGrowth_addedColumns() {
    TableSchema first = schema("grow", new Column("id", ColumnType.LONG), new Column("name", ColumnType.STRING));
    TableSchema grown = schema("grow", new Column("id", ColumnType.LONG), new Column("name", ColumnType.STRING),
        new Column("score", ColumnType.DOUBLE), new Column("tag", ColumnType.STRING));
    TestBatch a = TestBatch.builder(first).row(1L, "one").row(2L, null).build();
    TestBatch b = TestBatch.builder(grown).row(3L, "three", 3.5, "x").row(4L, null, null, "").build();
    assertGrowth(first, grown, a, b);
  }

  @Test
  @DisplayName("a widened column type (LONG to DOUBLE) goes on in the same file when canAppend() says so, else a part")
  void schemaGrowth_widenedType() {
    TableSchema first = schema("widen", new Column("id", ColumnType.LONG), new Column("n", ColumnType.LONG));
    TableSchema widened = schema("widen", new Column("id", ColumnType.LONG), new Column("n", ColumnType.DOUBLE));
    TestBatch a = TestBatch.builder(first).row(1L, 10L).row(2L, null).build();
    TestBatch b = TestBatch.builder(widened).row(3L, 2.5).row(4L, -0.0).build();
    assertGrowth(first, widened, a, b);
  }

  @Test
  @DisplayName("reordered columns go on in the same file when canAppend() says so, else into a second part")
  void schemaGrowth_reorderedColumns() {
    TableSchema first = schema("reorder", new Column("a", ColumnType.LONG), new Column("b", ColumnType.STRING));
    TableSchema swapped = schema("reorder", new Column("b", ColumnType.STRING), new Column("a", ColumnType.LONG));
    TestBatch x = TestBatch.builder(first).row(1L, "one").build();
    TestBatch y = TestBatch.builder(swapped).row("two", 2L).row(null, 3L).build();
    assertGrowth(first, swapped, x, y);
  }

  private void assertGrowth(TableSchema first, TableSchema next, TestBatch a, TestBatch b) {
    if (provider().canAppend(first, next)) {
      Path file = write(first, a, b);
      // the file holds the next schema's columns, then any of the first schema's it dropped
      List<Column> all = new ArrayList<>(next.columns());
      for (Column c : first.columns()) {
        if (next.indexOf(c.name()) < 0) {
          all.add(c);
        }
      }
      assertFileHolds(file, TableSchema.of(next.table(), null, all), a, b);
      assertThat(filesInDirectory()).as("one part").containsExactly(file.getFileName().toString());
    } else {
      Path part1 = target(first.table() + "-00001");
      TableWriter w1 = open(first, part1);
      w1.write(a);
      w1.close();
      Path part2 = target(next.table() + "-00002");
      TableWriter w2 = open(next, part2);
      w2.write(b);
      w2.close();
      assertFileHolds(part1, first, a);
      assertFileHolds(part2, next, b);
      assertThat(filesInDirectory()).as("two parts")
          .containsExactly(part1.getFileName().toString(), part2.getFileName().toString());
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Atomic output: close, abort, failure
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("nothing appears under the final name before close(), and close() leaves no temporary file")
  void close_publishesAtomically() {
    TableSchema schema = someSchema("atomic");
    Path target = target(schema.table());
    TableWriter writer = open(schema, target);
    TestBatch batch = someRows(schema, SOME_ROWS);
    writer.write(batch);
    assertThat(target).as("the final name before close()").doesNotExist();
    writer.close();
    assertThat(filesInDirectory()).as("files after close()").containsExactly(target.getFileName().toString());
    assertFileHolds(target, schema, batch);
  }

  @Test
  @DisplayName("close() twice is safe and publishes the file once")
  void close_twiceIsSafe() {
    TableSchema schema = someSchema("twice");
    Path target = target(schema.table());
    TableWriter writer = open(schema, target);
    TestBatch batch = someRows(schema, SOME_ROWS);
    writer.write(batch);
    writer.close();
    assertThatCode(writer::close).as("second close()").doesNotThrowAnyException();
    assertThat(filesInDirectory()).containsExactly(target.getFileName().toString());
    assertFileHolds(target, schema, batch);
  }

  @Test
  @DisplayName("abort() after writes leaves no file at all, neither final nor temporary")
  void abort_leavesNoFile() {
    TableSchema schema = someSchema("aborted");
    Path target = target(schema.table());
    TableWriter writer = open(schema, target);
    writer.write(someRows(schema, SOME_ROWS));
    writer.write(someRows(schema, SOME_ROWS));
    writer.abort();
    assertThat(filesInDirectory()).as("files after abort()").isEmpty();
  }

  @Test
  @DisplayName("abort() right after open() leaves no file")
  void abort_beforeAnyWrite() {
    TableSchema schema = someSchema("aborted_early");
    TableWriter writer = open(schema, target(schema.table()));
    writer.abort();
    assertThat(filesInDirectory()).as("files after abort()").isEmpty();
  }

  @Test
  @DisplayName("abort() twice is safe")
  void abort_twiceIsSafe() {
    TableSchema schema = someSchema("aborted_twice");
    TableWriter writer = open(schema, target(schema.table()));
    writer.write(someRows(schema, 3));
    writer.abort();
    assertThatCode(writer::abort).as("second abort()").doesNotThrowAnyException();
    assertThat(filesInDirectory()).isEmpty();
  }

  @Test
  @DisplayName("close() after abort() publishes nothing and does not throw")
  void close_afterAbortPublishesNothing() {
    TableSchema schema = someSchema("abort_then_close");
    TableWriter writer = open(schema, target(schema.table()));
    writer.write(someRows(schema, SOME_ROWS));
    writer.abort();
    assertThatCode(writer::close).as("close() after abort()").doesNotThrowAnyException();
    assertThat(filesInDirectory()).as("files after abort() and close()").isEmpty();
  }

  @Test
  @DisplayName("abort() leaves an existing file under the target name untouched")
  void abort_keepsAnEarlierFileUnderTheTargetName() throws IOException {
    TableSchema schema = someSchema("existing");
    Path target = target(schema.table());
    Files.writeString(target, "earlier run");
    TableWriter writer = open(schema, target);
    writer.write(someRows(schema, 3));
    writer.abort();
    assertThat(filesInDirectory()).containsExactly(target.getFileName().toString());
    assertThat(Files.readString(target)).isEqualTo("earlier run");
  }

  @Test
  @DisplayName("write() after close() throws IllegalStateException")
  void write_afterCloseThrowsIllegalState() {
    TableSchema schema = someSchema("closed");
    Path target = target(schema.table());
    TableWriter writer = open(schema, target);
    TestBatch batch = someRows(schema, 3);
    writer.write(batch);
    writer.close();
    assertThatThrownBy(() -> writer.write(someRows(schema, 2))).isInstanceOf(IllegalStateException.class);
    assertFileHolds(target, schema, batch);
  }

  @Test
  @DisplayName("write() after abort() throws IllegalStateException and publishes nothing")
  void write_afterAbortThrowsIllegalState() {
    TableSchema schema = someSchema("aborted_write");
    TableWriter writer = open(schema, target(schema.table()));
    writer.abort();
    assertThatThrownBy(() -> writer.write(someRows(schema, 2))).isInstanceOf(IllegalStateException.class);
    writer.close();
    assertThat(filesInDirectory()).isEmpty();
  }

  @Test
  @DisplayName("when write() fails, the file is discarded at once and a later close() publishes nothing")
  void write_failureDiscardsTheFile() {
    TableSchema schema = someSchema("failing");
    TableWriter writer = open(schema, target(schema.table()));
    writer.write(someRows(schema, 3));
    RuntimeException boom = new IllegalStateException("kit: a RowBatch getter failed on purpose");
    RowBatch failing = new FailingBatch(someRows(schema, 10), 5, boom);
    assertThatThrownBy(() -> writer.write(failing)).as("write() of a batch whose getter throws")
        .satisfies(e -> assertThat(causes(e)).as("the getter's exception, or one caused by it").contains(boom));
    assertThat(filesInDirectory()).as("files right after the failed write()").isEmpty();
    try {
      writer.close();
    } catch (RuntimeException expected) {
      // the contract allows close() to report the earlier failure once
    }
    assertThatCode(writer::close).as("close() again").doesNotThrowAnyException();
    assertThat(filesInDirectory()).as("files after close()").isEmpty();
  }

  @Test
  @DisplayName("bytesWritten() is -1, or grows monotonically and never exceeds the published size")
  void bytesWritten_isMonotonic() throws IOException {
    TableSchema schema = someSchema("bytes");
    Path target = target(schema.table());
    TableWriter writer = open(schema, target);
    List<Long> seen = new ArrayList<>();
    seen.add(writer.bytesWritten());
    for (int i = 0; i < 5; i++) {
      writer.write(someRows(schema, 2000));
      seen.add(writer.bytesWritten());
    }
    writer.close();
    if (seen.stream().allMatch(v -> v == -1)) {
      return; // the writer cannot tell, which the contract allows
    }
    assertThat(seen).as("bytesWritten() after open and after each write").doesNotContain(-1L).isSorted();
    assertThat(seen.get(0)).as("bytesWritten() after open").isGreaterThanOrEqualTo(0);
    assertThat(seen.get(seen.size() - 1)).as("bytesWritten() before close, vs. the published size")
        .isLessThanOrEqualTo(Files.size(target));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Options and concurrency
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("opening with formatOptions() works and the file reads back")
  void open_withFormatOptions() {
    TableSchema schema = someSchema("options");
    TestBatch batch = someRows(schema, SOME_ROWS);
    Path target = target(schema.table());
    TableWriter writer = provider().open(new WriterContext(schema, target, formatOptions()));
    writer.write(batch);
    writer.close();
    assertFileHolds(target, schema, batch);
  }

  @Test
  @DisplayName("open() into a missing directory throws WriterException and creates nothing")
  void open_inMissingDirectoryThrowsWriterException() {
    TableSchema schema = someSchema("nowhere");
    Path target = directory().resolve("missing").resolve(target(schema.table()).getFileName());
    assertThatThrownBy(() -> open(schema, target).abort()).isInstanceOf(WriterException.class);
    assertThat(filesInDirectory()).isEmpty();
  }

  @Test
  @DisplayName("the same provider instance opens several writers at once, interleaved on one thread")
  void open_severalWritersInterleaved() {
    TableWriterProvider provider = provider();
    TableSchema s1 = someSchema("left");
    TableSchema s2 = schema("right", new Column("k", ColumnType.STRING), new Column("v", ColumnType.LONG));
    Path t1 = target(s1.table());
    Path t2 = target(s2.table());
    TableWriter w1 = provider.open(new WriterContext(s1, t1, formatOptions()));
    TableWriter w2 = provider.open(new WriterContext(s2, t2, formatOptions()));
    TestBatch a1 = someRows(s1, 10);
    TestBatch b1 = TestBatch.builder(s2).row("a", 1L).row("b", null).build();
    TestBatch a2 = someRows(s1, 3);
    TestBatch b2 = TestBatch.builder(s2).row("c", 3L).build();
    w1.write(a1);
    w2.write(b1);
    w1.write(a2);
    w2.write(b2);
    w2.close();
    w1.close();
    assertFileHolds(t1, s1, a1, a2);
    assertFileHolds(t2, s2, b1, b2);
  }

  @Test
  @DisplayName("4 threads, each writing its own table with its own writer, all publish correct files")
  void concurrentWriters_differentTablesOnDifferentThreads() throws Exception {
    int threads = 4;
    TableWriterProvider provider = provider();
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        Callable<Object[]> task = () -> {
          TableSchema schema = schema("thread_" + n, new Column("id", ColumnType.LONG),
              new Column("thread", ColumnType.STRING), new Column("x", ColumnType.DOUBLE),
              new Column("flag", ColumnType.BOOLEAN));
          Path target = target(schema.table());
          List<TestBatch> batches = new ArrayList<>();
          start.await(30, TimeUnit.SECONDS);
          TableWriter writer = provider.open(new WriterContext(schema, target, formatOptions()));
          try {
            for (int b = 0; b < 20; b++) {
              TestBatch.Builder builder = TestBatch.builder(schema);
              for (int r = 0; r < 250; r++) {
                long id = b * 250L + r;
                builder.row(id, "t" + n + "-" + id, n + id / 1000.0, (id + n) % 3 == 0 ? null : id % 2 == 0);
              }
              TestBatch batch = builder.build();
              batches.add(batch);
              writer.write(batch);
              Thread.yield();
            }
          } catch (RuntimeException | Error e) {
            writer.abort();
            throw e;
          }
          writer.close();
          return new Object[] {target, schema, batches.toArray(new TestBatch[0])};
        };
        results.add(pool.submit(task));
      }
      for (Future<Object[]> f : results) {
        Object[] r = f.get(120, TimeUnit.SECONDS);
        assertFileHolds((Path) r[0], (TableSchema) r[1], (TestBatch[]) r[2]);
      }
      assertThat(filesInDirectory()).as("exactly one file per table").hasSize(threads);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Test data
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Returns a column of a type, with a precision and scale for {@code DECIMAL} (20, 4) as the engine would infer it.
   *
   * @param name the column name
   * @param type the type
   * @return the column
   */
  protected static Column column(String name, ColumnType type) {
    return type == ColumnType.DECIMAL ? new Column(name, type, 20, 4) : new Column(name, type);
  }

  /**
   * Returns ordinary, non-null values of a type, as {@link TestBatch} takes them; {@code DECIMAL} values fit
   * {@code DECIMAL(20,4)}.
   *
   * @param type the type
   * @return a few distinct values
   */
  protected static List<Object> ordinaryValues(ColumnType type) {
    switch (type) {
      case BOOLEAN:
        return List.of(true, false);
      case LONG:
        return List.of(0L, 1L, -42L, 1_234_567_890_123L);
      case DOUBLE:
        return List.of(0.5, -1.25, 3.141592653589793, 1e20);
      case DECIMAL:
        return List.of(new BigDecimal("1234567890123456.7890"), new BigDecimal("-0.0001"), new BigDecimal("42.5000"),
            new BigDecimal("0.0000"));
      case STRING:
        return List.of("hello", "", "with, comma", "quote \" inside", "名前😀");
      case JSON:
        return List.of("[1,2,3]", "{\"a\":\"b\"}", "[\"x\",{\"y\":null}]", "{\"n\":{\"m\":[]}}");
      case TIMESTAMP:
        return List.of(Instant.parse("2024-05-06T07:08:09.123456Z"), Instant.EPOCH,
            Instant.parse("1999-12-31T23:59:59Z"));
      case DATE:
        return List.of(LocalDate.of(2024, 5, 6), LocalDate.EPOCH, LocalDate.of(1999, 12, 31));
      default:
        throw new IllegalArgumentException("no values for " + type);
    }
  }

  private List<ColumnType> supportedTypes() {
    List<ColumnType> types = new ArrayList<>();
    for (ColumnType type : ColumnType.values()) {
      if (supportsType(type)) {
        types.add(type);
      }
    }
    return types;
  }

  private void requireType(ColumnType type) {
    if (!supportsType(type)) {
      Assumptions.abort(provider().format() + " declares supportsType(" + type + ") == false; see the override's "
          + "Javadoc for the reason");
    }
  }

  private void assertLimits(Column column, Object... values) {
    requireType(column.type());
    TableSchema schema = schema("limits", new Column("id", ColumnType.LONG), column);
    TestBatch.Builder b = TestBatch.builder(schema);
    long id = 0;
    for (Object v : values) {
      b.row(id++, v);
    }
    b.row(id, null);
    TestBatch batch = b.build();
    assertFileHolds(write(schema, batch), schema, batch);
  }

  private static TableSchema someSchema(String table) {
    return schema(table, new Column("id", ColumnType.LONG), new Column("name", ColumnType.STRING),
        new Column("amount", ColumnType.DOUBLE), new Column("ok", ColumnType.BOOLEAN));
  }

  private static TestBatch someRows(TableSchema schema, int rows) {
    TestBatch.Builder b = TestBatch.builder(schema);
    for (int r = 0; r < rows; r++) {
      b.row((long) r, r % 5 == 0 ? null : "name " + r, r * 1.5, r % 3 == 0 ? null : r % 2 == 0);
    }
    return b.build();
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
      chain.add(c);
    }
    return chain;
  }

  private static boolean same(Object want, Object got) {
    if (want instanceof BigDecimal && got instanceof BigDecimal) {
      return ((BigDecimal) want).compareTo((BigDecimal) got) == 0;
    }
    return want == null ? got == null : want.equals(got);
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    String text = v instanceof String ? quote((String) v) : String.valueOf(v);
    return abbreviate(text) + " <" + v.getClass().getSimpleName() + ">";
  }

  private static String describePrecision(Column c) {
    return c.type() == ColumnType.DECIMAL ? "(" + c.precision() + "," + c.scale() + ")" : "";
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch == 0x7f) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
      } else if (ch == '"' || ch == '\\') {
        out.append('\\').append(ch);
      } else {
        out.append(ch);
      }
    }
    return out.append('"').toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 100) + "…(" + s.length() + " chars)";
  }

  /**
   * A batch whose every getter throws from a given row on, like an engine bug or a failing source. Every getter is
   * forwarded to the {@link TestBatch}, {@code getUtf8Length} and {@code getUtf8} included (not the interface's
   * defaults, which would read {@code getString}), so a writer that copies text as UTF-8 meets the failure there.
   */
  private static final class FailingBatch implements RowBatch {
    private final TestBatch delegate;
    private final int failFrom;
    private final RuntimeException failure;

    FailingBatch(TestBatch delegate, int failFrom, RuntimeException failure) {
      this.delegate = delegate;
      this.failFrom = failFrom;
      this.failure = failure;
    }

    private void check(int row) {
      if (row >= failFrom) {
        throw failure;
      }
    }

    @Override
    public TableSchema schema() {
      return delegate.schema();
    }

    @Override
    public int rowCount() {
      return delegate.rowCount();
    }

    @Override
    public boolean isNull(int column, int row) {
      check(row);
      return delegate.isNull(column, row);
    }

    @Override
    public boolean getBoolean(int column, int row) {
      check(row);
      return delegate.getBoolean(column, row);
    }

    @Override
    public long getLong(int column, int row) {
      check(row);
      return delegate.getLong(column, row);
    }

    @Override
    public double getDouble(int column, int row) {
      check(row);
      return delegate.getDouble(column, row);
    }

    @Override
    public BigDecimal getDecimal(int column, int row) {
      check(row);
      return delegate.getDecimal(column, row);
    }

    @Override
    public String getString(int column, int row) {
      check(row);
      return delegate.getString(column, row);
    }

    @Override
    public int getUtf8Length(int column, int row) {
      check(row);
      return delegate.getUtf8Length(column, row);
    }

    @Override
    public int getUtf8(int column, int row, byte[] dst, int offset) {
      check(row);
      return delegate.getUtf8(column, row, dst, offset);
    }

    @Override
    public Object getValue(int column, int row) {
      check(row);
      return delegate.getValue(column, row);
    }
  }
}
