package io.transmog.core.internal.flatten;

import java.util.Set;

/**
 * The naming rules for columns and tables.
 *
 * <ul>
 *   <li>A field name is used as it is (Unicode included), except that an empty name becomes {@code _} and every
 *       control character (U+0000–U+001F, U+007F–U+009F) becomes {@code _}: such names break CSV headers and SQL.
 *   <li>Nested names are joined with the separator: {@code customer_address_city}.
 *   <li>Collisions: names are given in first-seen order; a later, different path whose name is taken gets the suffix
 *       {@code <sep>2}, {@code <sep>3}, … ({@code {"a_b":1,"a":{"b":2}}} gives {@code a_b} and {@code a_b_2}). The
 *       generated columns ({@code _id}, …) are taken first, so a data field {@code _id} becomes {@code _id_2}. The same
 *       rule applies to table names. Never a silent overwrite.
 * </ul>
 */
final class Names {
  private Names() {}

  static String sanitize(String key) {
    if (key.isEmpty()) {
      return "_";
    }
    char[] chars = null;
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i))) {
        if (chars == null) {
          chars = key.toCharArray();
        }
        chars[i] = '_';
      }
    }
    return chars == null ? key : new String(chars);
  }

  static String unique(String base, Set<String> taken, String separator) {
    if (taken.add(base)) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + separator + i;
      if (taken.add(candidate)) {
        return candidate;
      }
    }
  }
}
