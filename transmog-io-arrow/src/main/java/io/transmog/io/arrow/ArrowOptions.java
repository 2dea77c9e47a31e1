package io.transmog.io.arrow;

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
 * The format options of the Arrow writer (format name {@code arrow}), parsed and checked. Immutable; parsing costs one
 * map lookup per key and is done once per opened file.
 *
 * <p>Options arrive as text, from {@code -O key=value} on the command line or from a {@link FormatOptions} map built
 * with the key constants of this class. Values of the enumerated options are case-insensitive; {@value #BATCH_ROWS}
 * accepts the suffixes {@code k} and {@code m} (powers of 1024):
 *
 * <table>
 *   <caption>Arrow format options</caption>
 *   <tr><th>Key</th><th>Values</th><th>Default</th><th>Effect</th></tr>
 *   <tr><td>{@value #IPC_FORMAT}</td><td>{@code file}, {@code stream}</td><td>{@code file}</td>
 *       <td>{@code file}: the Arrow IPC file format (magic {@code ARROW1}, a footer for random access), which is
 *       Feather v2. {@code stream}: the IPC stream format (no footer, read sequentially). The file name keeps the
 *       {@code .arrow} extension either way.</td></tr>
 *   <tr><td>{@value #DICTIONARY}</td><td>{@code true}, {@code false}</td><td>{@code false}</td>
 *       <td>Dictionary-encode {@code STRING} columns: each distinct value is stored once, rows hold 32-bit indexes.
 *       Pays off for low-cardinality text; the writer keeps every distinct value of such a column in memory until the
 *       file is closed.</td></tr>
 *   <tr><td>{@value #COMPRESSION}</td><td>{@code none}, {@code lz4}, {@code zstd}</td><td>{@code none}</td>
 *       <td>IPC body compression of every buffer ({@code lz4} is LZ4 frame). Needs Arrow 1.0+ readers that include
 *       the codec (pyarrow does; DuckDB's arrow extension and some other readers may not).</td></tr>
 *   <tr><td>{@value #BATCH_ROWS}</td><td>1 to 16m</td><td>65536</td>
 *       <td>Rows per record batch. A batch is built in memory and written when full (and at close); a batch also ends
 *       early when one text column holds 256 MiB.</td></tr>
 * </table>
 *
 * @param ipcFormat the IPC format written
 * @param dictionary whether {@code STRING} columns are dictionary-encoded
 * @param compression the IPC body compression
 * @param batchRows rows per record batch, 1 to {@value #MAX_BATCH_ROWS}
 */
public record ArrowOptions(IpcFormat ipcFormat, boolean dictionary, Compression compression, int batchRows) {

  /** Option key of the IPC format, {@code file} or {@code stream}. */
  public static final String IPC_FORMAT = "ipcFormat";
  /** Option key of the dictionary-encoding switch for {@code STRING} columns. */
  public static final String DICTIONARY = "dictionary";
  /** Option key of the IPC body compression. */
  public static final String COMPRESSION = "compression";
  /** Option key of the rows per record batch. */
  public static final String BATCH_ROWS = "batchRows";

  /** Every option key the Arrow writer accepts, in documentation order. */
  public static final Set<String> KEYS = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of(IPC_FORMAT, DICTIONARY, COMPRESSION, BATCH_ROWS)));

  /** Default IPC format: the file format (Feather v2), which every Arrow reader opens by name. */
  public static final IpcFormat DEFAULT_IPC_FORMAT = IpcFormat.FILE;
  /** Default of {@value #DICTIONARY}: off, so that every reader sees plain {@code utf8} columns. */
  public static final boolean DEFAULT_DICTIONARY = false;
  /** Default compression: none, which every Arrow reader can read and which can be memory-mapped. */
  public static final Compression DEFAULT_COMPRESSION = Compression.NONE;
  /** Default rows per record batch: 65,536. */
  public static final int DEFAULT_BATCH_ROWS = 65_536;
  /** Largest accepted {@value #BATCH_ROWS}: 16,777,216 (16m); a batch is built in memory before it is written. */
  public static final int MAX_BATCH_ROWS = 16 * 1024 * 1024;

  private static final ArrowOptions DEFAULTS =
      new ArrowOptions(DEFAULT_IPC_FORMAT, DEFAULT_DICTIONARY, DEFAULT_COMPRESSION, DEFAULT_BATCH_ROWS);

  /**
   * Validates the components.
   *
   * @param ipcFormat the IPC format written
   * @param dictionary whether {@code STRING} columns are dictionary-encoded
   * @param compression the IPC body compression
   * @param batchRows rows per record batch
   * @throws TransmogConfigurationException if {@code batchRows} is out of range; the message names the option
   * @throws NullPointerException if {@code ipcFormat} or {@code compression} is null
   */
  public ArrowOptions {
    Objects.requireNonNull(ipcFormat, "ipcFormat must not be null");
    Objects.requireNonNull(compression, "compression must not be null");
    checkBatchRows(batchRows, Integer.toString(batchRows));
  }

  /**
   * Returns the defaults: the IPC file format, no dictionary encoding, no compression, 65,536 rows per batch.
   *
   * @return the default options
   */
  public static ArrowOptions defaults() {
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
  public static ArrowOptions parse(FormatOptions options) {
    Objects.requireNonNull(options, "options must not be null");
    for (String key : options.keys()) {
      if (!KEYS.contains(key)) {
        // The engine already rejects unknown keys, but a direct caller would otherwise lose a typo silently.
        throw new TransmogConfigurationException(
            "unknown arrow format option \"" + key + "\"; accepted: " + String.join(", ", KEYS));
      }
    }
    long batchRows = options.getLong(BATCH_ROWS, DEFAULT_BATCH_ROWS);
    // checked before the int cast, so that a huge value is reported as given rather than wrapped
    checkBatchRows(batchRows, options.get(BATCH_ROWS).orElse(""));
    return new ArrowOptions(
        options.get(IPC_FORMAT).map(IpcFormat::parse).orElse(DEFAULT_IPC_FORMAT),
        options.getBoolean(DICTIONARY, DEFAULT_DICTIONARY),
        options.get(COMPRESSION).map(Compression::parse).orElse(DEFAULT_COMPRESSION),
        (int) batchRows);
  }

  /**
   * Returns these options as text, with every key present, so that {@code parse(o.toFormatOptions()).equals(o)}.
   *
   * @return the format options
   */
  public FormatOptions toFormatOptions() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(IPC_FORMAT, ipcFormat.optionValue());
    map.put(DICTIONARY, Boolean.toString(dictionary));
    map.put(COMPRESSION, compression.optionValue());
    map.put(BATCH_ROWS, Integer.toString(batchRows));
    return FormatOptions.of(map);
  }

  private static void checkBatchRows(long batchRows, String given) {
    if (batchRows < 1 || batchRows > MAX_BATCH_ROWS) {
      throw new TransmogConfigurationException("format option " + BATCH_ROWS + ": expected 1 to " + MAX_BATCH_ROWS
          + " rows (suffixes k, m), was \"" + given + "\"");
    }
  }

  /** The two Arrow IPC formats. Both hold the same schema and record batches; they differ in framing. */
  public enum IpcFormat {
    /**
     * The IPC file format: {@code ARROW1} magic, the stream, then a footer indexing every batch (random access,
     * memory-mappable); this is Feather v2. Option value {@code file}.
     */
    FILE("file"),
    /** The IPC stream format: schema, batches and an end-of-stream marker, read front to back. Option value {@code stream}. */
    STREAM("stream");

    private final String optionValue;

    IpcFormat(String optionValue) {
      this.optionValue = optionValue;
    }

    /**
     * Returns the option value that selects this format.
     *
     * @return {@code file} or {@code stream}
     */
    public String optionValue() {
      return optionValue;
    }

    /**
     * Parses an option value, ignoring case.
     *
     * @param value {@code file} or {@code stream}
     * @return the format
     * @throws TransmogConfigurationException for any other value
     */
    public static IpcFormat parse(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      for (IpcFormat f : values()) {
        if (f.optionValue.equals(v)) {
          return f;
        }
      }
      throw new TransmogConfigurationException(
          "format option " + IPC_FORMAT + ": expected file or stream, was \"" + value + "\"");
    }
  }

  /** The IPC body compression: every buffer of a record or dictionary batch is compressed on its own. */
  public enum Compression {
    /** No compression; option value {@code none} (or {@code uncompressed}). */
    NONE("none"),
    /** LZ4 frame format (pure Java, commons-compress); fast, moderate ratio. Option value {@code lz4}. */
    LZ4("lz4"),
    /** Zstandard at level 3 (zstd-jni); smaller, slower. Option value {@code zstd}. */
    ZSTD("zstd");

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
     * Parses an option value, ignoring case; {@code uncompressed} means {@link #NONE} (Parquet's spelling).
     *
     * @param value {@code none}, {@code lz4}, {@code zstd} or {@code uncompressed}
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
      throw new TransmogConfigurationException(
          "format option " + COMPRESSION + ": expected none, lz4 or zstd, was \"" + value + "\"");
    }
  }
}
