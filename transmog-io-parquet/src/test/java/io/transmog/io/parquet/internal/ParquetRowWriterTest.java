package io.transmog.io.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.parquet.ParquetOptions;
import io.transmog.io.parquet.internal.ParquetSchemaMapper.ColumnPlan;
import io.transmog.io.tck.Utf8TextBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The writer drives Parquet Java's column writers itself ({@link ParquetRowWriter}, {@link CellWriter}), chooses
 * dictionaries per column and caches repeated text; none of that may change a byte of the file. The oracle is Parquet
 * Java's own {@link ParquetWriter} with a plain {@link WriteSupport} pushing the same rows through its record consumer,
 * as the plugin did before.
 */
class ParquetRowWriterTest {
  private static final int ROWS = 30_000;

  @TempDir Path dir;

  static Stream<Arguments> options() {
    return Stream.of(
        Arguments.of(Map.of()),
        // many row groups and pages: the row-group size check and the flush must match ParquetWriter's
        Arguments.of(Map.of(ParquetOptions.ROW_GROUP_SIZE, "64k", ParquetOptions.PAGE_SIZE, "4k")),
        Arguments.of(Map.of(ParquetOptions.ROW_GROUP_SIZE, "1m", ParquetOptions.COMPRESSION, "gzip")),
        Arguments.of(Map.of(ParquetOptions.COMPRESSION, "snappy", ParquetOptions.ZSTD_LEVEL, "9")),
        Arguments.of(Map.of(ParquetOptions.COMPRESSION, "uncompressed", ParquetOptions.DICTIONARY, "false")));
  }

  @ParameterizedTest(name = "{index} - {0}")
  @MethodSource("options")
  void writesByteForByteWhatParquetWriterWrites(Map<String, String> options) throws IOException {
    TableSchema schema = TableSchema.of("orders_items", null, List.of(
        new Column("_id", ColumnType.STRING), new Column("_parent_id", ColumnType.STRING),
        new Column("status", ColumnType.STRING), new Column("name", ColumnType.STRING),
        new Column("n", ColumnType.LONG), new Column("qty", ColumnType.LONG), new Column("price", ColumnType.DOUBLE),
        new Column("weight", ColumnType.DOUBLE), new Column("flag", ColumnType.BOOLEAN),
        new Column("ts", ColumnType.TIMESTAMP), new Column("day", ColumnType.DATE),
        new Column("amount", ColumnType.DECIMAL, 9, 2), new Column("big", ColumnType.DECIMAL, 18, 4),
        new Column("doc", ColumnType.JSON)));
    Object[][] rows = rows(schema);

    Path ours = dir.resolve("ours.parquet");
    try (TableWriter writer = new ParquetWriterProvider().open(
        new WriterContext(schema, ours, FormatOptions.of(options)))) {
      for (int from = 0; from < rows.length; from += 1000) {
        writer.write(new Rows(schema, rows, from, Math.min(1000, rows.length - from)));
      }
    }
    Path theirs = dir.resolve("theirs.parquet");
    writeWithParquetWriter(theirs, schema, ParquetOptions.parse(FormatOptions.of(options)), rows);

    assertThat(Files.size(ours)).isGreaterThan(1000);
    assertThat(Files.mismatch(ours, theirs)).as("first differing byte").isEqualTo(-1L);
  }

