package io.transmog.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * DuckDB (through its JDBC driver, in process, in memory) producing the same tables as Transmog's SMART mode from the
 * orders file: {@code orders}, {@code orders_line_items}, {@code orders_line_items_discounts} ({@code tags}, an array
 * of strings, stays inline as JSON text, as Transmog keeps it). Parent and child rows are linked by generated integer
 * row IDs: an order's row number, {@code (order << 20) + item position} for a line item and
 * {@code (item << 8) + discount position} for a discount.
 *
 * <p>The JSON is parsed once, with DuckDB's own schema detection ({@code read_json}, newline-delimited), into a
 * temporary table; three {@code COPY} statements then write the tables. DuckDB uses all cores (its default
 * {@code threads}) and its default memory limit.
 */
final class DuckDbRun {
  private DuckDbRun() {}

  /**
   * What a run did.
   *
   * @param records rows of the main table
   * @param settings DuckDB version and settings, for the record
   */
  record Outcome(long records, String settings) {}

  /** Loads the driver and its native library (extracted on first use), so that the timed run does not pay for it. */
  static void warmUp() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 42")) {
      rs.next();
    }
  }

  static Outcome run(Path input, Path outDir, String format, Map<String, Long> rows) throws SQLException,
      java.io.IOException {
    Files.createDirectories(outDir);
    String ext = format.equals("parquet") ? "parquet" : "csv";
    String copyOptions = format.equals("parquet") ? "(FORMAT parquet, COMPRESSION zstd)" : "(FORMAT csv, HEADER)";
    String in = sqlString(input.toAbsolutePath().toString());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      String settings = settings(s);
      s.execute("CREATE TEMP TABLE raw AS SELECT row_number() OVER () AS _rid, * FROM read_json(" + in
          + ", format = 'newline_delimited')");
      String orders = "SELECT _rid AS _id, id, created_at, updated_at, status, channel, currency,"
          + " customer.id AS customer_id, customer.name AS customer_name, customer.email AS customer_email,"
          + " customer.phone AS customer_phone, customer.loyalty_tier AS customer_loyalty_tier,"
          + " customer.customer_since AS customer_customer_since,"
          + " customer.address.street AS customer_address_street, customer.address.city AS customer_address_city,"
          + " customer.address.zip AS customer_address_zip, customer.address.country AS customer_address_country,"
          + " shipping.method AS shipping_method, shipping.carrier AS shipping_carrier, shipping.cost AS shipping_cost,"
          + " shipping.tracking_number AS shipping_tracking_number,"
          + " CASE WHEN len(tags) > 0 THEN to_json(tags) END AS tags,"
          + " payment.method AS payment_method, payment.amount AS payment_amount,"
          + " payment.currency AS payment_currency, payment.card_last4 AS payment_card_last4, notes"
          + " FROM raw";
      String items = "SELECT _rid, unnest(line_items) AS item, unnest(range(1, len(line_items) + 1)) AS pos FROM raw";
      String lineItems = "SELECT (_rid << 20) + pos AS _id, _rid AS _parent_id, item.sku AS sku, item.name AS name,"
          + " item.description AS description, item.category AS category, item.weight_kg AS weight_kg,"
          + " item.qty AS qty, item.unit_price AS unit_price FROM (" + items + ")";
      String discounts = "SELECT (item_id << 8) + pos AS _id, item_id AS _parent_id, d.code AS code, d.pct AS pct"
          + " FROM (SELECT item_id, unnest(ds) AS d, unnest(range(1, len(ds) + 1)) AS pos"
          + " FROM (SELECT (_rid << 20) + pos AS item_id, item.discounts AS ds FROM (" + items + ")))";
      long main = copy(s, orders, outDir.resolve("orders." + ext), copyOptions);
      rows.put("orders", main);
      rows.put("orders_line_items", copy(s, lineItems, outDir.resolve("orders_line_items." + ext), copyOptions));
      rows.put("orders_line_items_discounts",
          copy(s, discounts, outDir.resolve("orders_line_items_discounts." + ext), copyOptions));
      return new Outcome(main, settings);
    }
  }

  private static long copy(Statement s, String query, Path target, String options) throws SQLException {
    String sql = "COPY (" + query + ") TO " + sqlString(target.toAbsolutePath().toString()) + " " + options;
    if (s.execute(sql)) {
      try (ResultSet rs = s.getResultSet()) {
        rs.next();
        return rs.getLong(1);
      }
    }
    return s.getUpdateCount();
  }

  private static String settings(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT version(), current_setting('threads'), current_setting('memory_limit')")) {
      rs.next();
      return "duckdb " + rs.getString(1) + ", threads " + rs.getString(2) + ", memory_limit " + rs.getString(3);
    }
  }

  private static String sqlString(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
