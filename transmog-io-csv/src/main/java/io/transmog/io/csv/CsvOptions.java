package io.transmog.io.csv;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.FormatOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The format options of the CSV writer (format name {@code csv}), parsed and checked. Immutable; parsing costs one map
 * lookup per key and is done once per opened file.
 *
 * <p>Options arrive as text, from {@code -O key=value} on the command line or from a {@link FormatOptions} map built
 * with the key constants of this class:
 *
 * <table>
 *   <caption>CSV format options</caption>
 *   <tr><th>Key</th><th>Values</th><th>Default</th><th>Effect</th></tr>
 *   <tr><td>{@value #DELIMITER}</td><td>one character; {@code \t} or {@code tab} for a tab</td><td>{@code ,}</td>
 *       <td>Field separator. Must not be the quote character {@code "}, CR or LF.</td></tr>
 *   <tr><td>{@value #HEADER}</td><td>{@code true}, {@code false}</td><td>{@code true}</td>
 *       <td>Writes the column names as the first record.</td></tr>
 *   <tr><td>{@value #LINE_SEPARATOR}</td><td>{@code crlf}, {@code lf}</td><td>{@code crlf}</td>
 *       <td>Record separator; RFC 4180 prescribes CRLF.</td></tr>
 *   <tr><td>{@value #BOM}</td><td>{@code true}, {@code false}</td><td>{@code false}</td>
 *       <td>Starts the file with a UTF-8 byte order mark (helps some spreadsheet programs detect UTF-8).</td></tr>
 *   <tr><td>{@value #FORMULA_GUARD}</td><td>{@code true}, {@code false}</td><td>{@code false}</td>
 *       <td>Prefixes text cells that a spreadsheet would run as a formula with {@code '}. <b>Alters data.</b></td></tr>
 * </table>
 *
 * <p><b>Formula guard.</b> When on, every header cell and every cell of a {@code STRING} or {@code JSON} column whose
 * text starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is written with a leading
 * single quote, as OWASP recommends against CSV injection. The written value is then no longer the input value (for
 * example the text {@code -5} becomes {@code '-5}), which is why the guard is off by default. Cells of numeric and
 * boolean columns are never altered.
 *
 * @param delimiter the field separator; never {@code "}, CR or LF
 * @param header whether the first record holds the column names
 * @param lineSeparator the record separator
 * @param bom whether the file starts with a UTF-8 byte order mark
 * @param formulaGuard whether text cells that look like spreadsheet formulas get a leading {@code '}
 */
public record CsvOptions(
    char delimiter, boolean header, LineSeparator lineSeparator, boolean bom, boolean formulaGuard) {

  /** Option key of the field separator. */
  public static final String DELIMITER = "delimiter";
  /** Option key of the header switch. */
  public static final String HEADER = "header";
  /** Option key of the record separator. */
  public static final String LINE_SEPARATOR = "lineSeparator";
  /** Option key of the byte order mark switch. */
  public static final String BOM = "bom";
  /** Option key of the formula-injection guard. */
  public static final String FORMULA_GUARD = "formulaGuard";

  /** Every option key the CSV writer accepts, in documentation order. */
  public static final Set<String> KEYS =
      Collections.unmodifiableSet(new LinkedHashSet<>(List.of(DELIMITER, HEADER, LINE_SEPARATOR, BOM, FORMULA_GUARD)));

  /** Default field separator: a comma. */
  public static final char DEFAULT_DELIMITER = ',';
  /** Default of {@value #HEADER}: a header record is written. */
  public static final boolean DEFAULT_HEADER = true;
  /** Default record separator: CRLF, as RFC 4180 prescribes. */
  public static final LineSeparator DEFAULT_LINE_SEPARATOR = LineSeparator.CRLF;
  /** Default of {@value #BOM}: no byte order mark. */
  public static final boolean DEFAULT_BOM = false;
  /** Default of {@value #FORMULA_GUARD}: off, because the guard alters data. */
  public static final boolean DEFAULT_FORMULA_GUARD = false;

  /** The quote character; fixed by RFC 4180 and not configurable. */
  public static final char QUOTE = '"';

  private static final CsvOptions DEFAULTS = new CsvOptions(
      DEFAULT_DELIMITER, DEFAULT_HEADER, DEFAULT_LINE_SEPARATOR, DEFAULT_BOM, DEFAULT_FORMULA_GUARD);

  /**
   * Validates the components.
   *
   * @param delimiter the field separator
   * @param header whether the first record holds the column names
   * @param lineSeparator the record separator
   * @param bom whether the file starts with a UTF-8 byte order mark
   * @param formulaGuard whether formula-like text cells get a leading {@code '}
   * @throws TransmogConfigurationException if the delimiter is the quote character, CR or LF
   * @throws NullPointerException if {@code lineSeparator} is null
   */
  public CsvOptions {
    Objects.requireNonNull(lineSeparator, "lineSeparator must not be null");
    // A delimiter equal to the quote or a line break makes the output impossible to parse back unambiguously.
    if (delimiter == QUOTE || delimiter == '\r' || delimiter == '\n') {
      throw new TransmogConfigurationException("format option " + DELIMITER + ": must not be the quote character "
          + "(\"), CR or LF, was " + describe(delimiter));
    }
  }

  /**
   * Returns the defaults: comma, header on, CRLF, no BOM, formula guard off.
   *
   * @return the default options
   */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Parses and checks text options. Absent keys take their defaults.
   *
   * @param options the format options
   * @return the typed options
   * @throws TransmogConfigurationException if a key is unknown or a value is invalid; the message names the option,
   *     the value and what is accepted
   */
  public static CsvOptions parse(FormatOptions options) {
    Objects.requireNonNull(options, "options must not be null");
    for (String key : options.keys()) {
      if (!KEYS.contains(key)) {
        // The engine already rejects unknown keys, but a direct caller would otherwise lose a typo silently.
        throw new TransmogConfigurationException(
            "unknown csv format option \"" + key + "\"; accepted: " + String.join(", ", KEYS));
      }
    }
    return new CsvOptions(
        options.getChar(DELIMITER, DEFAULT_DELIMITER),
        options.getBoolean(HEADER, DEFAULT_HEADER),
        options.get(LINE_SEPARATOR).map(LineSeparator::parse).orElse(DEFAULT_LINE_SEPARATOR),
        options.getBoolean(BOM, DEFAULT_BOM),
        options.getBoolean(FORMULA_GUARD, DEFAULT_FORMULA_GUARD));
  }

  /**
   * Returns these options as text, with every key present, so that {@code parse(o.toFormatOptions()).equals(o)}.
   *
   * @return the format options
   */
  public FormatOptions toFormatOptions() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(DELIMITER, delimiter == '\t' ? "tab" : String.valueOf(delimiter));
    map.put(HEADER, Boolean.toString(header));
    map.put(LINE_SEPARATOR, lineSeparator.name().toLowerCase(Locale.ROOT));
    map.put(BOM, Boolean.toString(bom));
    map.put(FORMULA_GUARD, Boolean.toString(formulaGuard));
    return FormatOptions.of(map);
  }

  private static String describe(char c) {
    switch (c) {
      case '\r':
        return "CR";
      case '\n':
        return "LF";
      default:
        return "\"" + c + "\"";
    }
  }

  /** The record separator written after each record. */
  public enum LineSeparator {
    /** Carriage return and line feed, as RFC 4180 prescribes; option value {@code crlf}. */
    CRLF("\r\n"),
    /** A line feed only, as most Unix tools expect; option value {@code lf}. */
    LF("\n");

    private final String chars;

    LineSeparator(String chars) {
      this.chars = chars;
    }

    /**
     * Returns the characters written after each record.
     *
     * @return {@code "\r\n"} or {@code "\n"}
     */
    public String chars() {
      return chars;
    }

    /**
     * Parses an option value, ignoring case.
     *
     * @param value {@code crlf} or {@code lf}
     * @return the separator
     * @throws TransmogConfigurationException for any other value
     */
    public static LineSeparator parse(String value) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "crlf":
          return CRLF;
        case "lf":
          return LF;
        default:
          throw new TransmogConfigurationException(
              "format option " + LINE_SEPARATOR + ": expected crlf or lf, was \"" + value + "\"");
      }
    }
  }
}
