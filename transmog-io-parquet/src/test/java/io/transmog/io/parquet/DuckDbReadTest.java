package io.transmog.io.parquet;

import static io.transmog.io.parquet.Fixtures.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import io.transmog.io.parquet.internal.ParquetWriterProvider;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the written files with DuckDB (JDBC driver, test scope), a reader that shares no code with Parquet Java: column
 * types, row counts and values must agree, for every codec and for a table whose schema grew across part files.
 */
class DuckDbReadTest {
  private static final ParquetWriterProvider PROVIDER = new ParquetWriterProvider();

  @TempDir Path dir;
  private Connection duck;

  @BeforeEach
  void connect() throws SQLException {
    duck = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterEach
  void disconnect() throws SQLException {
    duck.close();
  }

  @Test
  void readsEveryColumnTypeWithTheRightDuckDbType() throws SQLException {
    TableSchema schema = Fixtures.allTypesSchema("data");
    Path file = Fixtures.write(PROVIDER, dir.resolve("data.parquet"), schema, Map.of(), Fixtures.allTypes());

    Map<String, String> types = describe("SELECT * FROM read_parquet(" + quote(file) + ")");
    assertThat(types).containsExactly(
        Map.entry("_id", "VARCHAR"),
        Map.entry("flag", "BOOLEAN"),
        Map.entry("n", "BIGINT"),
        Map.entry("x", "DOUBLE"),
        Map.entry("s", "VARCHAR"),
        Map.entry("j", "JSON"),
        Map.entry("d9", "DECIMAL(9,2)"),
        Map.entry("d18", "DECIMAL(18,4)"),
        Map.entry("d38", "DECIMAL(38,10)"),
        Map.entry("dwide", "VARCHAR"),
        Map.entry("dunknown", "VARCHAR"),
        Map.entry("ts", "TIMESTAMP WITH TIME ZONE"),
        Map.entry("day", "DATE"));

    List<List<Object>> rows = query("SELECT _id, flag, n, x, s, CAST(j AS VARCHAR), d9, d18, d38, dwide, dunknown, "
        + "epoch_us(ts), CAST(day AS VARCHAR) FROM read_parquet(" + quote(file) + ") ORDER BY _id");
    Object[][] expected = Fixtures.allTypes();
    assertThat(rows).hasSize(expected.length);
    for (int r = 0; r < expected.length; r++) {
      List<Object> row = rows.get(r);
      Object[] want = expected[r];
      for (int c = 0; c < 11; c++) {
        String where = "row " + r + ", column " + schema.column(c).name();
        if (want[c] == null) {
          assertThat(row.get(c)).as(where).isNull();
        } else if (want[c] instanceof BigDecimal && row.get(c) instanceof BigDecimal) {
          assertThat((BigDecimal) row.get(c)).as(where).isEqualByComparingTo((BigDecimal) want[c]);
        } else if (want[c] instanceof BigDecimal) {
          assertThat(row.get(c)).as(where).isEqualTo(((BigDecimal) want[c]).toPlainString());
        } else {
          assertThat(row.get(c)).as(where).isEqualTo(want[c]);
        }
      }
      assertThat(row.get(11)).as("row " + r + " ts").isEqualTo(want[11]);
      assertThat(row.get(12)).as("row " + r + " day")
          .isEqualTo(want[12] == null ? null : java.time.LocalDate.ofEpochDay((Long) want[12]).toString());
    }
  }

  @Test
  void readsEveryCodec() throws SQLException {
    TableSchema schema = Fixtures.allTypesSchema("t");
    for (String codec : List.of("zstd", "snappy", "gzip", "uncompressed")) {
      Path file = Fixtures.write(PROVIDER, dir.resolve(codec + ".parquet"), schema,
          Map.of(ParquetOptions.COMPRESSION, codec), Fixtures.allTypes());

      List<List<Object>> rows = query("SELECT count(*), count(n), sum(d38), max(s), min(epoch_us(ts)) "
          + "FROM read_parquet(" + quote(file) + ")");
      assertThat(rows.get(0).get(0)).as(codec).isEqualTo(5L);
      assertThat(rows.get(0).get(1)).as(codec).isEqualTo(4L);
      assertThat((BigDecimal) rows.get(0).get(2)).as(codec).isEqualByComparingTo(
          new BigDecimal("1234567890123456789012345678.0123456789")
              .add(new BigDecimal("-9999999999999999999999999999.9999999999"))
              .add(new BigDecimal("0.5"))
              .add(new BigDecimal("9999999999999999999999999999.999999999")));
      assertThat(rows.get(0).get(3)).as(codec).isEqualTo("東京 👍🏽 naïve");
      assertThat(rows.get(0).get(4)).as(codec).isEqualTo(-1L);
    }
  }

  @Test
  void readsPartsWhoseSchemaGrewTogetherWithUnionByName() throws SQLException {
    // Part 1: the schema first seen. Part 2: a column was added and `amount` widened from LONG to DOUBLE, so the
    // engine closed part 1 (canAppend is false) and opened part 2 with the widened schema.
    TableSchema first = TableSchema.of("orders", null, List.of(
        col("_id", ColumnType.STRING), col("amount", ColumnType.LONG), col("placed", ColumnType.TIMESTAMP)));
    TableSchema second = TableSchema.of("orders", null, List.of(
        col("_id", ColumnType.STRING), col("amount", ColumnType.DOUBLE), col("placed", ColumnType.TIMESTAMP),
        new Column("discount", ColumnType.DECIMAL, 5, 2)));
    assertThat(PROVIDER.canAppend(first, second)).isFalse();
    long t0 = Fixtures.micros("2026-01-01T00:00:00Z");
    Fixtures.write(PROVIDER, dir.resolve("orders.parquet"), first, Map.of(),
        new Object[] {"o1", 10L, t0}, new Object[] {"o2", 20L, t0 + 1});
    Fixtures.write(PROVIDER, dir.resolve("orders.part-2.parquet"), second, Map.of(),
        new Object[] {"o3", 2.5, t0 + 2, Fixtures.dec("0.15")}, new Object[] {"o4", null, null, null});
    String glob = quote(dir.resolve("orders*.parquet"));
    String union = "SELECT * FROM read_parquet(" + glob + ", union_by_name=true)";

    assertThat(describe(union)).containsExactly(
        Map.entry("_id", "VARCHAR"),
        Map.entry("amount", "DOUBLE"),
        Map.entry("placed", "TIMESTAMP WITH TIME ZONE"),
        Map.entry("discount", "DECIMAL(5,2)"));
    List<List<Object>> rows = query(
        "SELECT _id, amount, epoch_us(placed), discount FROM (" + union + ") ORDER BY _id");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).containsExactly("o1", 10.0, t0, null);
    assertThat(rows.get(1)).containsExactly("o2", 20.0, t0 + 1, null);
    assertThat(rows.get(2)).containsExactly("o3", 2.5, t0 + 2, new BigDecimal("0.15"));
    assertThat(rows.get(3)).containsExactly("o4", null, null, null);
  }

  @Test
  void readsAnEmptyTable() throws SQLException {
    TableSchema schema = Fixtures.allTypesSchema("empty");
    Path file = Fixtures.write(PROVIDER, dir.resolve("empty.parquet"), schema, Map.of());

    assertThat(query("SELECT count(*) FROM read_parquet(" + quote(file) + ")").get(0)).containsExactly(0L);
    assertThat(describe("SELECT * FROM read_parquet(" + quote(file) + ")")).hasSize(schema.size());
  }

  private Map<String, String> describe(String select) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE " + select)) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    return types;
  }

  private List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int width = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= width; c++) {
          row.add(rs.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String quote(Path path) {
    return "'" + path.toString().replace("'", "''") + "'";
  }
}
