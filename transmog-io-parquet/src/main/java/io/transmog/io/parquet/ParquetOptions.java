package io.transmog.io.parquet;

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
 * The format options of the Parquet writer (format name {@code parquet}), parsed and checked. Immutable; parsing costs
 * one map lookup per key and is done once per opened file.
 *
 * <p>Options arrive as text, from {@code -O key=value} on the command line or from a {@link FormatOptions} map built
 * with the key constants of this class. Sizes accept the suffixes {@code k}, {@code m} and {@code g} (powers of 1024):
 *
 * <table>
 *   <caption>Parquet format options</caption>
 *   <tr><th>Key</th><th>Values</th><th>Default</th><th>Effect</th></tr>
 *   <tr><td>{@value #COMPRESSION}</td><td>{@code zstd}, {@code snappy}, {@code gzip}, {@code uncompressed}
 *       ({@code none} is an alias)</td><td>{@code zstd}</td><td>Codec of every data and dictionary page.</td></tr>
 *   <tr><td>{@value #ZSTD_LEVEL}</td><td>1 to 22</td><td>3</td>
 *       <td>Zstandard level; higher is smaller and slower. Ignored by the other codecs.</td></tr>
 *   <tr><td>{@value #ROW_GROUP_SIZE}</td><td>1k to 1g</td><td>a share of a quarter of the maximum heap (see
 *       below)</td>
 *       <td>Target row-group size. A row group is buffered in memory until it is full, so this bounds the heap each
 *       open writer uses. Given, it is exact. Not given, the provider's open writers share a quarter of the maximum
 *       heap equally, each between 1m and 128m (one writer per table, per split when a file is read in splits):
 *       three tables in two splits at {@code -Xmx256m} get about 10.7m each, twenty tables 1.6m. {@link #rowGroupSize()}
 *       then reports {@link #defaultRowGroupSize(long)}, the size for eight writers.</td></tr>
 *   <tr><td>{@value #PAGE_SIZE}</td><td>1k to 1g</td><td>1m</td>
 *       <td>Target size of a data page, and the size at which a column's dictionary page gives up and falls back to
 *       plain encoding.</td></tr>
 *   <tr><td>{@value #DICTIONARY}</td><td>{@code true}, {@code false}</td><td>{@code true}</td>
 *       <td>Dictionary-encode columns while their dictionary stays under the page size.</td></tr>
 * </table>
 *
 * @param compression the page codec
 * @param zstdLevel the Zstandard level, 1 to 22 (kept, but unused, for other codecs)
 * @param rowGroupSize the target row-group size in bytes, 1 KiB to 1 GiB
 * @param pageSize the target page size in bytes, 1 KiB to 1 GiB
 * @param dictionary whether dictionary encoding is on
 */
public record ParquetOptions(
    Compression compression, int zstdLevel, long rowGroupSize, int pageSize, boolean dictionary) {

  /** Option key of the page codec. */
  public static final String COMPRESSION = "compression";
  /** Option key of the Zstandard level. */
  public static final String ZSTD_LEVEL = "zstdLevel";
  /** Option key of the target row-group size. */
  public static final String ROW_GROUP_SIZE = "rowGroupSize";
  /** Option key of the target page size. */
  public static final String PAGE_SIZE = "pageSize";
  /** Option key of the dictionary-encoding switch. */
  public static final String DICTIONARY = "dictionary";

  /** Every option key the Parquet writer accepts, in documentation order. */
  public static final Set<String> KEYS = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of(COMPRESSION, ZSTD_LEVEL, ROW_GROUP_SIZE, PAGE_SIZE, DICTIONARY)));

  /** Default codec: Zstandard, which gives files about as small as gzip at close to snappy's speed. */
  public static final Compression DEFAULT_COMPRESSION = Compression.ZSTD;
  /** Default Zstandard level, the library's own default and Parquet Java's. */
  public static final int DEFAULT_ZSTD_LEVEL = 3;
  /** Default row-group size: 128 MiB, Parquet Java's default. */
  public static final long DEFAULT_ROW_GROUP_SIZE = 128L * 1024 * 1024;
  /** Default page size: 1 MiB, Parquet Java's default. */
  public static final int DEFAULT_PAGE_SIZE = 1024 * 1024;
  /** Default of {@value #DICTIONARY}: on. */
  public static final boolean DEFAULT_DICTIONARY = true;

  /** Smallest accepted Zstandard level (the negative "fast" levels are not offered). */
  public static final int MIN_ZSTD_LEVEL = 1;
  /** Largest accepted Zstandard level. */
  public static final int MAX_ZSTD_LEVEL = 22;
  /** Smallest accepted row-group and page size: 1 KiB; below it the per-page overhead dominates. */
  public static final long MIN_SIZE = 1024;
  /** Largest accepted row-group and page size: 1 GiB; a row group is buffered on the heap before it is written. */
  public static final long MAX_SIZE = 1024L * 1024 * 1024;

  /**
   * The row-group size reported when none is given, and used by a writer opened outside the provider: {@link
   * #DEFAULT_ROW_GROUP_SIZE}, or 1/32 of the maximum heap if that is smaller, but at least 1 MiB. Writers opened by the
   * provider share a quarter of the heap instead, which is this size when eight writers are open. Why: every table of a run (of every split) buffers a row group at once, and Parquet
   * Java has no memory manager outside Hadoop's output format; with a 256 MiB heap, 8 writers of 128 MiB cannot fit.
   *
   * @param maxHeap the maximum heap in bytes ({@link Runtime#maxMemory()})
   * @return the row-group size in bytes
   */
  public static long defaultRowGroupSize(long maxHeap) {
    return Math.max(1024L * 1024, Math.min(DEFAULT_ROW_GROUP_SIZE, maxHeap / 32));
  }

  private static final ParquetOptions DEFAULTS = new ParquetOptions(
      DEFAULT_COMPRESSION, DEFAULT_ZSTD_LEVEL, defaultRowGroupSize(Runtime.getRuntime().maxMemory()),
      DEFAULT_PAGE_SIZE, DEFAULT_DICTIONARY);

  /**
   * Validates the components.
   *
   * @param compression the page codec
   * @param zstdLevel the Zstandard level
   * @param rowGroupSize the target row-group size in bytes
   * @param pageSize the target page size in bytes
   * @param dictionary whether dictionary encoding is on
   * @throws TransmogConfigurationException if a number is out of its range; the message names the option
   * @throws NullPointerException if {@code compression} is null
   */
  public ParquetOptions {
    Objects.requireNonNull(compression, "compression must not be null");
    if (zstdLevel < MIN_ZSTD_LEVEL || zstdLevel > MAX_ZSTD_LEVEL) {
      throw new TransmogConfigurationException("format option " + ZSTD_LEVEL + ": expected " + MIN_ZSTD_LEVEL + " to "
          + MAX_ZSTD_LEVEL + ", was " + zstdLevel);
    }
    checkSize(ROW_GROUP_SIZE, rowGroupSize);
    checkSize(PAGE_SIZE, pageSize);
  }

  /**
   * Returns the defaults: zstd at level 3, 128 MiB row groups (less on a heap under 4 GiB, see
   * {@link #defaultRowGroupSize(long)}), 1 MiB pages, dictionary encoding on.
   *
   * @return the default options
   */
  public static ParquetOptions defaults() {
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
  public static ParquetOptions parse(FormatOptions options) {
    Objects.requireNonNull(options, "options must not be null");
    for (String key : options.keys()) {
      if (!KEYS.contains(key)) {
        // The engine already rejects unknown keys, but a direct caller would otherwise lose a typo silently.
        throw new TransmogConfigurationException(
            "unknown parquet format option \"" + key + "\"; accepted: " + String.join(", ", KEYS));
      }
    }
    long zstdLevel = options.getLong(ZSTD_LEVEL, DEFAULT_ZSTD_LEVEL);
    long pageSize = options.getLong(PAGE_SIZE, DEFAULT_PAGE_SIZE);
    // Range checks before the int casts, so that a huge value is reported as given rather than wrapped.
    if (zstdLevel < MIN_ZSTD_LEVEL || zstdLevel > MAX_ZSTD_LEVEL) {
      throw new TransmogConfigurationException("format option " + ZSTD_LEVEL + ": expected " + MIN_ZSTD_LEVEL + " to "
          + MAX_ZSTD_LEVEL + ", was \"" + options.get(ZSTD_LEVEL).orElse("") + "\"");
    }
    checkSize(PAGE_SIZE, pageSize);
    return new ParquetOptions(
        options.get(COMPRESSION).map(Compression::parse).orElse(DEFAULT_COMPRESSION),
        (int) zstdLevel,
        options.getLong(ROW_GROUP_SIZE, defaultRowGroupSize(Runtime.getRuntime().maxMemory())),
        (int) pageSize,
        options.getBoolean(DICTIONARY, DEFAULT_DICTIONARY));
  }

  /**
   * Returns these options as text, with every key present, so that {@code parse(o.toFormatOptions()).equals(o)}.
   *
   * @return the format options
   */
  public FormatOptions toFormatOptions() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(COMPRESSION, compression.optionValue());
    map.put(ZSTD_LEVEL, Integer.toString(zstdLevel));
    map.put(ROW_GROUP_SIZE, Long.toString(rowGroupSize));
    map.put(PAGE_SIZE, Integer.toString(pageSize));
    map.put(DICTIONARY, Boolean.toString(dictionary));
    return FormatOptions.of(map);
  }

  private static void checkSize(String key, long bytes) {
    if (bytes < MIN_SIZE || bytes > MAX_SIZE) {
      throw new TransmogConfigurationException(
          "format option " + key + ": expected 1k to 1g bytes (suffixes k, m, g), was " + bytes);
    }
  }

  /** The codec applied to every page; all four are part of the Parquet format and read by every Parquet reader. */
  public enum Compression {
    /** Zstandard (zstd-jni), at {@link ParquetOptions#zstdLevel()}; option value {@code zstd}. */
    ZSTD("zstd"),
    /** Snappy (snappy-java), fast with moderate ratio; option value {@code snappy}. */
    SNAPPY("snappy"),
    /** Gzip (the JDK's {@code java.util.zip}), slow with good ratio; option value {@code gzip}. */
    GZIP("gzip"),
    /** No compression; option value {@code uncompressed}, or {@code none}. */
    UNCOMPRESSED("uncompressed");

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
     * Parses an option value, ignoring case; {@code none} means {@link #UNCOMPRESSED} (the CLI's spelling).
     *
     * @param value {@code zstd}, {@code snappy}, {@code gzip}, {@code uncompressed} or {@code none}
     * @return the codec
     * @throws TransmogConfigurationException for any other value
     */
    public static Compression parse(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.equals("none")) {
        return UNCOMPRESSED;
      }
      for (Compression c : values()) {
        if (c.optionValue.equals(v)) {
          return c;
        }
      }
      throw new TransmogConfigurationException("format option " + COMPRESSION
          + ": expected zstd, snappy, gzip or uncompressed (or none), was \"" + value + "\"");
    }
  }
}
