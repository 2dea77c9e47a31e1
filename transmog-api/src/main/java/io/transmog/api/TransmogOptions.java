package io.transmog.api;

import java.util.Objects;

/**
 * How records are flattened into tables. Immutable and thread-safe: build once, share everywhere.
 *
 * <p>Defaults (see each builder method):
 *
 * <ul>
 *   <li>{@code name} {@code "data"}: the main table's name, and the prefix of every child table's name;
 *   <li>{@code separator} {@code "_"}: joins nested field names into column and table names;
 *   <li>{@code arrayMode} {@link ArrayMode#SMART};
 *   <li>{@code includeNulls} {@code false}: a field that is only ever {@code null} makes no column;
 *   <li>{@code stringifyValues} {@code false}: values keep their JSON type;
 *   <li>{@code maxDepth} {@code 100}: containers nested deeper are kept as JSON text in one column;
 *   <li>{@code chunkSize} {@code 1000}: records per batch handed to writers;
 *   <li>{@code lowMemory} {@code false};
 *   <li>{@code idColumn} {@code "_id"}, {@code parentIdColumn} {@code "_parent_id"};
 *   <li>{@code timestampColumn} {@code "_timestamp"}, {@code includeTimestamp} {@code true};
 *   <li>{@code inputFormat} {@link InputFormat#AUTO};
 *   <li>{@code inferTimestamps} {@code false}: ISO-8601 strings stay strings;
 *   <li>{@code strictTypes} {@code false}: conflicting types widen instead of failing.
 * </ul>
 */
public final class TransmogOptions {
  /** Default for {@link Builder#name(String)}. */
  public static final String DEFAULT_NAME = "data";
  /** Default for {@link Builder#separator(String)}. */
  public static final String DEFAULT_SEPARATOR = "_";
  /** Default for {@link Builder#maxDepth(int)}. */
  public static final int DEFAULT_MAX_DEPTH = 100;
  /** Default for {@link Builder#chunkSize(int)}. */
  public static final int DEFAULT_CHUNK_SIZE = 1000;
  /** Default for {@link Builder#idColumn(String)}. */
  public static final String DEFAULT_ID_COLUMN = "_id";
  /** Default for {@link Builder#parentIdColumn(String)}. */
  public static final String DEFAULT_PARENT_ID_COLUMN = "_parent_id";
  /** Default for {@link Builder#timestampColumn(String)}. */
  public static final String DEFAULT_TIMESTAMP_COLUMN = "_timestamp";

  private static final TransmogOptions DEFAULTS = new Builder().build();

  private final String name;
  private final String separator;
  private final ArrayMode arrayMode;
  private final boolean includeNulls;
  private final boolean stringifyValues;
  private final int maxDepth;
  private final int chunkSize;
  private final boolean lowMemory;
  private final String idColumn;
  private final String parentIdColumn;
  private final String timestampColumn;
  private final boolean includeTimestamp;
  private final InputFormat inputFormat;
  private final boolean inferTimestamps;
  private final boolean strictTypes;
  private final ProgressListener progressListener;

  private TransmogOptions(Builder b) {
    this.progressListener = b.progressListener;
    this.inferTimestamps = b.inferTimestamps;
    this.strictTypes = b.strictTypes;
    this.name = b.name;
    this.separator = b.separator;
    this.arrayMode = b.arrayMode;
    this.includeNulls = b.includeNulls;
    this.stringifyValues = b.stringifyValues;
    this.maxDepth = b.maxDepth;
    this.chunkSize = b.chunkSize;
    this.lowMemory = b.lowMemory;
    this.idColumn = b.idColumn;
    this.parentIdColumn = b.parentIdColumn;
    this.timestampColumn = b.timestampColumn;
    this.includeTimestamp = b.includeTimestamp;
    this.inputFormat = b.inputFormat;
  }

  /**
   * Returns the options with every default.
   *
   * @return the shared default options
   */
  public static TransmogOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a builder holding every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding these options, to derive a variant.
   *
   * @return a new builder initialised from this object
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** @return the main table's name */
  public String name() {
    return name;
  }

  /** @return the string joining nested names */
  public String separator() {
    return separator;
  }

