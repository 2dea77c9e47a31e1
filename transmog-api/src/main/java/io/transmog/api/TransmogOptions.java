package io.transmog.api;

import io.transmog.api.id.IdStrategy;
import io.transmog.api.transform.Transform;
import java.util.Map;
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
 *   <li>{@code strictTypes} {@code false}: conflicting types widen instead of failing;
 *   <li>{@code idStrategy} {@link IdStrategy#random()};
 *   <li>{@code includeRootId} {@code false} (column {@code "_root_id"}), {@code includeIndex} {@code false} (column
 *       {@code "_index"});
 *   <li>{@code onError} {@link ErrorMode#STRICT};
 *   <li>limits: {@code maxNestingDepth} 1,000, {@code maxStringLength} 20,000,000 characters,
 *       {@code maxColumnsPerTable} 100,000;
 *   <li>{@code transforms}: none;
 *   <li>{@code parallelism}: the available processors.
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
  /** Default for {@link Builder#rootIdColumn(String)}. */
  public static final String DEFAULT_ROOT_ID_COLUMN = "_root_id";
  /** Default for {@link Builder#indexColumn(String)}. */
  public static final String DEFAULT_INDEX_COLUMN = "_index";
  /** Default for {@link Builder#maxNestingDepth(int)}. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 1000;
  /** Default for {@link Builder#maxStringLength(int)}: Jackson's own default, 20 million characters. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 20_000_000;
  /** Default for {@link Builder#maxColumnsPerTable(int)}. */
  public static final int DEFAULT_MAX_COLUMNS_PER_TABLE = 100_000;
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
  private final int parallelism;
  private final IdStrategy idStrategy;
  private final boolean includeRootId;
  private final String rootIdColumn;
  private final boolean includeIndex;
  private final String indexColumn;
  private final ErrorMode onError;
  private final int maxNestingDepth;
  private final int maxStringLength;
  private final int maxColumnsPerTable;
  private final Map<String, Transform> transforms;

  private TransmogOptions(Builder b) {
    this.idStrategy = b.idStrategy;
    this.includeRootId = b.includeRootId;
    this.rootIdColumn = b.rootIdColumn;
    this.includeIndex = b.includeIndex;
    this.indexColumn = b.indexColumn;
    this.onError = b.onError;
    this.maxNestingDepth = b.maxNestingDepth;
    this.maxStringLength = b.maxStringLength;
    this.maxColumnsPerTable = b.maxColumnsPerTable;
    this.transforms = b.transforms;

    this.progressListener = b.progressListener;
    this.parallelism = b.parallelism;
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

  /** @return how row IDs are made */
  public IdStrategy idStrategy() {
    return idStrategy;
  }

  /** @return whether descendant rows carry the main-table row's ID */
  public boolean includeRootId() {
    return includeRootId;
  }

  /** @return the name of the root-ID column */
  public String rootIdColumn() {
    return rootIdColumn;
  }

  /** @return whether child rows carry their position in the parent array */
  public boolean includeIndex() {
    return includeIndex;
  }

  /** @return the name of the array-position column */
  public String indexColumn() {
    return indexColumn;
  }

  /** @return what happens to a bad record */
  public ErrorMode onError() {
    return onError;
  }

  /** @return the deepest container nesting the parser accepts */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /** @return the longest string value (in characters) the parser accepts */
  public int maxStringLength() {
    return maxStringLength;
  }

  /** @return the most columns one table may get */
  public int maxColumnsPerTable() {
    return maxColumnsPerTable;
  }

  /** @return the transforms by table name or path */
  public Map<String, Transform> transforms() {
    return transforms;
  }

  /** @return how many threads a streaming run may use */
  public int parallelism() {
    return parallelism;
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
        && progressListener == that.progressListener
        && parallelism == that.parallelism
        && idStrategy.equals(that.idStrategy)
        && includeRootId == that.includeRootId
        && rootIdColumn.equals(that.rootIdColumn)
        && includeIndex == that.includeIndex
        && indexColumn.equals(that.indexColumn)
        && onError == that.onError
        && maxNestingDepth == that.maxNestingDepth
        && maxStringLength == that.maxStringLength
        && maxColumnsPerTable == that.maxColumnsPerTable
        && transforms.equals(that.transforms);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, separator, arrayMode, includeNulls, stringifyValues, maxDepth, chunkSize, lowMemory,
        idColumn, parentIdColumn, timestampColumn, includeTimestamp, inputFormat, inferTimestamps, strictTypes,
        idStrategy, includeRootId, rootIdColumn, includeIndex, indexColumn, onError, maxNestingDepth, maxStringLength,
        maxColumnsPerTable, transforms, parallelism);
  }

  @Override
  public String toString() {
    return "TransmogOptions{name=" + name + ", separator=" + separator + ", arrayMode=" + arrayMode
        + ", includeNulls=" + includeNulls + ", stringifyValues=" + stringifyValues + ", maxDepth=" + maxDepth
        + ", chunkSize=" + chunkSize + ", lowMemory=" + lowMemory + ", idColumn=" + idColumn
        + ", parentIdColumn=" + parentIdColumn + ", timestampColumn=" + timestampColumn
        + ", includeTimestamp=" + includeTimestamp + ", inputFormat=" + inputFormat
        + ", inferTimestamps=" + inferTimestamps + ", strictTypes=" + strictTypes + ", idStrategy=" + idStrategy
        + ", includeRootId=" + includeRootId + ", rootIdColumn=" + rootIdColumn + ", includeIndex=" + includeIndex
        + ", indexColumn=" + indexColumn + ", onError=" + onError + ", maxNestingDepth=" + maxNestingDepth
        + ", maxStringLength=" + maxStringLength + ", maxColumnsPerTable=" + maxColumnsPerTable
        + ", transforms=" + transforms.keySet() + ", parallelism=" + parallelism + '}';
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
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private IdStrategy idStrategy = IdStrategy.random();
    private boolean includeRootId = false;
    private String rootIdColumn = DEFAULT_ROOT_ID_COLUMN;
    private boolean includeIndex = false;
    private String indexColumn = DEFAULT_INDEX_COLUMN;
    private ErrorMode onError = ErrorMode.STRICT;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
    private int maxColumnsPerTable = DEFAULT_MAX_COLUMNS_PER_TABLE;
    private Map<String, Transform> transforms = Map.of();

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
      parallelism = o.parallelism;
      idStrategy = o.idStrategy;
      includeRootId = o.includeRootId;
      rootIdColumn = o.rootIdColumn;
      includeIndex = o.includeIndex;
      indexColumn = o.indexColumn;
      onError = o.onError;
      maxNestingDepth = o.maxNestingDepth;
      maxStringLength = o.maxStringLength;
      maxColumnsPerTable = o.maxColumnsPerTable;
      transforms = o.transforms;
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
     * Sets how row IDs are made – default: {@link IdStrategy#random()}.
     *
     * @param idStrategy the strategy
     * @return this builder
     */
    public Builder idStrategy(IdStrategy idStrategy) {
      this.idStrategy = Objects.requireNonNull(idStrategy, "idStrategy must not be null");
      return this;
    }

    /**
     * Sets whether every descendant row gets the ID of its main-table row – default: {@code false}, so grandchild rows
     * join the main table in one step.
     *
     * @param includeRootId whether to add the column
     * @return this builder
     */
    public Builder includeRootId(boolean includeRootId) {
      this.includeRootId = includeRootId;
      return this;
    }

    /**
     * Sets the root-ID column's name – default: {@code "_root_id"}; setting it also switches the column on.
     *
     * @param rootIdColumn a non-blank name
     * @return this builder
     */
    public Builder rootIdColumn(String rootIdColumn) {
      this.rootIdColumn = requireName("rootIdColumn", rootIdColumn);
      this.includeRootId = true;
      return this;
    }

    /**
     * Sets whether child rows get their 0-based position in the parent array – default: {@code false}.
     *
     * @param includeIndex whether to add the column
     * @return this builder
     */
    public Builder includeIndex(boolean includeIndex) {
      this.includeIndex = includeIndex;
      return this;
    }

    /**
     * Sets the array-position column's name – default: {@code "_index"}; setting it also switches the column on.
     *
     * @param indexColumn a non-blank name
     * @return this builder
     */
    public Builder indexColumn(String indexColumn) {
      this.indexColumn = requireName("indexColumn", indexColumn);
      this.includeIndex = true;
      return this;
    }

    /**
     * Sets what happens to a bad record – default: {@link ErrorMode#STRICT}.
     *
     * @param onError the mode
     * @return this builder
     */
    public Builder onError(ErrorMode onError) {
      this.onError = Objects.requireNonNull(onError, "onError must not be null");
      return this;
    }

    /**
     * Sets the deepest container nesting the parser accepts – default: 1,000. Deeper input is a bad record naming this
     * option.
     *
     * @param maxNestingDepth at least 1
     * @return this builder
     */
    public Builder maxNestingDepth(int maxNestingDepth) {
      this.maxNestingDepth = positive("maxNestingDepth", maxNestingDepth);
      return this;
    }

    /**
     * Sets the longest string value the parser accepts, in characters – default: 20,000,000 (Jackson's default).
     *
     * @param maxStringLength at least 1
     * @return this builder
     */
    public Builder maxStringLength(int maxStringLength) {
      this.maxStringLength = positive("maxStringLength", maxStringLength);
      return this;
    }

    /**
     * Sets the most columns one table may get – default: 100,000. A wide map of IDs flattened into columns is usually a
     * sign that {@code maxDepth} should be lower; passing the limit is an error naming this option.
     *
     * @param maxColumnsPerTable at least 1
     * @return this builder
     */
    public Builder maxColumnsPerTable(int maxColumnsPerTable) {
      this.maxColumnsPerTable = positive("maxColumnsPerTable", maxColumnsPerTable);
      return this;
    }

    /**
     * Adds a transform for one table, after any added before for it – default: none.
     *
     * @param table the table's name ({@code "orders_line_items"}), its path relative to the main table
     *     ({@code "line_items"}), or {@code ""} for the main table
     * @param transform the transform
     * @return this builder
     */
    public Builder transform(String table, Transform transform) {
      Objects.requireNonNull(table, "table must not be null");
      Objects.requireNonNull(transform, "transform must not be null");
      Map<String, Transform> m = new java.util.LinkedHashMap<>(transforms);
      m.merge(table, transform, Transform::andThen);
      this.transforms = java.util.Collections.unmodifiableMap(m);
      return this;
    }

    private static int positive(String option, int v) {
      if (v < 1) {
        throw new TransmogConfigurationException("option " + option + ": must be at least 1, was " + v);
      }
      return v;
    }

    /**
     * Sets how many threads a streaming run may use – default: the available processors. With 2 or more:
     *
     * <ul>
     *   <li>a plain (not compressed) JSON Lines file of at least 64 MiB is cut at line boundaries into one split per
     *       thread; each split is read, flattened and written on its own thread into its own part files, published in
     *       input order ({@code orders-00000.csv}, {@code orders-00001.csv}…, listed in the manifest). Rows, their
     *       order across the parts, and IDs from content or location are those of a single-threaded run; memory is one
     *       chunk and one set of writer buffers per split;
     *   <li>any other input (a JSON document, gzip, a stream, a small file) is read and flattened on the calling
     *       thread while a second thread encodes and writes the finished chunks; the output is identical to a
     *       single-threaded run.
     * </ul>
     *
     * <p>1 keeps everything on the calling thread.
     *
     * @param parallelism at least 1
     * @return this builder
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = positive("parallelism", parallelism);
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
      java.util.Set<String> generated = new java.util.HashSet<>();
      java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(idColumn, parentIdColumn));
      if (includeTimestamp) {
        names.add(timestampColumn);
      }
      if (includeRootId) {
        names.add(rootIdColumn);
      }
      if (includeIndex) {
        names.add(indexColumn);
      }
      for (String n : names) {
        if (!generated.add(n)) {
          throw new TransmogConfigurationException("the generated columns " + names + " must have distinct names");
        }
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
