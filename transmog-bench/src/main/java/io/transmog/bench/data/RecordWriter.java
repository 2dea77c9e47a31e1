package io.transmog.bench.data;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Writes one generated record and counts the rows Transmog's SMART mode will make of it, per table. One instance per
 * generation run; not thread-safe.
 */
interface RecordWriter {
  /** @return the table names, main table first, in the order of {@link #rows()} */
  List<String> tables();

  /** @return rows per table so far, indexed like {@link #tables()} */
  long[] rows();

  /**
   * Writes record number {@code index} (0-based) as one JSON object.
   *
   * @param g the generator
   * @param index the record number
   * @throws IOException from the generator
   */
  void write(JsonGenerator g, long index) throws IOException;
}
