package io.transmog.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Compares Parquet files written from engine output with the engine's in-memory {@link Table}s, reading the files with
 * Parquet Java's own reader ({@link ParquetFiles}). Every column's Parquet type is checked against the documented
 * mapping (built here independently of the plugin's mapper), every cell's value exactly: doubles bit for bit,
 * decimals by value and at the column's scale, timestamps in microseconds, dates in days, text to the character.
 *
 * <p>Mismatches are collected and reported together (with table, row, column, expected and actual value), so a wide
 * table fails with a readable list instead of the first of a million cells.
 */
final class FlattenedParquet {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int MAX_REPORTED = 40;

  private FlattenedParquet() {}

  /**
   * The Parquet column the plugin must write for a Transmog column (transmog-io-parquet/README.md, "Type mapping").
   * Every column is optional.
   */
  static Type expectedParquetType(Column column) {
    String name = column.name();
    switch (column.type()) {
      case BOOLEAN:
        return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
      case LONG:
        return Types.optional(PrimitiveTypeName.INT64).named(name);
      case DOUBLE:
        return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
      case STRING:
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
      case JSON:
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType()).named(name);
      case TIMESTAMP:
        return Types.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
      case DATE:
        return Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
      case DECIMAL: {
        int p = column.precision();
        int s = column.scale();
        if (p < 1 || p > 38) {
          return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        }
        LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(s, p);
        if (p <= 9) {
          return Types.optional(PrimitiveTypeName.INT32).as(decimal).named(name);
        }
        if (p <= 18) {
          return Types.optional(PrimitiveTypeName.INT64).as(decimal).named(name);
        }
        return Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(fixedBytes(p)).as(decimal).named(name);
      }
      default:
        throw new AssertionError("column type not covered by this test: " + column);
    }
  }

  /** The fewest bytes whose two's complement holds every unscaled value of {@code p} digits (16 for 38). */
  static int fixedBytes(int p) {
    BigInteger max = BigInteger.TEN.pow(p).subtract(BigInteger.ONE);
    int n = 1;
    while (max.bitLength() + 1 > 8 * n) {
      n++;
    }
    return n;
  }

  /**
   * Asserts that the file's footer has exactly the columns (names, order, Parquet types) of {@code columns} and
   * records the table name.
   */
  static void assertSchema(Path file, String table, List<Column> columns) {
    ParquetMetadata footer = ParquetFiles.footer(file);
    MessageType schema = footer.getFileMetaData().getSchema();
    List<String> actual = new ArrayList<>();
    for (Type t : schema.getFields()) {
      actual.add(t.toString());
    }
    List<String> expected = new ArrayList<>();
    for (Column c : columns) {
      expected.add(expectedParquetType(c).toString());
    }
    assertThat(actual).as("Parquet columns of %s (table %s)", file.getFileName(), table)
        .containsExactlyElementsOf(expected);
    for (int i = 0; i < columns.size(); i++) {
      assertThat(schema.getType(i)).as("column %s of %s", columns.get(i).name(), file.getFileName())
          .isEqualTo(expectedParquetType(columns.get(i)));
    }
    Map<String, String> kv = footer.getFileMetaData().getKeyValueMetaData();
    assertThat(kv).as("footer key-value metadata of %s", file.getFileName()).containsEntry("transmog.table", table);
  }

  /** Asserts that a file holds exactly the table: schema, row count, and every cell. */
  static void assertFileHoldsTable(Path file, Table expected) {
    List<Column> columns = expected.schema().columns();
    assertSchema(file, expected.name(), columns);
    List<Group> rows = ParquetFiles.rows(file);
    assertThat(rows).as("rows of %s (table %s)", file.getFileName(), expected.name()).hasSize(expected.rowCount());
    List<String> problems = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        Object want = expectedValue(expected, c, r);
        Column column = columns.get(c);
        Object got = ParquetFiles.decode(rows.get(r), c, column);
        String where = expected.name() + " row " + r + " column " + column.name();
        checkScale(problems, where, column, got);
        compare(problems, where, column, want, got);
      }
    }
    assertThat(problems).as("cells of %s that differ from the in-memory table %s (first %d shown)",
        file.getFileName(), expected.name(), MAX_REPORTED).isEmpty();
  }

  /**
   * Asserts that the parts of a streamed table, read one by one with each part's own schema and concatenated in order,
   * hold exactly the rows of the in-memory table: a column a part lacks is null there, and a value a part holds in a
   * narrower type (LONG in a part, DOUBLE or DECIMAL in the end; DATE, then TIMESTAMP) is the same value.
   *
   * @param parts the part files in order
   * @param partColumns each part's own columns (from the run's result)
   * @param expected the in-memory table of the same input and options
   */
  static void assertPartsHoldTable(List<Path> parts, List<List<Column>> partColumns, Table expected) {
    List<Column> columns = expected.schema().columns();
    List<String> problems = new ArrayList<>();
    int r = 0;
    for (int p = 0; p < parts.size(); p++) {
      Path file = parts.get(p);
      List<Column> own = partColumns.get(p);
      assertSchema(file, expected.name(), own);
      List<Group> rows = ParquetFiles.rows(file);
      for (Group g : rows) {
        if (r >= expected.rowCount()) {
          problems.add(expected.name() + ": part " + file.getFileName() + " has more rows than the in-memory table ("
              + expected.rowCount() + ")");
          break;
        }
        for (int c = 0; c < columns.size(); c++) {
          Column target = columns.get(c);
          int pc = indexOf(own, target.name());
          Object got = pc < 0 ? null : widen(ParquetFiles.decode(g, pc, own.get(pc)), own.get(pc), target);
          String where = expected.name() + " row " + r + " (" + file.getFileName() + ") column " + target.name();
          if (pc >= 0) {
            checkScale(problems, where, own.get(pc), ParquetFiles.decode(g, pc, own.get(pc)));
          }
          compare(problems, where, target, expectedValue(expected, c, r), got);
        }
        r++;
      }
    }
    assertThat(r).as("rows of all parts of %s together", expected.name()).isEqualTo(expected.rowCount());
    assertThat(problems).as("cells of the parts of %s that differ from the in-memory table (first %d shown)",
        expected.name(), MAX_REPORTED).isEmpty();
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Converts a value read from a part with a narrower column type to the unified column's type, losslessly. */
  private static Object widen(Object value, Column from, Column to) {
    if (value == null || from.type() == to.type()) {
      return value;
    }
    switch (from.type() + ">" + to.type()) {
      case "LONG>DOUBLE":
        long l = (Long) value;
        assertThat((long) (double) l).as("a LONG part value that a DOUBLE column holds exactly").isEqualTo(l);
        return (double) l;
      case "LONG>DECIMAL":
        return BigDecimal.valueOf((Long) value);
      case "DOUBLE>DECIMAL":
        // the engine's rule: a double in a decimal column is the decimal of its shortest text
        return new BigDecimal(Double.toString((Double) value));
      case "DATE>TIMESTAMP":
        return (Long) value * MICROS_PER_DAY;
      default:
        throw new AssertionError("widening " + from + " -> " + to + " is not covered by this test");
    }
  }

  /**
   * A cell of the in-memory table as the value the Parquet file must hold: {@code Boolean}, {@code Long} (LONG,
   * TIMESTAMP micros, DATE days), {@code Double}, {@code BigDecimal} or {@code String} (STRING, JSON), or null.
   */
  static Object expectedValue(Table t, int c, int r) {
    if (t.isNull(c, r)) {
      return null;
    }
    switch (t.schema().column(c).type()) {
      case BOOLEAN:
        return t.getBoolean(c, r);
      case LONG:
      case TIMESTAMP:
      case DATE:
        return t.getLong(c, r);
      case DOUBLE:
        return t.getDouble(c, r);
      case DECIMAL:
        return t.getDecimal(c, r);
      default:
        return t.getString(c, r);
    }
  }

  /** A decimal stored as a Parquet DECIMAL comes back at exactly its column's scale. */
  private static void checkScale(List<String> problems, String where, Column column, Object got) {
    if (got instanceof BigDecimal && column.type() == ColumnType.DECIMAL && column.precision() >= 1
        && column.precision() <= 38 && ((BigDecimal) got).scale() != column.scale()
        && problems.size() < MAX_REPORTED) {
      problems.add(where + ": read back at scale " + ((BigDecimal) got).scale() + ", but the column is " + column);
    }
  }

  private static void compare(List<String> problems, String where, Column column, Object want, Object got) {
    if (problems.size() >= MAX_REPORTED) {
      return;
    }
    if (want == null || got == null) {
      if (want != got) {
        problems.add(where + ": expected " + show(want) + " but was " + show(got));
      }
      return;
    }
    if (want instanceof Double && got instanceof Double) {
      if (Double.doubleToRawLongBits((Double) want) != Double.doubleToRawLongBits((Double) got)) {
        problems.add(where + ": expected double " + want + " but was " + got + " (not the same bits)");
      }
      return;
    }
    if (want instanceof BigDecimal && got instanceof BigDecimal) {
      BigDecimal w = (BigDecimal) want;
      BigDecimal g = (BigDecimal) got;
      if (w.compareTo(g) != 0) {
        problems.add(where + ": expected decimal " + w.toPlainString() + " but was " + g.toPlainString());
      }
      return;
    }
    if (!want.equals(got)) {
      problems.add(where + " (" + column.type() + "): expected " + show(want) + " but was " + show(got));
    }
  }

  private static String show(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName() + " " + (v instanceof String ? "\"" + v + "\"" : v);
  }
}