  /**
   * The engine's batches keep text as UTF-8 and make a {@code String} only when asked: the writer must take every text
   * cell ({@code STRING}, {@code JSON}, and a decimal too wide for a fixed-size one) through {@code getUtf8}, and the
   * file must be the same. The batch here fails on any {@code getString} call.
   */
  @ParameterizedTest(name = "{index} - {0}")
  @MethodSource("options")
  void readsTextOnlyAsUtf8AndWritesTheSameBytes(Map<String, String> options) throws IOException {
    TableSchema narrow = TableSchema.of("orders_items", null, List.of(
        new Column("_id", ColumnType.STRING), new Column("_parent_id", ColumnType.STRING),
        new Column("status", ColumnType.STRING), new Column("name", ColumnType.STRING),
        new Column("n", ColumnType.LONG), new Column("qty", ColumnType.LONG), new Column("price", ColumnType.DOUBLE),
        new Column("weight", ColumnType.DOUBLE), new Column("flag", ColumnType.BOOLEAN),
        new Column("ts", ColumnType.TIMESTAMP), new Column("day", ColumnType.DATE),
        new Column("amount", ColumnType.DECIMAL, 9, 2), new Column("big", ColumnType.DECIMAL, 18, 4),
        new Column("doc", ColumnType.JSON)));
    List<Column> columns = new java.util.ArrayList<>(narrow.columns());
    columns.add(new Column("huge", ColumnType.DECIMAL, 60, 10));
    columns.add(new Column("note", ColumnType.STRING));
    TableSchema schema = TableSchema.of("orders_items", null, columns);
    Object[][] narrowRows = rows(narrow);
    SplittableRandom random = new SplittableRandom(8);
    Object[][] rows = new Object[narrowRows.length][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = java.util.Arrays.copyOf(narrowRows[r], schema.size());
      rows[r][schema.size() - 2] = random.nextInt(10) == 0 ? null
          : new BigDecimal(new java.math.BigInteger(150, new java.util.Random(r)), 10);
      // empty, long (beyond the writer's first buffer) and multi-byte text, some of it repeated
      rows[r][schema.size() - 1] = r % 11 == 0 ? "" : r % 97 == 0 ? "長い".repeat(3000) + r
          : r % 3 == 0 ? "note \uD83D\uDE00 " + (r % 50) : null;
    }

    Path ours = dir.resolve("ours.parquet");
    try (TableWriter writer = new ParquetWriterProvider().open(
        new WriterContext(schema, ours, FormatOptions.of(options)))) {
      for (int from = 0; from < rows.length; from += 1000) {
        writer.write(new Rows(schema, rows, from, Math.min(1000, rows.length - from), true));
      }
    }
    Path theirs = dir.resolve("theirs.parquet");
    writeWithParquetWriter(theirs, schema, ParquetOptions.parse(FormatOptions.of(options)), rows);

    assertThat(Files.mismatch(ours, theirs)).as("first differing byte").isEqualTo(-1L);
  }

  /** Unique IDs, repeated parents, few statuses, a few hundred (non-ASCII) names, nulls everywhere but in the IDs. */
  private static Object[][] rows(TableSchema schema) {
    SplittableRandom random = new SplittableRandom(5);
    String[] statuses = {"new", "paid", "shipped", "delivered", "returned"};
    String[] names = new String[300];
    for (int i = 0; i < names.length; i++) {
      names[i] = (i % 3 == 0 ? "Größe " : i % 3 == 1 ? "東京 " : "item ") + i + (i % 7 == 0 ? " \uD83D\uDE00" : "");
    }
    Object[][] rows = new Object[ROWS][];
    String parent = null;
    for (int r = 0; r < ROWS; r++) {
      if (r % 4 == 0) {
        parent = new UUID(random.nextLong(), random.nextLong()).toString();
      }
      Object[] row = {
        new UUID(random.nextLong(), random.nextLong()).toString(), parent, statuses[random.nextInt(5)],
        // a new String per cell, as the engine makes them: equal values are never the same instance
        new String(names[random.nextInt(names.length)].toCharArray()), random.nextLong(), (long) random.nextInt(10),
        random.nextInt(100_000) / 100.0, random.nextInt(20_000) / 1000.0, random.nextBoolean(),
        1_700_000_000_000_000L + r * 1_000_000L, (long) (19_000 + random.nextInt(1000)),
        BigDecimal.valueOf(random.nextInt(1_000_000), 2), BigDecimal.valueOf(random.nextLong(1L << 50), 4),
        "{\"k\":" + random.nextInt(50) + "}"
      };
      for (int c = 2; c < row.length; c++) {
        if (random.nextInt(15) == 0) {
          row[c] = null;
        }
      }
      rows[r] = row;
    }
    return rows;
  }

  /** The plugin's former write path: Parquet Java's ParquetWriter, one record per row through a RecordConsumer. */
  private static void writeWithParquetWriter(Path target, TableSchema schema, ParquetOptions o, Object[][] rows)
      throws IOException {
    ColumnPlan[] plans = ParquetSchemaMapper.plan(schema);
    MessageType type = ParquetSchemaMapper.messageType(plans);
    StandaloneCodecFactory codecs = new StandaloneCodecFactory(o.zstdLevel());
    CompressionCodecName codec = CompressionCodecName.valueOf(o.compression().name());
    try (ParquetWriter<Object[]> writer = new OracleBuilder(new LocalOutputFile(target), new OracleSupport(type, plans,
        schema.table()))
        .withConf(new PlainParquetConfiguration())
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCodecFactory(codecs)
        .withCompressionCodec(codec)
        .withRowGroupSize(o.rowGroupSize())
        .withPageSize(o.pageSize())
        .withDictionaryPageSize(o.pageSize())
        .withDictionaryEncoding(o.dictionary())
        .withWriterVersion(WriterVersion.PARQUET_1_0)
        .withValidation(false)
        .build()) {
      for (Object[] row : rows) {
        writer.write(row);
      }
    }
  }

