package io.transmog.example.markdown;

import io.transmog.io.tck.ReadBack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A reader for the Markdown tables the plugin writes, independent of the writer's code: a header row, a delimiter row,
 * then rows; cells split at unescaped {@code |}, one space of padding taken off each side, then {@code \\}, {@code \|},
 * {@code \n} and {@code \r} unescaped.
 */
final class MarkdownTables {
  private MarkdownTables() {}

  static ReadBack read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (!text.endsWith("\n")) {
      throw new IOException(file + " does not end with a line feed");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 2) {
      throw new IOException(file + " has no header and delimiter row");
    }
    List<String> names = cells(lines[0], 1);
    List<String> rule = cells(lines[1], 2);
    if (rule.size() != names.size()) {
      throw new IOException(file + ": the delimiter row has " + rule.size() + " cells, the header " + names.size());
    }
    for (String r : rule) {
      if (!r.matches(":?-{3,}:?")) {
        throw new IOException(file + ": not a delimiter cell: " + r);
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      List<String> cells = cells(lines[i], i + 1);
      if (cells.size() != names.size()) {
        throw new IOException(file + " line " + (i + 1) + " has " + cells.size() + " cells, the header " + names.size());
      }
      rows.add(new ArrayList<>(cells));
    }
    return new ReadBack(names, rows);
  }

  /** Splits {@code | a | b |} into its unescaped cells. */
  static List<String> cells(String line, int number) throws IOException {
    if (!line.startsWith("|") || !line.endsWith("|") || line.length() < 2) {
      throw new IOException("line " + number + " is not a table row: " + line);
    }
    List<String> raw = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '\\' && i + 1 < line.length()) {
        cell.append(ch).append(line.charAt(++i));
      } else if (ch == '|') {
        raw.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (cell.length() > 0) {
      throw new IOException("line " + number + " does not end with an unescaped |: " + line);
    }
    List<String> out = new ArrayList<>(raw.size());
    for (String r : raw) {
      if (r.length() < 2 || r.charAt(0) != ' ' || r.charAt(r.length() - 1) != ' ') {
        throw new IOException("line " + number + ": cell without one space of padding each side: [" + r + "]");
      }
      out.add(unescape(r.substring(1, r.length() - 1)));
    }
    return out;
  }

  static String unescape(String s) throws IOException {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch != '\\') {
        out.append(ch);
        continue;
      }
      char next = s.charAt(++i);
      switch (next) {
        case '\\':
        case '|':
          out.append(next);
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        default:
          throw new IOException("unknown escape \\" + next + " in " + s);
      }
    }
    return out.toString();
  }
}
