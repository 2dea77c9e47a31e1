package io.transmog.spark.internal;

import io.transmog.api.ArrayMode;
import io.transmog.api.ErrorMode;
import io.transmog.api.InputFormat;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.id.IdStrategy;
import io.transmog.spark.TransmogOptionsFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A serializable copy of {@link TransmogOptions} whose options are all plain values: everything the transmog CLI can
 * set. Options holding code (transforms, {@code IdStrategy.custom}) are refused with a pointer to
 * {@link TransmogOptionsFactory}; the progress listener is dropped (executors report progress through Spark's UI) and
 * {@code parallelism} is 1 (Spark runs the tasks in parallel; the core's writer thread has nothing to do here).
 *
 * <p>Immutable; copying costs nothing per record.
 */
public final class OptionsSnapshot implements TransmogOptionsFactory {
  private static final long serialVersionUID = 1L;

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
  /** "random", "deterministic", "location" or "natural". */
  private final String idKind;
  private final ArrayList<String> idFields;
  private final LinkedHashMap<String, String> naturalKeys;
  private final boolean includeRootId;
  private final String rootIdColumn;
  private final boolean includeIndex;
  private final String indexColumn;
  private final ErrorMode onError;
  private final int maxNestingDepth;
  private final int maxStringLength;
  private final int maxColumnsPerTable;

  private OptionsSnapshot(TransmogOptions o) {
    if (!o.transforms().isEmpty()) {
      throw new TransmogConfigurationException("the options hold transforms (for " + o.transforms().keySet()
          + "), which are code and cannot be copied to Spark executors; pass a TransmogOptionsFactory that builds"
          + " the options instead: SparkTransmog.builder(spark).options(() -> TransmogOptions.builder()...build())");
    }
    IdStrategy id = o.idStrategy();
    if (id instanceof IdStrategy.Custom) {
      throw new TransmogConfigurationException("the options hold a custom ID function, which is code and cannot be"
          + " copied to Spark executors; pass a TransmogOptionsFactory that builds the options instead");
    }
    name = o.name();
    separator = o.separator();
    arrayMode = o.arrayMode();
    includeNulls = o.includeNulls();
    stringifyValues = o.stringifyValues();
    maxDepth = o.maxDepth();
    chunkSize = o.chunkSize();
    lowMemory = o.lowMemory();
    idColumn = o.idColumn();
    parentIdColumn = o.parentIdColumn();
    timestampColumn = o.timestampColumn();
    includeTimestamp = o.includeTimestamp();
    inputFormat = o.inputFormat();
    inferTimestamps = o.inferTimestamps();
    strictTypes = o.strictTypes();
    idFields = new ArrayList<>();
    naturalKeys = new LinkedHashMap<>();
    if (id instanceof IdStrategy.Deterministic d) {
      idKind = "deterministic";
      idFields.addAll(d.rootFields());
    } else if (id instanceof IdStrategy.ByLocation) {
      idKind = "location";
    } else if (id instanceof IdStrategy.Natural n) {
      idKind = "natural";
      naturalKeys.putAll(new java.util.TreeMap<>(n.keyFieldByTable()));
    } else {
      idKind = "random";
    }
    includeRootId = o.includeRootId();
    rootIdColumn = o.rootIdColumn();
    includeIndex = o.includeIndex();
    indexColumn = o.indexColumn();
    onError = o.onError();
    maxNestingDepth = o.maxNestingDepth();
    maxStringLength = o.maxStringLength();
    maxColumnsPerTable = o.maxColumnsPerTable();
  }

  /**
   * Copies options.
   *
   * @param options the options
   * @return the copy
   * @throws TransmogConfigurationException if the options hold transforms or a custom ID function
   */
  public static OptionsSnapshot of(TransmogOptions options) {
    return new OptionsSnapshot(options);
  }

  @Override
  public TransmogOptions create() {
    TransmogOptions.Builder b = TransmogOptions.builder()
        .name(name)
        .separator(separator)
        .arrayMode(arrayMode)
        .includeNulls(includeNulls)
        .stringifyValues(stringifyValues)
        .maxDepth(maxDepth)
        .chunkSize(chunkSize)
        .lowMemory(lowMemory)
        .idColumn(idColumn)
        .parentIdColumn(parentIdColumn)
        .timestampColumn(timestampColumn)
        .includeTimestamp(includeTimestamp)
        .inputFormat(inputFormat)
        .inferTimestamps(inferTimestamps)
        .strictTypes(strictTypes)
        // naming a link column switches it on: name first, then the flag
        .rootIdColumn(rootIdColumn)
        .includeRootId(includeRootId)
        .indexColumn(indexColumn)
        .includeIndex(includeIndex)
        .onError(onError)
        .maxNestingDepth(maxNestingDepth)
        .maxStringLength(maxStringLength)
        .maxColumnsPerTable(maxColumnsPerTable)
        .parallelism(1);
    switch (idKind) {
      case "deterministic":
        b.idStrategy(IdStrategy.deterministic(idFields.toArray(new String[0])));
        break;
      case "location":
        b.idStrategy(IdStrategy.byLocation());
        break;
      case "natural":
        b.idStrategy(IdStrategy.natural(Map.copyOf(naturalKeys)));
        break;
      default:
        b.idStrategy(IdStrategy.random());
    }
    return b.build();
  }
}
