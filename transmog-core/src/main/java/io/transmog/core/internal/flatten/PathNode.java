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
