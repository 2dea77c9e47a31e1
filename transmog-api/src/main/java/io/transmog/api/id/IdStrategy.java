package io.transmog.api.id;

import io.transmog.api.TransmogConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@code _id} of every row (and so the {@code _parent_id} and {@code _root_id} of its children) is made.
 * Immutable; pick one of the built-ins or supply a function with {@link #custom(IdFunction)}.
 *
 * <table>
 *   <caption>Built-in strategies</caption>
 *   <tr><th>strategy</th><th>same IDs every run?</th><th>huge single record streams?</th></tr>
 *   <tr><td>{@link #random()} (default)</td><td>no</td><td>yes</td></tr>
 *   <tr><td>{@link #deterministic()}: content hash</td><td>yes</td><td>no: the record is held to hash it</td></tr>
 *   <tr><td>{@link #deterministic(String...)}: root fields</td><td>yes</td><td>no: IDs wait for the fields</td></tr>
 *   <tr><td>{@link #byLocation()}: input position</td><td>yes, for the same input</td><td>yes</td></tr>
 *   <tr><td>{@link #natural(Map)}: key fields per table</td><td>yes</td><td>no: IDs wait for the keys</td></tr>
 *   <tr><td>{@link #custom(IdFunction)}</td><td>up to the function</td><td>yes</td></tr>
 * </table>
 *
 * <p>Deterministic IDs of child rows always derive from the parent's ID, the child table's name and the array index,
 * so they are the same whatever the chunking or the parallel split. The hash is MurmurHash3 x64 128 (seed 0) printed as
 * a UUID with version 8: 122 random-looking bits, so among a billion rows the chance of any collision is about
 * 10^-19. It is not cryptographic: do not rely on it against input crafted to collide.
 */
public sealed interface IdStrategy permits IdStrategy.Random, IdStrategy.Deterministic, IdStrategy.ByLocation,
    IdStrategy.Natural, IdStrategy.Custom {

  /**
   * Random IDs (the default): time-ordered UUID version 7 from a per-run seeded generator, about 40 ns each.
   *
   * @return the strategy
   */
  static IdStrategy random() {
    return Random.INSTANCE;
  }

  /**
   * A content hash: the root ID is the hash of the record's canonical JSON text (compact, numbers as written, keys in
   * input order), so identical records get identical IDs. Holds one record in memory at a time.
   *
   * @return the strategy
   */
  static IdStrategy deterministic() {
    return new Deterministic(List.of());
  }

  /**
   * A hash of chosen top-level fields of each record (e.g. {@code "id"}, or {@code "customer_id", "date"}), by name
   * and value; a missing field hashes as null. Records with the same values get the same IDs.
   *
   * @param rootFields top-level field names of the record, at least one
   * @return the strategy
   */
  static IdStrategy deterministic(String... rootFields) {
    if (rootFields.length == 0) {
      return deterministic();
    }
    return new Deterministic(List.of(rootFields));
  }

  /**
   * A hash of the record's position in the input (byte offset of its first token in the uncompressed text, or its
   * number for records given as objects): stable for the same input, unique per record, and streaming-friendly.
   *
   * @return the strategy
   */
  static IdStrategy byLocation() {
    return ByLocation.INSTANCE;
  }

  /**
   * Natural keys: the value of a field of the row becomes its ID. Keys of the map are table names ({@code "orders"},
   * {@code "orders_line_items"}) or paths relative to the main table ({@code "line_items"}; {@code ""} is the main
   * table); values are top-level field names of that table's rows, e.g. {@code Map.of("", "id", "line_items",
   * "sku")}. A root row's ID is the key's text; a child row's ID is {@code <parent _id>/<key>}, so it is unique in its
   * table even when the same SKU appears in many orders. Rows of tables without a key, and rows whose key field is
   * missing or null, get the deterministic (parent, table, index) hash; two rows with the same key under the same parent
   * are an error naming the table, key and record.
   *
   * @param keyFieldByTable the key field of each table
   * @return the strategy
   */
  static IdStrategy natural(Map<String, String> keyFieldByTable) {
    return new Natural(keyFieldByTable);
  }

  /**
   * Your own IDs, computed when a row is created from what is known then (table, parent ID, array index, record
   * number and offset). The function must be thread-safe if the options are shared between threads.
   *
   * @param function the function
   * @return the strategy
   */
  static IdStrategy custom(IdFunction function) {
    return new Custom(function);
  }

  /** @return whether a record's IDs can only be known after the whole record was read */
  default boolean needsWholeRecord() {
    return false;
  }

  /** The random strategy. */
  enum Random implements IdStrategy {
    /** The only instance. */
    INSTANCE;

    @Override
    public String toString() {
      return "Random"; // as the manifest records it, like the records' own names
    }
  }

  /** The location strategy. */
  enum ByLocation implements IdStrategy {
    /** The only instance. */
    INSTANCE;

    @Override
    public String toString() {
      return "ByLocation";
    }
  }

  /**
   * The deterministic strategy.
   *
   * @param rootFields the fields hashed for the root ID; empty means the whole record's content
   */
  record Deterministic(List<String> rootFields) implements IdStrategy {
    /** Copies the list. */
    public Deterministic {
      rootFields = List.copyOf(rootFields);
    }

    @Override
    public boolean needsWholeRecord() {
      return true;
    }
  }

  /**
   * The natural-key strategy.
   *
   * @param keyFieldByTable key field by table name or path
   */
  record Natural(Map<String, String> keyFieldByTable) implements IdStrategy {
    /** Copies and checks the map. */
    public Natural {
      keyFieldByTable = Map.copyOf(keyFieldByTable);
      keyFieldByTable.forEach((k, v) -> {
        if (v.isBlank()) {
          throw new TransmogConfigurationException("natural id for table \"" + k + "\": the field name is blank");
        }
      });
    }

    @Override
    public boolean needsWholeRecord() {
      return true;
    }
  }

  /**
   * A caller's strategy.
   *
   * @param function makes each ID
   */
  record Custom(IdFunction function) implements IdStrategy {
    /** Checks the function. */
    public Custom {
      Objects.requireNonNull(function, "function must not be null");
    }
  }

  /** Makes one row's ID. */
  @FunctionalInterface
  interface IdFunction {
    /**
     * Makes an ID.
     *
     * @param context what is known about the row
     * @return a non-null, non-empty ID
     */
    String id(IdContext context);
  }

  /**
   * What is known about a row when its ID is made.
   *
   * @param table the table name
   * @param parentId the parent row's ID, empty for a main-table row
   * @param index the row's position in its parent array, or -1 for a main-table row
   * @param record the 1-based record number
   * @param recordOffset the record's byte (or character) offset in the input, or -1
   */
  record IdContext(String table, Optional<String> parentId, long index, long record, long recordOffset) {}
}
