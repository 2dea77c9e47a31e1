package io.transmog.io.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.parquet.internal.ColumnSample.Verdict;
import io.transmog.io.parquet.internal.ParquetSchemaMapper.ColumnPlan;
import io.transmog.io.tck.Utf8TextBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/**
 * The pieces behind the per-column encoding choices: {@link ColumnSample}, {@link ValueCache}, {@link Utf8Buffer}. The
 * batches hold text as UTF-8 and refuse {@code getString}, as every piece works on the bytes.
 */
class EncodingChoicesTest {

  // ---- ColumnSample -------------------------------------------------------------------------------------------------

  @Test
  void distinctOnlyWhenEnoughValuesAreAllDifferent() {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING),
        new Column("n", ColumnType.LONG), new Column("x", ColumnType.DOUBLE), new Column("b", ColumnType.BOOLEAN),
        new Column("j", ColumnType.JSON), new Column("d", ColumnType.DECIMAL, 9, 2)));
    ColumnPlan[] plans = ParquetSchemaMapper.plan(schema);

    Object[][] unique = new Object[ColumnSample.MIN_SAMPLE][];
    for (int i = 0; i < unique.length; i++) {
      unique[i] = new Object[] {"id-" + i, (long) i * 7, i / 4.0, i % 2 == 0, "[" + i + "]", BigDecimal.ONE};
    }
    assertThat(verdicts(schema, plans, unique)).containsExactly(
        Verdict.DISTINCT, Verdict.DISTINCT, Verdict.DISTINCT, Verdict.UNKNOWN, Verdict.DISTINCT, Verdict.UNKNOWN);

    // one repeat anywhere among the sampled values is enough to keep the dictionary
    Object[][] oneRepeat = unique.clone();
    oneRepeat[oneRepeat.length - 1] = new Object[] {"id-3", 21L, 0.75, true, "[3]", BigDecimal.ONE};
    assertThat(verdicts(schema, plans, oneRepeat)).startsWith(
        Verdict.REPEATS, Verdict.REPEATS, Verdict.REPEATS, Verdict.UNKNOWN, Verdict.REPEATS);

    // too few values say nothing: nulls do not count, and a short first batch leaves the choice to Parquet
    Object[][] fewValues = new Object[ColumnSample.MIN_SAMPLE][];
    for (int i = 0; i < fewValues.length; i++) {
      fewValues[i] = i % 2 == 0 ? unique[i] : new Object[] {null, null, null, null, null, null};
    }
    assertThat(verdicts(schema, plans, fewValues)).containsOnly(Verdict.UNKNOWN);
  }

  @Test
  void doublesAreToldApartByTheirBits() {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("x", ColumnType.DOUBLE)));
    Object[][] rows = new Object[ColumnSample.MIN_SAMPLE][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {i == 0 ? -0.0 : i == 1 ? 0.0 : (double) i};
    }
    assertThat(ColumnSample.of(new Rows(schema, rows), 0, ParquetSchemaMapper.plan(schema)[0]))
        .isEqualTo(Verdict.DISTINCT);
  }

  private static Verdict[] verdicts(TableSchema schema, ColumnPlan[] plans, Object[][] rows) {
    Verdict[] v = new Verdict[plans.length];
    for (int c = 0; c < plans.length; c++) {
      v[c] = ColumnSample.of(new Rows(schema, rows), c, plans[c]);
    }
    return v;
  }

  @Test
  void textIsComparedByItsBytesWithoutAStringAndLongValuesToo() {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING)));
    Object[][] unique = new Object[ColumnSample.MIN_SAMPLE][];
    for (int i = 0; i < unique.length; i++) {
      // long values (past the buffer's first size) that differ only in their last byte
      unique[i] = new Object[] {"x".repeat(5000) + "é" + i};
    }
    ColumnPlan plan = ParquetSchemaMapper.plan(schema)[0];
    assertThat(ColumnSample.of(new Rows(schema, unique), 0, plan)).isEqualTo(Verdict.DISTINCT);
    Object[][] repeat = unique.clone();
    repeat[900] = new Object[] {new String("x".repeat(5000) + "é" + 17)};
    assertThat(ColumnSample.of(new Rows(schema, repeat), 0, plan)).isEqualTo(Verdict.REPEATS);
  }

  // ---- ValueCache ---------------------------------------------------------------------------------------------------

  @Test
  void aRepeatedValueIsTheSameConstantBinaryEveryTime() {
    ValueCache cache = new ValueCache();
    Utf8Buffer buffer = new Utf8Buffer();
    String first = "délivré";
    assertThat(cache.get(read(buffer, first))).isNull();
    Binary admitted = cache.admit(buffer);
    // reading another value into the buffer must not change what the cache handed out
    read(buffer, "something else entirely");
    assertThat(admitted.getBytes()).isEqualTo(first.getBytes(StandardCharsets.UTF_8));
    // the same text read again (from another row, another batch) finds the very same object
    assertThat(cache.get(read(buffer, new String(first.toCharArray())))).isSameAs(admitted);
    assertThat(admitted.copy()).as("a constant Binary: Parquet keeps it without copying").isSameAs(admitted);
    // a value that is a prefix, or longer, is another value
    assertThat(cache.get(read(buffer, "délivr"))).isNull();
    assertThat(cache.get(read(buffer, "délivré "))).isNull();
  }

  @Test
  void stopsAdmittingWhenFullAndRetiresWhenMostLookupsMiss() {
    ValueCache cache = new ValueCache();
    Utf8Buffer buffer = new Utf8Buffer();
    for (int i = 0; i < ValueCache.MAX_ENTRIES + 10; i++) {
      assertThat(cache.get(read(buffer, "v" + i))).isNull();
      Binary b = cache.admit(buffer);
      if (i >= ValueCache.MAX_ENTRIES) {
        assertThat(b).as("no room: the reused buffer's view").isSameAs(buffer.binary());
      }
    }
    assertThat(cache.get(read(buffer, "v7"))).isNotNull();
    assertThat(cache.get(read(buffer, "v" + (ValueCache.MAX_ENTRIES + 5)))).isNull();
    // the first window of lookups ends with only misses and a couple of hits
    for (int i = 0; i < ValueCache.WINDOW - ValueCache.MAX_ENTRIES - 13; i++) { // 2,060 lookups so far
      assertThat(cache.get(read(buffer, "miss " + i))).isNull();
      assertThat(cache.retired()).isFalse();
    }
    cache.get(read(buffer, "the last lookup of the window"));
    assertThat(cache.retired()).isTrue();
  }

  @Test
  void aCacheThatKeepsHittingStaysOn() {
    ValueCache cache = new ValueCache();
    Utf8Buffer buffer = new Utf8Buffer();
    String[] statuses = {"new", "paid", "shipped"};
    for (int i = 0; i < 3 * ValueCache.WINDOW; i++) {
      if (cache.get(read(buffer, statuses[i % 3])) == null) {
        cache.admit(buffer);
      }
      assertThat(cache.retired()).isFalse();
    }
  }

  // ---- Utf8Buffer ---------------------------------------------------------------------------------------------------

  @Test
  void holdsExactlyTheBatchsBytesAndReusesItsViews() {
    String[] alphabet = {
      "a", "Z", "0", " ", "é", "ß", "Ж", "東", "€", "\uD83D\uDE00", "\uDBFF\uDFFF", "\u0000", "\u07FF", "\u0800", "\uFFFF"
    };
    SplittableRandom random = new SplittableRandom(9);
    Utf8Buffer buffer = new Utf8Buffer();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(i % 100 == 0 ? 5000 : 40);
      for (int k = 0; k < n; k++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      byte[] expected = s.getBytes(StandardCharsets.UTF_8);
      assertThat(read(buffer, s).length()).isEqualTo(expected.length);
      Binary b = buffer.binary();
      assertThat(b.getBytes()).isEqualTo(expected);
      assertThat(b.copy().getBytes()).isEqualTo(expected);
      assertThat(buffer.copy()).isEqualTo(expected);
      assertThat(buffer.contentEquals(expected)).isTrue();
    }
    read(buffer, "abc");
    Binary view = buffer.binary();
    read(buffer, "xyz");
    assertThat(buffer.binary()).as("one view per length, reading the current bytes").isSameAs(view);
    assertThat(view.toStringUsingUTF8()).isEqualTo("xyz");
  }

  @Test
  void aNullCellIsReportedAndLeavesTheBufferAsItWas() {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING)));
    Utf8Buffer buffer = new Utf8Buffer();
    read(buffer, "kept");
    assertThat(buffer.read(new Rows(schema, new Object[][] {{null}}), 0, 0)).isEqualTo(-1);
    assertThat(buffer.binary().toStringUsingUTF8()).isEqualTo("kept");
  }

  @Test
  void theHashDependsOnTheValueOnlyAndTellsValuesApart() {
    Utf8Buffer buffer = new Utf8Buffer();
    Utf8Buffer fresh = new Utf8Buffer();
    java.util.Map<Long, String> seen = new java.util.HashMap<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 50_000; i++) {
      // every length from 0 to 40 and a few long ones, values that share long prefixes, and stale bytes after them
      int n = i % 997 == 0 ? 5000 : i % 41;
      StringBuilder sb = new StringBuilder("p".repeat(Math.max(0, n - 6)));
      while (sb.length() < n) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      String s = sb.toString();
      read(buffer, s + "trailing bytes that stay in the buffer");
      long h = read(buffer, s).hash();
      assertThat(h).as("hash of %s after a longer value", s).isEqualTo(read(fresh, s).hash());
      String other = seen.putIfAbsent(h, s);
      assertThat(other == null || other.equals(s)).as("%s and %s share a hash", s, other).isTrue();
    }
  }

  /** Reads {@code s} into the buffer from a one-cell batch that holds it as UTF-8. */
  private static Utf8Buffer read(Utf8Buffer buffer, String s) {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING)));
    int length = buffer.read(new Rows(schema, new Object[][] {{s}}), 0, 0);
    assertThat(length).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    return buffer;
  }

  /** Rows as a batch. */
  private static final class Rows implements Utf8TextBatch {
    private final TableSchema schema;
    private final Object[][] rows;

    Rows(TableSchema schema, Object[][] rows) {
      this.schema = schema;
      this.rows = rows;
    }

    @Override
    public TableSchema schema() {
      return schema;
    }

    @Override
    public int rowCount() {
      return rows.length;
    }

    @Override
    public boolean isNull(int column, int row) {
      return rows[row][column] == null;
    }

    @Override
    public boolean getBoolean(int column, int row) {
      return (Boolean) rows[row][column];
    }

    @Override
    public long getLong(int column, int row) {
      return (Long) rows[row][column];
    }

    @Override
    public double getDouble(int column, int row) {
      return (Double) rows[row][column];
    }

    @Override
    public BigDecimal getDecimal(int column, int row) {
      return (BigDecimal) rows[row][column];
    }

    @Override
    public String getString(int column, int row) {
      throw new AssertionError("text is read as UTF-8 bytes (getUtf8), never as a String");
    }

    @Override
    public byte[] utf8Bytes(int column, int row) {
      Object v = rows[row][column];
      return v == null ? null : text(v);
    }

    private static byte[] text(Object v) {
      String s = v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : (String) v;
      return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object getValue(int column, int row) {
      throw new AssertionError("not used");
    }
  }
}
