package io.transmog.io.parquet.internal;

import org.apache.parquet.io.api.Binary;

/**
 * Remembers the UTF-8 form of a text column's values, for columns whose values repeat (status, currency, city,
 * product name): a repeated value reaches Parquet's dictionary as the object the dictionary already holds, so it is
 * neither hashed nor compared byte by byte there. Used by one thread; one instance per sampled column, dropped (see
 * {@link #retired()}) when it stops paying off.
 *
 * <p>Why it helps: the {@code Binary} handed to Parquet for a cached value is the very object Parquet's dictionary
 * stored as its key when it first saw the value ({@code copy()} of a constant {@code Binary} returns itself), so the
 * dictionary's equality test on a hit succeeds on its first check, array identity, instead of hashing the value and
 * comparing every byte. Values are looked up by their UTF-8 bytes, as the batch hands them over
 * ({@link Utf8Buffer#hash}, then {@link java.util.Arrays#equals(byte[], int, int, byte[], int, int)}): no
 * {@code String} is made. Each cached array is both the key and the bytes of its {@code Binary}, and is never
 * modified.
 *
 * <p>Bounds: at most {@value #MAX_ENTRIES} values, and only while at least half of the lookups hit (judged every
 * {@value #WINDOW} lookups); a column with many distinct values (names, emails) retires its cache after one window.
 */
final class ValueCache {
  /** Values kept at most; the table stays at most half full so probe sequences stay short. */
  static final int MAX_ENTRIES = 2048;
  /** Lookups between two checks of the hit rate. */
  static final int WINDOW = 8192;
  /** Total bytes of cached values at most, so a column of long texts cannot pin much memory. */
  static final int MAX_BYTES = 256 * 1024;

  private static final int SLOTS = 2 * MAX_ENTRIES; // a power of two

  private final byte[][] keys = new byte[SLOTS][];
  private final int[] hashes = new int[SLOTS];
  private final Binary[] values = new Binary[SLOTS];
  private int entries;
  private int bytes;
  private int lookups;
  private int hits;
  private boolean retired;
  /** The slot where the last missed value would go, or -1 if the cache takes no more values. */
  private int freeSlot = -1;
  private int missHash;

  /**
   * Looks a value up.
   *
   * @param text the value, the last read of the buffer
   * @return its cached form, or {@code null} (then {@link #admit} may add it)
   */
  Binary get(Utf8Buffer text) {
    if (++lookups == WINDOW) {
      // half of the lookups must hit, or handing the buffer over directly is cheaper than hashing first
      retired = hits < WINDOW / 2;
      lookups = 0;
      hits = 0;
    }
    int h = (int) text.hash();
    int i = (h ^ (h >>> 16)) * 0x9E3779B1 >>> 20; // 12 bits: SLOTS = 4096
    while (true) {
      byte[] k = keys[i];
      if (k == null) {
        freeSlot = entries < MAX_ENTRIES && bytes < MAX_BYTES ? i : -1;
        missHash = h;
        return null;
      }
      if (hashes[i] == h && text.contentEquals(k)) {
        hits++;
        return values[i];
      }
      i = (i + 1) & (SLOTS - 1);
    }
  }

  /**
   * Adds the value just missed by {@link #get}, if there is room, and returns the form to hand to Parquet.
   *
   * @param text the buffer passed to the last {@link #get}, which returned {@code null}, still holding that value
   * @return a constant {@code Binary} now owned by the cache, or {@code text.binary()} itself if there is no room
   */
  Binary admit(Utf8Buffer text) {
    int i = freeSlot;
    if (i < 0) {
      return text.binary();
    }
    byte[] copy = text.copy();
    Binary b = Binary.fromConstantByteArray(copy);
    keys[i] = copy;
    hashes[i] = missHash;
    values[i] = b;
    entries++;
    bytes += copy.length;
    freeSlot = -1;
    return b;
  }

  /** @return whether the cache stopped paying off and should be dropped */
  boolean retired() {
    return retired;
  }
}
