package io.transmog.io.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.io.parquet.internal.ColumnSample.Verdict;
import io.transmog.io.parquet.internal.ParquetSchemaMapper.ColumnPlan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/** The pieces behind the per-column encoding choices: {@link ColumnSample}, {@link ValueCache}, {@link Utf8Buffer}. */
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

  // ---- ValueCache ---------------------------------------------------------------------------------------------------

  @Test
  void aRepeatedValueIsTheSameConstantBinaryEveryTime() {
    ValueCache cache = new ValueCache();
    Utf8Buffer buffer = new Utf8Buffer();
    String first = "délivré";
    assertThat(cache.get(first)).isNull();
    assertThat(buffer.encode(first)).isEqualTo(-1);
    Binary admitted = cache.admit(first, buffer);
    // encoding another value into the buffer must not change what the cache handed out
    buffer.encode("something else entirely");
    assertThat(admitted.getBytes()).isEqualTo(first.getBytes(StandardCharsets.UTF_8));
    // an equal string that is another instance finds the very same object
    assertThat(cache.get(new String(first.toCharArray()))).isSameAs(admitted);
    assertThat(admitted.copy()).as("a constant Binary: Parquet keeps it without copying").isSameAs(admitted);
  }

  @Test
  void stopsAdmittingWhenFullAndRetiresWhenMostLookupsMiss() {
    ValueCache cache = new ValueCache();
    Utf8Buffer buffer = new Utf8Buffer();
    for (int i = 0; i < ValueCache.MAX_ENTRIES + 10; i++) {
      String s = "v" + i;
      assertThat(cache.get(s)).isNull();
      buffer.encode(s);
      Binary b = cache.admit(s, buffer);
      if (i >= ValueCache.MAX_ENTRIES) {
        assertThat(b).as("no room: the reused buffer's view").isSameAs(buffer.binary());
      }
    }
    assertThat(cache.get("v7")).isNotNull();
    assertThat(cache.get("v" + (ValueCache.MAX_ENTRIES + 5))).isNull();
    // the first window of lookups ends with only misses and a couple of hits
    for (int i = 0; i < ValueCache.WINDOW - ValueCache.MAX_ENTRIES - 13; i++) { // 2,060 lookups so far
      assertThat(cache.get("miss " + i)).isNull();
      assertThat(cache.retired()).isFalse();
    }
    cache.get("the last lookup of the window");
    assertThat(cache.retired()).isTrue();
  }

  @Test
  void aCacheThatKeepsHittingStaysOn() {
    ValueCache cache = new ValueCache();
    Utf8Buffer buffer = new Utf8Buffer();
    String[] statuses = {"new", "paid", "shipped"};
    for (int i = 0; i < 3 * ValueCache.WINDOW; i++) {
      String s = new String(statuses[i % 3].toCharArray());
      if (cache.get(s) == null) {
        buffer.encode(s);
        cache.admit(s, buffer);
      }
      assertThat(cache.retired()).isFalse();
    }
  }

  // ---- Utf8Buffer ---------------------------------------------------------------------------------------------------

  @Test
  void encodesExactlyAsStringGetBytesAndReusesItsViews() {
    String[] alphabet = {"a", "Z", "0", " ", "é", "ß", "Ж", "東", "€", "\uD83D\uDE00", "\uDBFF\uDFFF", "\u0000", "\u07FF",
        "\u0800", "\uFFFF"};
    SplittableRandom random = new SplittableRandom(9);
    Utf8Buffer buffer = new Utf8Buffer();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(i % 100 == 0 ? 5000 : 40);
      for (int k = 0; k < n; k++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      assertThat(buffer.encode(s)).isEqualTo(-1);
      Binary b = buffer.binary();
      assertThat(b.getBytes()).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
      assertThat(b.copy().getBytes()).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
    buffer.encode("abc");
    Binary view = buffer.binary();
    buffer.encode("xyz");
    assertThat(buffer.binary()).as("one view per length, reading the current bytes").isSameAs(view);
    assertThat(view.toStringUsingUTF8()).isEqualTo("xyz");
  }

  @Test
  void reportsTheIndexOfAnUnpairedSurrogate() {
    Utf8Buffer buffer = new Utf8Buffer();
    assertThat(buffer.encode("ab\uD800c")).isEqualTo(2);
    assertThat(buffer.encode("ab\uDC00")).isEqualTo(2);
    assertThat(buffer.encode("\uD83D")).isZero();
    assertThat(buffer.encode("x\uDE00\uD83D")).isEqualTo(1);
    assertThat(buffer.encode("ok \uD83D\uDE00")).isEqualTo(-1);
  }

  /** Rows as a batch. */
  private static final class Rows implements RowBatch {
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
      return (String) rows[row][column];
    }

    @Override
    public Object getValue(int column, int row) {
      throw new AssertionError("not used");
    }
  }
}
