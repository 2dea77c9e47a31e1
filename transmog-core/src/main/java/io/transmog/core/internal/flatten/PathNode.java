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

  PathNode(String joined, String separator) {
    this.joined = joined;
    this.separator = separator;
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
