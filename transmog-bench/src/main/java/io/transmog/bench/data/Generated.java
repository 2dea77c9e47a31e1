package io.transmog.bench.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a generation run produced.
 *
 * @param variant the shape
 * @param layout JSON Lines or one top-level array
 * @param seed the seed
 * @param records the records written
 * @param bytes the bytes written
 * @param expectedRows the rows Transmog (SMART arrays, main table named {@link Variant#tableName()}) must make per
 *     table, main table first
 */
public record Generated(Variant variant, Layout layout, long seed, long records, long bytes,
    Map<String, Long> expectedRows) {
  /** Copies the map, keeping its order. */
  public Generated {
    expectedRows = Collections.unmodifiableMap(new LinkedHashMap<>(expectedRows));
  }

  static Generated of(Variant variant, Layout layout, long seed, long records, long bytes, RecordWriter w) {
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> tables = w.tables();
    for (int i = 0; i < tables.size(); i++) {
      rows.put(tables.get(i), w.rows()[i]);
    }
    return new Generated(variant, layout, seed, records, bytes, rows);
  }

  /** @return the rows of all tables together */
  public long totalRows() {
    return expectedRows.values().stream().mapToLong(Long::longValue).sum();
  }
}
