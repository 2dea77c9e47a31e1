package io.transmog.io.orc;

import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Shared test data: a table with every column type, including both decimal mappings, and helpers to write it. */
public final class Fixtures {
  private Fixtures() {}

  /** Columns of {@link #allTypes()}: one per column type, and one per decimal mapping. */
  public static TableSchema allTypesSchema(String table) {
    return TableSchema.of(table, null, List.of(
        col("_id", ColumnType.STRING),
        col("flag", ColumnType.BOOLEAN),
        col("n", ColumnType.LONG),
        col("x", ColumnType.DOUBLE),
        col("s", ColumnType.STRING),
        col("j", ColumnType.JSON),
        new Column("d9", ColumnType.DECIMAL, 9, 2),
        new Column("d18", ColumnType.DECIMAL, 18, 4),
        new Column("d38", ColumnType.DECIMAL, 38, 10),
        new Column("dwide", ColumnType.DECIMAL, 50, 5), // text: over 38 digits
        new Column("dunknown", ColumnType.DECIMAL, 0, 0), // text: precision unknown
        col("ts", ColumnType.TIMESTAMP),
        col("day", ColumnType.DATE)));
  }

  /** Rows of {@link #allTypesSchema}: extremes, negatives, empty text, unicode, and an all-null row. */
  public static Object[][] allTypes() {
    return new Object[][] {
      {"r1", true, Long.MAX_VALUE, 3.0, "plain", "{\"a\":[1,\"x,y\"],\"q\":\"\\\"\"}",
          dec("1234567.89"), dec("99999999999999.9999"), dec("1234567890123456789012345678.0123456789"),
          dec("123456789012345678901234567890123456789012345.67891"), dec("1E+3"),
          micros("2024-02-29T12:34:56.123456Z"), days("2024-02-29")},
      {"r2", false, Long.MIN_VALUE, -0.1, "", "[1,2,3]",
          dec("-9999999.99"), dec("-0.0001"), dec("-9999999999999999999999999999.9999999999"),
          dec("-1"), dec("-0.000000000000000000000000000000000000000000001"),
          micros("1969-12-31T23:59:58.000001Z"), days("1969-12-31")},
      {"r3", null, null, null, null, null, null, null, null, null, null, null, null},
      {"r4", true, 0L, 1.0E300, "東京 👍🏽 naïve", "\"just a string\"",
          dec("5"), dec("0"), dec("0.5"), dec("0"), dec("12345678901234567890123456789012345678901234567890.5"),
          0L, 0L},
      {"r5", false, -42L, Double.MIN_VALUE, "x", "null",
          dec("0.01"), dec("-99999999999999.9999"), dec("9999999999999999999999999999.999999999"),
          dec("1.5"), dec("-7"), micros("9999-12-31T23:59:59.999999Z"), days("0001-01-01")},
      {"r6", true, 1L, -Double.MAX_VALUE, "line\nbreak\ttab \"quoted\"", "{}",
          dec("0.00"), dec("1"), dec("-0.0000000001"), dec("0.00001"), dec("0"),
          micros("1582-10-04T23:59:59.999999Z"), days("1582-10-04")},
    };
  }

  /**
   * Writes one batch (when rows are given) through a provider and closes the writer.
   *
   * @return the target file
   */
  public static Path write(TableWriterProvider provider, Path target, TableSchema schema, Map<String, String> options,
      Object[]... rows) {
    try (TableWriter writer = provider.open(new WriterContext(schema, target, FormatOptions.of(options)))) {
      if (rows.length > 0) {
        writer.write(new ArrayRowBatch(schema, rows));
      }
    }
    return target;
  }

  public static Column col(String name, ColumnType type) {
    return new Column(name, type);
  }

  public static BigDecimal dec(String text) {
    return new BigDecimal(text);
  }

  public static long micros(String instant) {
    Instant i = Instant.parse(instant);
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  public static long days(String date) {
    return LocalDate.parse(date).toEpochDay();
  }
}