  /** @return how arrays become tables */
  public ArrayMode arrayMode() {
    return arrayMode;
  }

  /** @return whether a field that is only ever null still makes a column */
  public boolean includeNulls() {
    return includeNulls;
  }

  /** @return whether every value is written as text */
  public boolean stringifyValues() {
    return stringifyValues;
  }

  /** @return the container depth beyond which content is kept as JSON text */
  public int maxDepth() {
    return maxDepth;
  }

  /** @return the number of records per batch handed to writers */
  public int chunkSize() {
    return chunkSize;
  }

  /** @return whether smaller buffers are used at some cost in speed */
  public boolean lowMemory() {
    return lowMemory;
  }

  /** @return the name of the generated row-ID column */
  public String idColumn() {
    return idColumn;
  }

  /** @return the name of the column linking a child row to its parent row's ID */
  public String parentIdColumn() {
    return parentIdColumn;
  }

  /** @return the name of the processing-time column */
  public String timestampColumn() {
    return timestampColumn;
  }

  /** @return whether the processing-time column is written */
  public boolean includeTimestamp() {
    return includeTimestamp;
  }

  /** @return how input text is split into records */
  public InputFormat inputFormat() {
    return inputFormat;
  }

  /** @return whether ISO-8601 date and date-time strings become DATE and TIMESTAMP columns */
  public boolean inferTimestamps() {
    return inferTimestamps;
  }

  /** @return the listener told about progress; {@link ProgressListener#NONE} by default */
  public ProgressListener progressListener() {
    return progressListener;
  }

