package io.transmog.io.orc;

import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.spi.FormatOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The format options of the ORC writer (format name {@code orc}), parsed and checked. Immutable; parsing costs one map
 * lookup per key and is done once per opened file.
 *
 * <p>Options arrive as text, from {@code -O key=value} on the command line or from a {@link FormatOptions} map built
 * with the key constants of this class. Sizes accept the suffixes {@code k}, {@code m} and {@code g} (powers of 1024):
 *
 * <table>
 *   <caption>ORC format options</caption>
 *   <tr><th>Key</th><th>Values</th><th>Default</th><th>Effect</th></tr>
 *   <tr><td>{@value #COMPRESSION}</td><td>{@code zstd}, {@code snappy}, {@code zlib}, {@code none}
 *       ({@code uncompressed} is an alias)</td><td>{@code zstd}</td><td>Codec of every stream of every stripe; recorded
 *       in the file's postscript.</td></tr>
 *   <tr><td>{@value #STRIPE_SIZE}</td><td>1k to 1g</td><td>64m</td>
 *       <td>Target stripe size. A stripe is buffered in memory until it is full, so this bounds the heap each open
 *       writer uses (ORC shrinks it further when many writers are open, see the README).</td></tr>
 *   <tr><td>{@value #ROW_INDEX_STRIDE}</td><td>0 (no row index), or 1000 and more</td><td>10000</td>
 *       <td>Rows between two entries of the row index, which lets readers skip row groups by their min/max
 *       statistics.</td></tr>
 *   <tr><td>{@value #BLOOM_FILTER_COLUMNS}</td><td>comma-separated column names</td><td>none</td>
 *       <td>Columns that get a bloom filter per row group (needs a row index). A name that a table does not have is
 *       ignored for that table, since the same options apply to every table of a run.</td></tr>
 * </table>
 *
 * @param compression the stream codec
 * @param stripeSize the target stripe size in bytes, 1 KiB to 1 GiB
 * @param rowIndexStride the rows per row-index entry: 0 (no index) or at least 1000
 * @param bloomFilterColumns the names of the columns that get bloom filters, possibly empty
 */
public record OrcOptions(
    Compression compression, long stripeSize, int rowIndexStride, List<String> bloomFilterColumns) {

  /** Option key of the stream codec. */
  public static final String COMPRESSION = "compression";
  /** Option key of the target stripe size. */
  public static final String STRIPE_SIZE = "stripeSize";
  /** Option key of the row-index stride. */
  public static final String ROW_INDEX_STRIDE = "rowIndexStride";
  /** Option key of the bloom-filter column list. */
  public static final String BLOOM_FILTER_COLUMNS = "bloomFilterColumns";

  /** Every option key the ORC writer accepts, in documentation order. */
  public static final Set<String> KEYS = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of(COMPRESSION, STRIPE_SIZE, ROW_INDEX_STRIDE, BLOOM_FILTER_COLUMNS)));

  /** Default codec: Zstandard, small files at close to snappy's speed (ORC Java's own default is zlib). */
  public static final Compression DEFAULT_COMPRESSION = Compression.ZSTD;
  /** Default stripe size: 64 MiB, ORC Java's default. */
  public static final long DEFAULT_STRIPE_SIZE = 64L * 1024 * 1024;
  /** Default row-index stride: 10,000 rows, ORC Java's default. */
  public static final int DEFAULT_ROW_INDEX_STRIDE = 10_000;

  /** Smallest accepted stripe size: 1 KiB. */
  public static final long MIN_STRIPE_SIZE = 1024;
  /** Largest accepted stripe size: 1 GiB; a stripe is buffered on the heap before it is written. */
  public static final long MAX_STRIPE_SIZE = 1024L * 1024 * 1024;
  /** Smallest non-zero row-index stride ORC accepts. */
  public static final int MIN_ROW_INDEX_STRIDE = 1000;

  private static final OrcOptions DEFAULTS =
      new OrcOptions(DEFAULT_COMPRESSION, DEFAULT_STRIPE_SIZE, DEFAULT_ROW_INDEX_STRIDE, List.of());

  /**
   * Validates the components and copies the column list.
   *
   * @param compression the stream codec
   * @param stripeSize the target stripe size in bytes
   * @param rowIndexStride the rows per row-index entry, 0 for none
   * @param bloomFilterColumns the bloom-filter column names
   * @throws TransmogConfigurationException if a value is out of its range; the message names the option
   * @throws NullPointerException if {@code compression} or {@code bloomFilterColumns} is null
   */
  public OrcOptions {
    Objects.requireNonNull(compression, "compression must not be null");
    Objects.requireNonNull(bloomFilterColumns, "bloomFilterColumns must not be null");
    bloomFilterColumns = List.copyOf(bloomFilterColumns);
    if (stripeSize < MIN_STRIPE_SIZE || stripeSize > MAX_STRIPE_SIZE) {
      throw new TransmogConfigurationException(
          "format option " + STRIPE_SIZE + ": expected 1k to 1g bytes (suffixes k, m, g), was " + stripeSize);
    }
    checkStride(rowIndexStride);
    for (String name : bloomFilterColumns) {
      checkBloomFilterColumn(name);
    }
    if (!bloomFilterColumns.isEmpty() && rowIndexStride == 0) {
      // ORC keeps bloom filters in the row index; without one it would drop them silently
      throw new TransmogConfigurationException("format option " + BLOOM_FILTER_COLUMNS
          + " needs a row index, but " + ROW_INDEX_STRIDE + " is 0");
    }
  }

  /**
   * Returns the defaults: zstd, 64 MiB stripes, a row-index entry every 10,000 rows, no bloom filters.
   *
   * @return the default options
   */
  public static OrcOptions defaults() {
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
  public static OrcOptions parse(FormatOptions options) {
    Objects.requireNonNull(options, "options must not be null");
    for (String key : options.keys()) {
      if (!KEYS.contains(key)) {
        // The engine already rejects unknown keys, but a direct caller would otherwise lose a typo silently.
        throw new TransmogConfigurationException(
            "unknown orc format option \"" + key + "\"; accepted: " + String.join(", ", KEYS));
      }
    }
    long stride = options.getLong(ROW_INDEX_STRIDE, DEFAULT_ROW_INDEX_STRIDE);
    // range check before the int cast, so that a huge value is reported as given rather than wrapped
    if (stride < 0 || stride > Integer.MAX_VALUE) {
      throw new TransmogConfigurationException("format option " + ROW_INDEX_STRIDE + ": expected 0 or "
          + MIN_ROW_INDEX_STRIDE + " to " + Integer.MAX_VALUE + ", was \""
          + options.get(ROW_INDEX_STRIDE).orElse("") + "\"");
    }
    return new OrcOptions(
        options.get(COMPRESSION).map(Compression::parse).orElse(DEFAULT_COMPRESSION),
        options.getLong(STRIPE_SIZE, DEFAULT_STRIPE_SIZE),
        (int) stride,
        options.get(BLOOM_FILTER_COLUMNS).map(OrcOptions::parseColumnList).orElse(List.of()));
  }

  /**
   * Returns these options as text, with every key present, so that {@code parse(o.toFormatOptions()).equals(o)}.
   *
   * @return the format options
   */
  public FormatOptions toFormatOptions() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(COMPRESSION, compression.optionValue());
    map.put(STRIPE_SIZE, Long.toString(stripeSize));
    map.put(ROW_INDEX_STRIDE, Integer.toString(rowIndexStride));
    map.put(BLOOM_FILTER_COLUMNS, String.join(",", bloomFilterColumns));
    return FormatOptions.of(map);
  }

  private static List<String> parseColumnList(String value) {
    List<String> names = new ArrayList<>();
    if (value.isBlank()) {
      return names;
    }
    for (String part : value.split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) {
        throw new TransmogConfigurationException("format option " + BLOOM_FILTER_COLUMNS
            + ": expected comma-separated column names, found an empty name in \"" + value + "\"");
      }
      names.add(name);
    }
    return names;
  }

  private static void checkStride(long stride) {
    if (stride != 0 && (stride < MIN_ROW_INDEX_STRIDE || stride > Integer.MAX_VALUE)) {
      throw new TransmogConfigurationException("format option " + ROW_INDEX_STRIDE + ": expected 0 (no row index) or "
          + MIN_ROW_INDEX_STRIDE + " to " + Integer.MAX_VALUE + ", was " + stride);
    }
  }

  private static void checkBloomFilterColumn(String name) {
    Objects.requireNonNull(name, "bloom filter column name must not be null");
    if (name.isEmpty()) {
      throw new TransmogConfigurationException("format option " + BLOOM_FILTER_COLUMNS + ": empty column name");
    }
    // ORC Java selects bloom-filter columns by a comma-separated list of dotted paths (OrcUtils.includeColumns), so a
    // top-level column whose name holds '.' or ',' cannot be selected; refusing beats silently writing no filter.
    if (name.indexOf('.') >= 0 || name.indexOf(',') >= 0) {
      throw new TransmogConfigurationException("format option " + BLOOM_FILTER_COLUMNS + ": column \"" + name
          + "\" contains '.' or ',', which ORC cannot select for a bloom filter");
    }
  }

  /** The codec applied to every stream; all four are part of the ORC format and read by every ORC reader. */
  public enum Compression {
    /** Zstandard (zstd-jni, level 3); option value {@code zstd}. */
    ZSTD("zstd"),
    /** Snappy (snappy-java), fast with moderate ratio; option value {@code snappy}. */
    SNAPPY("snappy"),
    /** Zlib/deflate (the JDK's {@code java.util.zip}), slow with good ratio; option value {@code zlib}. */
    ZLIB("zlib"),
    /** No compression; option value {@code none}, or {@code uncompressed}. */
    NONE("none");

    private final String optionValue;

    Compression(String optionValue) {
      this.optionValue = optionValue;
    }

    /**
     * Returns the option value that selects this codec.
     *
     * @return for example {@code zstd}
     */
    public String optionValue() {
      return optionValue;
    }

    /**
     * Parses an option value, ignoring case; {@code uncompressed} means {@link #NONE} (the Parquet plugin's spelling).
     *
     * @param value {@code zstd}, {@code snappy}, {@code zlib}, {@code none} or {@code uncompressed}
     * @return the codec
     * @throws TransmogConfigurationException for any other value
     */
    public static Compression parse(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.equals("uncompressed")) {
        return NONE;
      }
      for (Compression c : values()) {
        if (c.optionValue.equals(v)) {
          return c;
        }
      }
      throw new TransmogConfigurationException("format option " + COMPRESSION
          + ": expected zstd, snappy, zlib or none (or uncompressed), was \"" + value + "\"");
    }
  }
}
