package io.transmog.spark;

import io.transmog.api.TransmogConfigurationException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.storage.StorageLevel;

/**
 * How {@link SparkFlattenResult#write(String, SparkOutput)} writes: the format of Spark's writer for every table
 * ({@code parquet}, {@code orc}, {@code json}, {@code csv}, or any data source on the class path), its options
 * (passed to {@code DataFrameWriter.options}: {@code compression}, {@code maxRecordsPerFile}, …), whether existing
 * table directories are replaced, and where the flattened rows are kept while the tables are written one after the
 * other.
 *
 * <p>Immutable; build with {@link #builder()} or {@link #of(String)}.
 */
public final class SparkOutput {
  private final String format;
  private final Map<String, String> options;
  private final boolean overwrite;
  private final StorageLevel cacheLevel;

  private SparkOutput(Builder b) {
    this.format = b.format;
    this.options = Map.copyOf(b.options);
    this.overwrite = b.overwrite;
    this.cacheLevel = b.cacheLevel;
  }

  /**
   * The defaults with another format.
   *
   * @param format a Spark data source name, e.g. {@code parquet}
   * @return the output
   */
  public static SparkOutput of(String format) {
    return builder().format(format).build();
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the Spark data source name */
  public String format() {
    return format;
  }

  /** @return the writer options, as given */
  public Map<String, String> options() {
    return options;
  }

  /** @return whether existing table directories are replaced */
  public boolean overwrite() {
    return overwrite;
  }

  /** @return where the flattened rows are kept while the tables are written */
  public StorageLevel cacheLevel() {
    return cacheLevel;
  }

  /** Builds a {@link SparkOutput}. Not thread-safe. */
  public static final class Builder {
    private String format = "parquet";
    private final Map<String, String> options = new LinkedHashMap<>();
    private boolean overwrite;
    private StorageLevel cacheLevel = StorageLevel.DISK_ONLY();

    private Builder() {}

    /**
     * Sets the format – default: {@code parquet}. For {@code csv}, {@code header=true} is added unless an option
     * sets it, as the transmog CLI writes a header row.
     *
     * @param format a Spark data source name
     * @return this builder
     * @throws TransmogConfigurationException if the name is blank
     */
    public Builder format(String format) {
      Objects.requireNonNull(format, "format must not be null");
      if (format.isBlank()) {
        throw new TransmogConfigurationException("the output format must not be blank");
      }
      this.format = format.trim().toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * Adds a writer option – default: none (Spark's defaults, e.g. snappy-compressed Parquet).
     *
     * @param key the option, e.g. {@code compression}
     * @param value its value, e.g. {@code zstd}
     * @return this builder
     */
    public Builder option(String key, String value) {
      Objects.requireNonNull(key, "key must not be null");
      Objects.requireNonNull(value, "value must not be null");
      options.put(key, value);
      return this;
    }

    /**
     * Replaces existing table directories – default: {@code false} (an existing directory fails the write).
     *
     * @param overwrite whether to replace
     * @return this builder
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * Sets where the flattened rows are kept while the tables are written one after the other – default:
     * {@code DISK_ONLY} (memory stays free for the writers; Spark removes the blocks after the write). Without it,
     * writing N tables would flatten the input N times. Not used when the result is already persisted.
     *
     * @param level a Spark storage level
     * @return this builder
     */
    public Builder cacheLevel(StorageLevel level) {
      this.cacheLevel = Objects.requireNonNull(level, "level must not be null");
      return this;
    }

    /** @return the output */
    public SparkOutput build() {
      return new SparkOutput(this);
    }
  }
}