  private static final class OracleSupport extends WriteSupport<Object[]> {
    private final MessageType type;
    private final ColumnPlan[] plans;
    private final Map<String, String> metadata;
    private RecordConsumer rc;

    OracleSupport(MessageType type, ColumnPlan[] plans, String table) {
      this.type = type;
      this.plans = plans;
      this.metadata = Map.of(CellWriter.TABLE_KEY, table);
    }

    @Override
    @Deprecated
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
      return new WriteContext(type, metadata);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(type, metadata);
    }

    @Override
    public String getName() {
      return CellWriter.MODEL_NAME;
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      rc = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      rc.startMessage();
      for (int c = 0; c < row.length; c++) {
        Object v = row[c];
        if (v == null) {
          continue;
        }
        ColumnPlan plan = plans[c];
        rc.startField(plan.name(), c);
        switch (plan.kind()) {
          case BOOLEAN:
            rc.addBoolean((Boolean) v);
            break;
          case INT64:
            rc.addLong((Long) v);
            break;
          case DOUBLE:
            rc.addDouble((Double) v);
            break;
          case DATE:
            rc.addInteger(Math.toIntExact((Long) v));
            break;
          case DECIMAL_INT32:
            rc.addInteger(((BigDecimal) v).setScale(plan.scale()).unscaledValue().intValueExact());
            break;
          case DECIMAL_INT64:
            rc.addLong(((BigDecimal) v).setScale(plan.scale()).unscaledValue().longValueExact());
            break;
          default:
            // text, and a decimal too wide for a fixed-size one as its plain form
            rc.addBinary(Binary.fromString(v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : (String) v));
            break;
        }
        rc.endField(plan.name(), c);
      }
      rc.endMessage();
    }
  }

  private static final class OracleBuilder extends ParquetWriter.Builder<Object[], OracleBuilder> {
    private final OracleSupport support;

    OracleBuilder(LocalOutputFile file, OracleSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected OracleBuilder self() {
      return this;
    }

    @Override
    @Deprecated
    protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  /**
   * A slice of rows as a batch. With {@code utf8Only} it holds text as UTF-8 (as the engine's batches do) and fails on
   * {@code getString}; without, it has only {@code getString} and {@code getUtf8} is the interface's default.
   */
  private static final class Rows implements Utf8TextBatch {
    private final TableSchema schema;
    private final Object[][] rows;
    private final int from;
    private final int count;
    private final boolean utf8Only;

    Rows(TableSchema schema, Object[][] rows, int from, int count) {
      this(schema, rows, from, count, false);
    }

    Rows(TableSchema schema, Object[][] rows, int from, int count, boolean utf8Only) {
      this.schema = schema;
      this.rows = rows;
      this.from = from;
      this.count = count;
      this.utf8Only = utf8Only;
    }

    @Override
    public TableSchema schema() {
      return schema;
    }

    @Override
    public int rowCount() {
      return count;
    }

    @Override
    public boolean isNull(int column, int row) {
      return rows[from + row][column] == null;
    }

    @Override
    public boolean getBoolean(int column, int row) {
      return (Boolean) rows[from + row][column];
    }

    @Override
    public long getLong(int column, int row) {
      return (Long) rows[from + row][column];
    }

    @Override
    public double getDouble(int column, int row) {
      return (Double) rows[from + row][column];
    }

    @Override
    public BigDecimal getDecimal(int column, int row) {
      return (BigDecimal) rows[from + row][column];
    }

    @Override
    public String getString(int column, int row) {
      if (utf8Only) {
        throw new AssertionError("getString on column " + schema.column(column).name()
            + ": the writer must copy text with getUtf8");
      }
      Object v = rows[from + row][column];
      return v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : (String) v;
    }

    @Override
    public byte[] utf8Bytes(int column, int row) {
      if (!utf8Only) { // text may be read either way: the bytes are getString's
        String s = getString(column, row);
        return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      Object v = rows[from + row][column];
      if (v == null) {
        return null;
      }
      String s = v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : (String) v;
      return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Object getValue(int column, int row) {
      throw new AssertionError("the writer must not box cells");
    }
  }
}
