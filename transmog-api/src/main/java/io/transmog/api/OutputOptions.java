package io.transmog.api;

import io.transmog.api.spi.FormatOptions;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how a streaming run writes its tables. Immutable and thread-safe.
 *
 * <p>Defaults: format {@code "csv"}, no format options, no part-size limits, {@code overwrite} false.
 */
public final class OutputOptions {
  private final String format;
  private final FormatOptions formatOptions;
  private final long maxRowsPerFile;
  private final long maxBytesPerFile;
  private final boolean overwrite;

  private OutputOptions(Builder b) {
    this.format = b.format;
    this.formatOptions = b.formatOptions;
    this.maxRowsPerFile = b.maxRowsPerFile;
    this.maxBytesPerFile = b.maxBytesPerFile;
    this.overwrite = b.overwrite;
  }

  /**
   * Shorthand for options with a format and every other default.
   *
   * @param format the format name, e.g. {@code csv}
   * @return the options
   */
  public static OutputOptions of(String format) {
    return builder().format(format).build();
  }

  /** @return a builder with every default */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these options */
  public Builder toBuilder() {
    return new Builder().format(format).formatOptions(formatOptions).maxRowsPerFile(maxRowsPerFile)
        .maxBytesPerFile(maxBytesPerFile).overwrite(overwrite);
  }

  /** @return the writer format name (lower case) */
  public String format() {
    return format;
  }

  /** @return the writer's options */
  public FormatOptions formatOptions() {
    return formatOptions;
  }

  /** @return the most rows one file of a table holds before a new part starts; 0 means no limit */
  public long maxRowsPerFile() {
    return maxRowsPerFile;
  }

  /** @return the size in bytes after which a table's file is closed and a new part starts; 0 means no limit */
  public long maxBytesPerFile() {
    return maxBytesPerFile;
  }

  /** @return whether a non-empty output directory may be written into (replacing a previous run's files) */
  public boolean overwrite() {
    return overwrite;
  }

  @Override
  public String toString() {
    return "OutputOptions{format=" + format + ", formatOptions=" + formatOptions + ", maxRowsPerFile="
        + maxRowsPerFile + ", maxBytesPerFile=" + maxBytesPerFile + ", overwrite=" + overwrite + '}';
  }

  /** Builds {@link OutputOptions}. Not thread-safe. */
  public static final class Builder {
    private String format = "csv";
    private FormatOptions formatOptions = FormatOptions.empty();
    private long maxRowsPerFile;
    private long maxBytesPerFile;
    private boolean overwrite;

    private Builder() {}

    /**
     * Sets the writer format – default: {@code "csv"}.
     *
     * @param format a format name; matched case-insensitively
     * @return this builder
     */
    public Builder format(String format) {
      Objects.requireNonNull(format, "format must not be null");
      if (format.isBlank()) {
        throw new TransmogConfigurationException("output format must not be blank");
      }
      this.format = format.toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * Sets the writer's options – default: none.
     *
     * @param formatOptions the options, checked against the writer's keys when the run starts
     * @return this builder
     */
    public Builder formatOptions(FormatOptions formatOptions) {
      this.formatOptions = Objects.requireNonNull(formatOptions, "formatOptions must not be null");
      return this;
    }

    /**
     * Sets the row count after which a table's file is closed and part {@code <table>-00001} starts – default: 0
     * (no limit). Parts are cut at chunk boundaries, so a part may exceed the limit by up to one chunk's rows.
     *
     * @param maxRowsPerFile 0 or more
     * @return this builder
     */
    public Builder maxRowsPerFile(long maxRowsPerFile) {
      if (maxRowsPerFile < 0) {
        throw new TransmogConfigurationException("maxRowsPerFile must not be negative, was " + maxRowsPerFile);
      }
      this.maxRowsPerFile = maxRowsPerFile;
      return this;
    }

    /**
     * Sets the size after which a table's file is closed and a new part starts – default: 0 (no limit). Checked at
     * chunk boundaries against the bytes the writer has passed to the file.
     *
     * @param maxBytesPerFile 0 or more
     * @return this builder
     */
    public Builder maxBytesPerFile(long maxBytesPerFile) {
      if (maxBytesPerFile < 0) {
        throw new TransmogConfigurationException("maxBytesPerFile must not be negative, was " + maxBytesPerFile);
      }
      this.maxBytesPerFile = maxBytesPerFile;
      return this;
    }

    /**
     * Sets whether a non-empty output directory may be written into – default: {@code false}. When true, the files a
     * previous run listed in its manifest are removed before the new files are moved into place.
     *
     * @param overwrite whether to replace earlier output
     * @return this builder
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /** @return the options */
    public OutputOptions build() {
      return new OutputOptions(this);
    }
  }
}