  /** @return whether a value whose type would widen its column fails the run instead */
  public boolean strictTypes() {
    return strictTypes;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TransmogOptions)) {
      return false;
    }
    TransmogOptions that = (TransmogOptions) o;
    return includeNulls == that.includeNulls
        && stringifyValues == that.stringifyValues
        && maxDepth == that.maxDepth
        && chunkSize == that.chunkSize
        && lowMemory == that.lowMemory
        && includeTimestamp == that.includeTimestamp
        && name.equals(that.name)
        && separator.equals(that.separator)
        && arrayMode == that.arrayMode
        && idColumn.equals(that.idColumn)
        && parentIdColumn.equals(that.parentIdColumn)
        && timestampColumn.equals(that.timestampColumn)
        && inputFormat == that.inputFormat
        && inferTimestamps == that.inferTimestamps
        && strictTypes == that.strictTypes
        && progressListener == that.progressListener;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, separator, arrayMode, includeNulls, stringifyValues, maxDepth, chunkSize, lowMemory,
        idColumn, parentIdColumn, timestampColumn, includeTimestamp, inputFormat, inferTimestamps, strictTypes);
  }

  @Override
  public String toString() {
    return "TransmogOptions{name=" + name + ", separator=" + separator + ", arrayMode=" + arrayMode
        + ", includeNulls=" + includeNulls + ", stringifyValues=" + stringifyValues + ", maxDepth=" + maxDepth
        + ", chunkSize=" + chunkSize + ", lowMemory=" + lowMemory + ", idColumn=" + idColumn
        + ", parentIdColumn=" + parentIdColumn + ", timestampColumn=" + timestampColumn
        + ", includeTimestamp=" + includeTimestamp + ", inputFormat=" + inputFormat
        + ", inferTimestamps=" + inferTimestamps + ", strictTypes=" + strictTypes + '}';
  }

  /**
   * Builds {@link TransmogOptions}. Not thread-safe; each setter validates its argument at once and {@link #build()}
   * checks the combination.
   */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private String separator = DEFAULT_SEPARATOR;
    private ArrayMode arrayMode = ArrayMode.SMART;
    private boolean includeNulls;
    private boolean stringifyValues;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private boolean lowMemory;
    private String idColumn = DEFAULT_ID_COLUMN;
    private String parentIdColumn = DEFAULT_PARENT_ID_COLUMN;
    private String timestampColumn = DEFAULT_TIMESTAMP_COLUMN;
    private boolean includeTimestamp = true;
    private InputFormat inputFormat = InputFormat.AUTO;
    private boolean inferTimestamps;
    private boolean strictTypes;
    private ProgressListener progressListener = ProgressListener.NONE;

    private Builder() {}

    private Builder(TransmogOptions o) {
      name = o.name;
      separator = o.separator;
      arrayMode = o.arrayMode;
      includeNulls = o.includeNulls;
      stringifyValues = o.stringifyValues;
      maxDepth = o.maxDepth;
      chunkSize = o.chunkSize;
      lowMemory = o.lowMemory;
      idColumn = o.idColumn;
      parentIdColumn = o.parentIdColumn;
      timestampColumn = o.timestampColumn;
      includeTimestamp = o.includeTimestamp;
      inputFormat = o.inputFormat;
      inferTimestamps = o.inferTimestamps;
      strictTypes = o.strictTypes;
      progressListener = o.progressListener;
    }

    /**
     * Sets the main table's name – default: {@code "data"}. Child tables are named {@code <name><separator><path>}.
     *
     * @param name a non-blank name without control characters or path separators
     * @return this builder
     * @throws TransmogConfigurationException if the name is blank or unsafe as a file name
     */
    public Builder name(String name) {
      this.name = requireName("name", name);
      if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.equals(".") || name.equals("..")) {
        throw new TransmogConfigurationException(
            "option name: \"" + name + "\" cannot be used as a table (file) name; use letters, digits, '_' or '-'");
      }
      return this;
    }

    /**
     * Sets the string that joins nested names – default: {@code "_"}.
     *
     * @param separator a non-empty string without control characters
     * @return this builder
     * @throws TransmogConfigurationException if the separator is empty or holds control characters
     */
    public Builder separator(String separator) {
      this.separator = requireName("separator", separator);
      if (separator.indexOf('/') >= 0 || separator.indexOf('\\') >= 0) {
        throw new TransmogConfigurationException(
            "option separator: \"" + separator + "\" would put path characters into table (file) names");
      }
      return this;
    }

    /**
     * Sets how arrays become tables – default: {@link ArrayMode#SMART}.
     *
     * @param arrayMode the mode
     * @return this builder
     */
    public Builder arrayMode(ArrayMode arrayMode) {
      this.arrayMode = Objects.requireNonNull(arrayMode, "arrayMode must not be null");
      return this;
    }

    /**
     * Sets whether a null field makes a column by itself – default: {@code false}. When false, a field whose value is
     * {@code null} in every record makes no column; a column made by other records still holds the null.
     *
     * @param includeNulls whether null-only fields make columns
     * @return this builder
     */
    public Builder includeNulls(boolean includeNulls) {
      this.includeNulls = includeNulls;
      return this;
    }

    /**
     * Sets whether every value is written as text – default: {@code false}. Numbers keep the exact text they had in the
     * input.
     *
     * @param stringifyValues whether all columns are strings
     * @return this builder
     */
    public Builder stringifyValues(boolean stringifyValues) {
      this.stringifyValues = stringifyValues;
      return this;
    }

    /**
     * Sets the nesting depth beyond which content is kept as JSON text in one column – default: {@code 100}. The record
     * itself is depth 1; nothing is ever dropped.
     *
     * @param maxDepth at least 1
     * @return this builder
     * @throws TransmogConfigurationException if {@code maxDepth < 1}
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1) {
        throw new TransmogConfigurationException("option maxDepth: must be at least 1, was " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Sets how many records make one batch handed to writers – default: {@code 1000}. Smaller batches use less memory;
     * larger ones write faster.
     *
     * @param chunkSize at least 1
     * @return this builder
     * @throws TransmogConfigurationException if {@code chunkSize < 1}
     */
    public Builder chunkSize(int chunkSize) {
      if (chunkSize < 1) {
        throw new TransmogConfigurationException("option chunkSize: must be at least 1, was " + chunkSize);
      }
      this.chunkSize = chunkSize;
      return this;
    }

    /**
     * Same as {@link #chunkSize(int)}; the name used by the reference implementation's batch APIs.
     *
     * @param batchSize at least 1
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      return chunkSize(batchSize);
    }

    /**
     * Sets low-memory mode – default: {@code false}. Uses smaller parse and write buffers and flushes after every
     * chunk, trading some speed for a smaller footprint.
     *
     * @param lowMemory whether to favour memory over speed
     * @return this builder
     */
    public Builder lowMemory(boolean lowMemory) {
      this.lowMemory = lowMemory;
      return this;
    }

    /**
     * Sets the name of the generated row-ID column – default: {@code "_id"}.
     *
     * @param idColumn a non-blank column name
     * @return this builder
     */
    public Builder idColumn(String idColumn) {
      this.idColumn = requireName("idColumn", idColumn);
      return this;
    }

    /**
     * Sets the name of the column that links a child row to its parent row – default: {@code "_parent_id"}.
     *
     * @param parentIdColumn a non-blank column name
     * @return this builder
     */
    public Builder parentIdColumn(String parentIdColumn) {
      this.parentIdColumn = requireName("parentIdColumn", parentIdColumn);
      return this;
    }

    /**
     * Sets the name of the processing-time column – default: {@code "_timestamp"}.
     *
     * @param timestampColumn a non-blank column name
     * @return this builder
     */
    public Builder timestampColumn(String timestampColumn) {
      this.timestampColumn = requireName("timestampColumn", timestampColumn);
      return this;
    }

    /**
     * Sets whether every row gets the processing-time column – default: {@code true}, as in the reference
     * implementation. The value is the UTC instant the run started, the same for every row of one run.
     *
     * @param includeTimestamp whether to add the column
     * @return this builder
     */
    public Builder includeTimestamp(boolean includeTimestamp) {
      this.includeTimestamp = includeTimestamp;
      return this;
    }

    /**
     * Sets how input text is split into records – default: {@link InputFormat#AUTO}.
     *
     * @param inputFormat the input format
     * @return this builder
     */
    public Builder inputFormat(InputFormat inputFormat) {
      this.inputFormat = Objects.requireNonNull(inputFormat, "inputFormat must not be null");
      return this;
    }

    /**
     * Sets whether ISO-8601 strings become typed – default: {@code false}. When on, a string {@code yyyy-MM-dd} is a
     * {@link io.transmog.api.table.ColumnType#DATE} and a date-time with a zone offset or {@code Z} (separator
     * {@code T} or a space, up to microsecond precision) a {@link io.transmog.api.table.ColumnType#TIMESTAMP}. A
     * date-time without an offset, or with sub-microsecond digits, stays a string: guessing its zone or rounding it would
     * change the value. The original text is kept and used if the column later widens to a string.
     *
     * @param inferTimestamps whether to recognise dates and timestamps
     * @return this builder
     */
    public Builder inferTimestamps(boolean inferTimestamps) {
      this.inferTimestamps = inferTimestamps;
      return this;
    }

    /**
     * Sets strict typing – default: {@code false}. When on, a value whose type would widen its column (an integer
     * column meeting a decimal, a number meeting a string…) stops the run with a
     * {@link SchemaConflictException} naming the table, column, record number and both types.
     *
     * @param strictTypes whether type conflicts fail
     * @return this builder
     */
    public Builder strictTypes(boolean strictTypes) {
      this.strictTypes = strictTypes;
      return this;
    }

    /**
     * Sets the listener told about progress after every chunk and at the end – default: none. Compared by identity in
     * {@link TransmogOptions#equals(Object)}.
     *
     * @param progressListener the listener
     * @return this builder
     */
    public Builder progressListener(ProgressListener progressListener) {
      this.progressListener = Objects.requireNonNull(progressListener, "progressListener must not be null");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return immutable options
     * @throws TransmogConfigurationException if two generated columns share a name
     */
    public TransmogOptions build() {
      if (idColumn.equals(parentIdColumn)
          || (includeTimestamp && (timestampColumn.equals(idColumn) || timestampColumn.equals(parentIdColumn)))) {
        throw new TransmogConfigurationException("options idColumn (" + idColumn + "), parentIdColumn ("
            + parentIdColumn + ") and timestampColumn (" + timestampColumn + ") must be distinct");
      }
      return new TransmogOptions(this);
    }

    private static String requireName(String option, String value) {
      Objects.requireNonNull(value, option + " must not be null");
      if (value.isBlank()) {
        throw new TransmogConfigurationException("option " + option + ": must not be blank");
      }
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i))) {
          throw new TransmogConfigurationException("option " + option + ": must not contain control characters");
        }
      }
      return value;
    }
  }
}
