package io.transmog.core.internal.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns a table name into a safe file name. Table names come from JSON keys, so they may hold path separators
 * ({@code "../x"}), characters Windows refuses, or be longer than a file system allows; file names must never escape
 * the output directory. Rules: {@code / \ : * ? " < > |} and control characters become {@code _}; a name that is
 * {@code .} or {@code ..} or starts with {@code .} gets a {@code _} prefix; a name over 200 UTF-8 bytes is cut and gets
 * {@code ~} plus 8 hex digits of its SHA-256, so distinct long names stay distinct. Two tables whose safe names are
 * equal ignoring case (file systems that fold case) get {@code ~2}, {@code ~3}… in first-seen order. The manifest
 * keeps the real name. One instance per output directory; not thread-safe.
 */
public final class FileNames {
  private static final int MAX_BYTES = 200;

  private final java.util.Map<String, String> byTable = new java.util.HashMap<>();
  private final java.util.Set<String> used = new java.util.HashSet<>();

  /** Creates an allocator with no names taken. */
  public FileNames() {}

  /**
   * Returns the file name of a table.
   *
   * @param table the table name
   * @param extension the extension without the dot
   * @return {@code <safe-name>.<extension>}
   */
  public String forTable(String table, String extension) {
    return base(table) + "." + extension;
  }

  private String base(String table) {
    String b = byTable.get(table);
    if (b == null) {
      String safe = safe(table);
      b = safe;
      for (int i = 2; !used.add(b.toLowerCase(java.util.Locale.ROOT)); i++) {
        b = safe + "~" + i;
      }
      byTable.put(table, b);
    }
    return b;
  }

  /**
   * Returns the file name of one part of a table.
   *
   * @param table the table name
   * @param part the 0-based part number
   * @param extension the extension without the dot
   * @return {@code <safe-name>-<part, 5 digits>.<extension>}
   */
  public String forPart(String table, int part, String extension) {
    return base(table) + String.format(java.util.Locale.ROOT, "-%05d.", part) + extension;
  }

  static String safe(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean bad = c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>'
          || c == '|' || Character.isISOControl(c);
      sb.append(bad ? '_' : c);
    }
    if (sb.length() == 0 || sb.charAt(0) == '.') {
      sb.insert(0, '_');
    }
    String s = sb.toString();
    if (s.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return s;
    }
    StringBuilder cut = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > MAX_BYTES - 9) {
        break;
      }
      cut.appendCodePoint(cp);
      bytes += len;
      i += Character.charCount(cp);
    }
    return cut.append('~').append(hash(name)).toString();
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        hex.append(String.format(java.util.Locale.ROOT, "%02x", d[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
