package io.transmog.core.internal.ids;

import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Makes row IDs for one run according to its {@link IdStrategy}. Child rows of the hashing strategies get
 * {@code hash(parent ID, 0, table name, 0, array index)}, so a child's ID depends only on its ancestry and position:
 * the same in every run, chunking and split. One instance per run; not thread-safe.
 */
public final class IdMaker {
  private final IdStrategy strategy;
  private final RandomIds random;
  private final byte[] sourceName;
  private byte[] scratch = new byte[128];
  private final byte[] zero = {0};

  /**
   * Creates the ID maker of a run.
   *
   * @param options the options
   * @param source the input's name; only its last path segment enters location-based IDs
   */
  public IdMaker(TransmogOptions options, String source) {
    this.strategy = options.idStrategy();
    this.random = strategy instanceof IdStrategy.Random || strategy instanceof IdStrategy.Custom
        ? new RandomIds() : null;
    String name = source;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    this.sourceName = name.substring(slash + 1).getBytes(StandardCharsets.UTF_8);
  }

  /** @return whether each record is first copied to canonical bytes (content hash, root fields, natural keys) */
  public boolean needsCanonicalRecord() {
    return strategy.needsWholeRecord();
  }

  /** @return the strategy */
  public IdStrategy strategy() {
    return strategy;
  }

  /**
   * Makes a main-table row's ID.
   *
   * @param table the table name
   * @param record the record number
   * @param offset the record's input offset, or -1
   * @param content the canonical record bytes (hashing strategies), or null
   * @param contentLength their length
   * @param key the root key text (root fields or natural key), or null to use the content
   * @param out receives the ID
   */
  public void rootId(String table, long record, long offset, byte[] content, int contentLength, String key,
      RowId out) {
    if (strategy instanceof IdStrategy.Random) {
      random.next(true, out);
    } else if (strategy instanceof IdStrategy.Custom) {
      out.set(custom(new IdStrategy.IdContext(table, Optional.empty(), -1, record, offset)));
    } else if (strategy instanceof IdStrategy.ByLocation) {
      int n = 0;
      n = put(n, sourceName, sourceName.length);
      n = putLong(n, offset >= 0 ? offset : record);
      Murmur3.uuid(scratch, 0, n, out);
    } else if (strategy instanceof IdStrategy.Natural && key != null) {
      out.set(key);
    } else if (key != null) { // deterministic over root fields
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      Murmur3.uuid(k, 0, k.length, out);
    } else {
      Murmur3.uuid(content, 0, contentLength, out);
    }
  }

  /**
   * Makes a child row's ID.
   *
   * @param table the child table's name
   * @param parent the parent row's ID
   * @param index the position in the parent array
   * @param record the record number
   * @param offset the record's input offset, or -1
   * @param naturalKey the natural key text for tables that have one, or null
   * @param out receives the ID (not the same instance as {@code parent})
   */
  public void childId(String table, RowId parent, long index, long record, long offset, String naturalKey,
      RowId out) {
    if (strategy instanceof IdStrategy.Random) {
      random.next(false, out); // the millisecond read for the record's main row
      return;
    }
    if (strategy instanceof IdStrategy.Custom) {
      out.set(custom(new IdStrategy.IdContext(table, Optional.of(parent.text()), index, record, offset)));
      return;
    }
    if (naturalKey != null) {
      out.set(parent.text() + "/" + naturalKey);
      return;
    }
    int n = 0;
    if (parent.isAscii()) {
      n = put(n, parent.asciiBytes(), parent.asciiLength());
    } else {
      byte[] p = parent.text().getBytes(StandardCharsets.UTF_8);
      n = put(n, p, p.length);
    }
    n = put(n, zero, 1);
    byte[] t = table.getBytes(StandardCharsets.UTF_8);
    n = put(n, t, t.length);
    n = put(n, zero, 1);
    n = putLong(n, index);
    Murmur3.uuid(scratch, 0, n, out);
  }

  private String custom(IdStrategy.IdContext ctx) {
    String id = ((IdStrategy.Custom) strategy).function().id(ctx);
    if (id == null || id.isEmpty()) {
      throw new IllegalStateException("the custom IdStrategy returned " + (id == null ? "null" : "an empty ID")
          + " for table " + ctx.table() + ", record " + ctx.record());
    }
    return id;
  }

  private int put(int at, byte[] b, int len) {
    ensure(at + len);
    System.arraycopy(b, 0, scratch, at, len);
    return at + len;
  }

  private int putLong(int at, long v) {
    ensure(at + 8);
    for (int i = 0; i < 8; i++) {
      scratch[at + i] = (byte) (v >>> (8 * i));
    }
    return at + 8;
  }

  private void ensure(int size) {
    if (size > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(size, scratch.length * 2));
    }
  }
}
