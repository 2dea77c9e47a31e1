package io.transmog.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Column;
import io.transmog.api.table.Table;
import io.transmog.api.table.TableSchema;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The merge of per-partition types ({@link TypeState}, {@link Layout}) and the conversion of each partition's values
 * ({@link Cells}, {@link ChunkConverter}) against the core itself: for every sequence of values of one column, each
 * value flattened alone (one partition each), merged and converted, must give the schema (type, precision, scale) and
 * the values the core gives when it reads the same values in one run. No Spark involved.
 */
class WideningTest {
  /** One value of every kind the lattice knows, and the edges that decide a widening. */
  private static final List<String> VALUES = List.of(
      "1", "-7", "9007199254740993", "2.5", "1e-9", "100.0", "1.00000000000000000001", "1e400", "true",
      "\"s\"", "\"2024-05-01\"", "\"2024-05-01T10:00:00Z\"", "[1,\"a\"]", "null", "123456.75");

  private static final TransmogOptions OPTIONS = TransmogOptions.builder()
      .includeNulls(true).inferTimestamps(true).includeTimestamp(false).build();

  @Test
  void everyPairAndTriple_splitOverPartitions_givesTheCoresSchemaAndValues() {
    int checked = 0;
    for (String a : VALUES) {
      for (String b : VALUES) {
        check(List.of(a, b));
        checked++;
        for (String c : VALUES) {
          check(List.of(a, b, c));
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(VALUES.size() * VALUES.size() * (VALUES.size() + 1));
  }

  @Test
  void longerRandomSequences_inPartitionsOfSeveralValues_whereNoValueTurnsToTextInsideAPartition() {
    // several values per partition: exact as long as no partition widens a number to text on its own (the documented
    // limit: the core's split run would store the number as text before the earlier partitions' types apply)
    List<String> numeric = List.of("1", "-7", "9007199254740993", "2.5", "1e-9", "100.0", "1.00000000000000000001",
        "123456.75", "null");
    Random random = new Random(42);
    for (int run = 0; run < 300; run++) {
      List<List<String>> partitions = new ArrayList<>();
      int n = 2 + random.nextInt(4);
      for (int p = 0; p < n; p++) {
        List<String> values = new ArrayList<>();
        for (int v = 1 + random.nextInt(3); v > 0; v--) {
          values.add(numeric.get(random.nextInt(numeric.size())));
        }
        partitions.add(values);
      }
      if (random.nextBoolean()) {
        partitions.add(List.of(VALUES.get(random.nextInt(VALUES.size())))); // the last partition may widen to text
      }
      checkPartitions(partitions);
    }
  }

  private static void check(List<String> values) {
    List<List<String>> partitions = new ArrayList<>();
    for (String v : values) {
      partitions.add(List.of(v));
    }
    checkPartitions(partitions);
  }

  private static void checkPartitions(List<List<String>> partitions) {
    List<String> all = new ArrayList<>();
    List<FlattenResult> parts = new ArrayList<>();
    List<PartitionProfile> profiles = new ArrayList<>();
    for (int p = 0; p < partitions.size(); p++) {
      List<String> records = new ArrayList<>();
      for (String v : partitions.get(p)) {
        records.add("{\"x\":" + v + "}");
      }
      all.addAll(records);
      FlattenResult r = Transmog.flatten(String.join("\n", records), OPTIONS);
      parts.add(r);
      PartitionProfile profile = new PartitionProfile(p);
      profile.add(r);
      profiles.add(profile);
    }
    FlattenResult core = Transmog.flatten(String.join("\n", all), OPTIONS);
    List<TableSchema> empty = List.of(Transmog.flatten(List.of(), OPTIONS).main().schema());
    Layout layout = Layout.merge(profiles, partitions.size(), empty, false, 1000, "_", null, "t", p -> "p" + p);

    String what = "values " + partitions;
    Layout.TableLayout main = layout.tables().get(0);
    assertThat(main.schema()).as(what).isEqualTo(core.main().schema());
    int x = core.main().schema().indexOf("x");
    if (x < 0) {
      return; // nulls only, without a column
    }
    Column column = core.main().schema().column(x);
    int row = 0;
    for (int p = 0; p < parts.size(); p++) {
      Table t = parts.get(p).main();
      TableChunk chunk = new ChunkConverter(layout, p).convert(t, 0, t.rowCount());
      int fx = main.columnIndex.get("x");
      for (int r = 0; r < t.rowCount(); r++, row++) {
        Object expected = core.main().getValue(x, row);
        if (expected instanceof BigDecimal d && column.precision() > ChunkConverter.MAX_SPARK_PRECISION) {
          expected = Cells.plain(d); // beyond Spark's DecimalType: the exact text
        }
        Object actual = chunk.value(fx, r);
        assertThat(norm(actual)).as(what + ", row " + row + " (" + column + ")").isEqualTo(norm(expected));
      }
    }
  }

  private static Object norm(Object v) {
    if (v instanceof BigDecimal d) {
      return "decimal " + d.stripTrailingZeros().toPlainString();
    }
    return v;
  }
}
