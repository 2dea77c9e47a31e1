package io.transmog.core.internal.stream;

import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unions the schemas one table got in different splits of a run, by the lattice documented on {@link ColumnType}, for
 * the table-level columns of the manifest (each part file keeps its own schema).
 */
final class Schemas {
  private Schemas() {}

  /**
   * Every column of {@code a} in its order, then the new ones of {@code b}; a column in both gets the wider type.
   *
   * @param a the first schema
   * @param b the second schema
   * @return the union
   */
  static TableSchema union(TableSchema a, TableSchema b) {
    Map<String, Column> cols = new LinkedHashMap<>();
    for (Column c : a.columns()) {
      cols.put(c.name(), c);
    }
    for (Column c : b.columns()) {
      cols.merge(c.name(), c, Schemas::wider);
    }
    return new TableSchema(a.table(), a.parent(), new ArrayList<>(cols.values()));
  }

  /**
   * The type both columns' values fit. Without the values at hand, LONG with DOUBLE gives DOUBLE (the engine gives
   * DECIMAL when an integer beyond 2^53 met a double within one split; that part's own schema says so).
   */
  static Column wider(Column x, Column y) {
    ColumnType a = x.type();
    ColumnType b = y.type();
    if (a == b) {
      if (a == ColumnType.DECIMAL) {
        int scale = Math.max(x.scale(), y.scale());
        int intDigits = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
        return new Column(x.name(), a, intDigits + scale, scale);
      }
      return x;
    }
    if (a == ColumnType.JSON || b == ColumnType.JSON) {
      return new Column(x.name(), ColumnType.JSON);
    }
    if (numeric(a) && numeric(b)) {
      if (a == ColumnType.DECIMAL || b == ColumnType.DECIMAL) {
        Column d = a == ColumnType.DECIMAL ? x : y;
        Column other = d == x ? y : x;
        // a long needs up to 19 integer digits; a double joining a decimal keeps the decimal's scale
        int intDigits = Math.max(d.precision() - d.scale(), other.type() == ColumnType.LONG ? 19
            : d.precision() - d.scale());
        return new Column(x.name(), ColumnType.DECIMAL, intDigits + d.scale(), d.scale());
      }
      return new Column(x.name(), ColumnType.DOUBLE);
    }
    if ((a == ColumnType.DATE && b == ColumnType.TIMESTAMP) || (a == ColumnType.TIMESTAMP && b == ColumnType.DATE)) {
      return new Column(x.name(), ColumnType.TIMESTAMP);
    }
    return new Column(x.name(), ColumnType.STRING);
  }

  private static boolean numeric(ColumnType t) {
    return t == ColumnType.LONG || t == ColumnType.DOUBLE || t == ColumnType.DECIMAL;
  }

}
