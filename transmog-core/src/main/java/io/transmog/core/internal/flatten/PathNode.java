package io.transmog.core.internal.flatten;

import java.util.HashMap;

/**
 * One field path within one table (e.g. {@code customer.address} in {@code orders}), interned: the joined column name is
 * computed once per path, never per row, and the column index and child table are cached here. Lookups by field name
 * hit Jackson's canonicalised name strings, so {@code equals} is an identity check.
 */
final class PathNode {
  /** The sanitised path joined with the separator; empty for a table's root. */
  final String joined;
  private final String separator;
  private HashMap<String, PathNode> children;
  /** The column index in the owning table, or -1 before the path held a value. */
  int column = -1;
  /** The child table made by an array at this path, or null. */
  TableState childTable;

  /** Recently seen short text values of this path, so repeated values (status codes, countries) share one String. */
  private String[] recent;

  PathNode(String joined, String separator) {
    this.joined = joined;
    this.separator = separator;
  }

  /**
   * Returns a String for text the parser holds in its buffer, reusing the one made last time this path held the same
   * short text. Why: most text columns repeat a few values, and one String per cell was the largest share of the
   * allocation per record; a direct-mapped cache of 64 slots costs one hash over the characters on a miss.
   */
  String text(char[] chars, int offset, int length) {
    if (length > MAX_CACHED) {
      return new String(chars, offset, length);
    }
    int h = length;
    for (int i = 0; i < length; i++) {
      h = 31 * h + chars[offset + i];
    }
    if (recent == null) {
      recent = new String[SLOTS];
    }
    int slot = (h ^ (h >>> 7) ^ (h >>> 16)) & (SLOTS - 1);
    String s = recent[slot];
    if (s != null && s.length() == length) {
      int i = 0;
      while (i < length && s.charAt(i) == chars[offset + i]) {
        i++;
      }
      if (i == length) {
        return s;
      }
    }
    s = new String(chars, offset, length);
    recent[slot] = s;
    return s;
  }

  private static final int SLOTS = 64;
  private static final int MAX_CACHED = 48;

  /**
   * The children in the order the latest object at this path listed its fields. Why: records of one input mostly list
   * the same fields in the same order, and Jackson hands out one canonical String per field name, so the child at a
   * field's position is found by one identity comparison; a hash lookup per field was a tenth of the engine's time.
   * A field at another position falls back to the map and takes the slot.
   */
  private String[] orderKeys = new String[0];
  private PathNode[] orderNodes;
  private static final int MAX_ORDER = 256;

  /**
   * Returns the child for the field {@code key} found at {@code position} in its object.
   *
   * @param key the field name as the parser gave it
   * @param position the 0-based position of the field in its object
   */
  PathNode child(String key, int position) {
    String[] keys = orderKeys;
    if (position < keys.length && keys[position] == key) {
      return orderNodes[position];
    }
    PathNode n = child(key);
    if (position < MAX_ORDER) {
      if (position >= keys.length) {
        int size = Math.min(MAX_ORDER, Math.max(8, Math.max(position + 1, keys.length * 2)));
        orderKeys = java.util.Arrays.copyOf(keys, size);
        orderNodes = orderNodes == null ? new PathNode[size] : java.util.Arrays.copyOf(orderNodes, size);
      }
      orderKeys[position] = key;
      orderNodes[position] = n;
    }
    return n;
  }

  PathNode child(String key) {
    if (children == null) {
      children = new HashMap<>();
    }
    PathNode n = children.get(key);
    if (n == null) {
      String seg = Names.sanitize(key);
      n = new PathNode(joined.isEmpty() ? seg : joined + separator + seg, separator);
      children.put(key, n);
    }
    return n;
  }
}
