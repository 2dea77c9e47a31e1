package io.transmog.bench.data;

import java.util.Locale;

/** The shapes of generated data. */
public enum Variant {
  /**
   * Realistic nested orders: customer with address, 1–8 line items with 0–2 discounts each, 0–4 string tags, payment;
   * about 1.7 KB a record. Tables (SMART arrays): {@code orders}, {@code orders_line_items},
   * {@code orders_line_items_discounts}; {@code tags} stays inline as JSON text.
   */
  ORDERS("orders"),
  /**
   * Deep and wide: four sections, each a chain of 11 nested objects (record depth 12) with 4–5 leaves per level, about
   * 200 leaf fields in all, plus one small array of objects at the bottom of the first chain. Tables {@code deep} and
   * one child table.
   */
  DEEP("deep"),
  /** One array of 1,000 small objects per record (about 75 KB a record). Tables {@code large} and {@code large_items}. */
  LARGE_ARRAY("large");

  private final String tableName;

  Variant(String tableName) {
    this.tableName = tableName;
  }

  /** @return the main table name the benchmarks flatten this variant under */
  public String tableName() {
    return tableName;
  }

  /**
   * Parses a command-line name: {@code orders}, {@code deep}, {@code large-array}.
   *
   * @param s the name
   * @return the variant
   */
  public static Variant parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    if (n.equals("large")) {
      return LARGE_ARRAY;
    }
    return valueOf(n.toUpperCase(Locale.ROOT));
  }

  /** @return the command-line name */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
