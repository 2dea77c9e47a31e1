package io.transmog.api.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Changes to one table's rows, applied while streaming (no second pass). Immutable; combine with {@link #andThen}.
 * Registered per table with {@code TransmogOptions.Builder#transform(String, Transform)}.
 *
 * <p>Column names are the flattened names ({@code customer_name}). What each step costs:
 *
 * <ul>
 *   <li>{@link #keep}, {@link #drop}, {@link #rename}: decided once per column, when it first appears; free per row.
 *       A dropped column is never created.
 *   <li>{@link #map}: one call per row that has the column.
 *   <li>{@link #derive}: one call per row; adds a column at the end.
 *   <li>{@link #filter}: one call per row; a row that fails is removed together with all its child rows (and their
 *       children). Filtering keeps a record's rows in memory until the record ends.
 * </ul>
 *
 * <p>Order within one transform: names (keep, drop, rename) as columns appear; then at the end of each row all maps,
 * then derives, then filters, each in the order given. Functions must be thread-safe if the options are shared.
 */
public final class Transform {
  private static final Transform IDENTITY = new Transform(Optional.empty(), Set.of(), Map.of(), List.of(),
      List.of(), List.of());

  private final Optional<Set<String>> keep;
  private final Set<String> drop;
  private final Map<String, String> rename;
  private final List<Map.Entry<String, UnaryOperator<Object>>> maps;
  private final List<Map.Entry<String, Function<RowView, Object>>> derives;
  private final List<Predicate<RowView>> filters;

  private Transform(Optional<Set<String>> keep, Set<String> drop, Map<String, String> rename,
      List<Map.Entry<String, UnaryOperator<Object>>> maps, List<Map.Entry<String, Function<RowView, Object>>> derives,
      List<Predicate<RowView>> filters) {
    this.keep = keep;
    this.drop = drop;
    this.rename = rename;
    this.maps = maps;
    this.derives = derives;
    this.filters = filters;
  }

  /** @return a transform that changes nothing */
  public static Transform identity() {
    return IDENTITY;
  }

  /**
   * Keeps only the named data columns (generated ID and timestamp columns always stay). The seed's "keep only essential
   * fields" is {@code Transform.keep("id", "name", "orders_id", "orders_total")}.
   *
   * @param columns the data columns to keep
   * @return the transform
   */
  public static Transform keep(String... columns) {
    return IDENTITY.andThen(new Transform(Optional.of(set(columns)), Set.of(), Map.of(), List.of(), List.of(),
        List.of()));
  }

  /**
   * Drops the named columns: they are never created.
   *
   * @param columns the columns
   * @return the transform
   */
  public static Transform drop(String... columns) {
    return new Transform(Optional.empty(), set(columns), Map.of(), List.of(), List.of(), List.of());
  }

  /**
   * Renames a column (the usual collision rule still applies to the new name).
   *
   * @param from the flattened name
   * @param to the new name
   * @return the transform
   */
  public static Transform rename(String from, String to) {
    return new Transform(Optional.empty(), Set.of(), Map.of(nonBlank(from, "from"), nonBlank(to, "to")), List.of(),
        List.of(), List.of());
  }

  /**
   * Replaces a column's values through a function (null in, null out is up to the function; it is not called for
   * null cells). The result may change the column's type, widening it like input values.
   *
   * @param column the column (after renames)
   * @param function the function
   * @return the transform
   */
  public static Transform map(String column, UnaryOperator<Object> function) {
    Objects.requireNonNull(function, "function must not be null");
    return new Transform(Optional.empty(), Set.of(), Map.of(), List.of(Map.entry(nonBlank(column, "column"),
        function)), List.of(), List.of());
  }

  /**
   * Adds a column computed from the row.
   *
   * @param column the new column's name
   * @param function computes the value (null leaves the cell null)
   * @return the transform
   */
  public static Transform derive(String column, Function<RowView, Object> function) {
    Objects.requireNonNull(function, "function must not be null");
    return new Transform(Optional.empty(), Set.of(), Map.of(), List.of(), List.of(Map.entry(nonBlank(column,
        "column"), function)), List.of());
  }

  /**
   * Keeps only rows for which the predicate is true; a removed row takes its child rows with it.
   *
   * @param keepRow the predicate
   * @return the transform
   */
  public static Transform filter(Predicate<RowView> keepRow) {
    Objects.requireNonNull(keepRow, "keepRow must not be null");
    return new Transform(Optional.empty(), Set.of(), Map.of(), List.of(), List.of(), List.of(keepRow));
  }

  /**
   * Combines two transforms: both sets of steps, this one's first.
   *
   * @param next the transform to add
   * @return the combination
   */
  public Transform andThen(Transform next) {
    Optional<Set<String>> k = keep;
    if (next.keep.isPresent()) {
      if (k.isPresent()) {
        Set<String> both = new LinkedHashSet<>(k.get());
        both.retainAll(next.keep.get());
        k = Optional.of(Collections.unmodifiableSet(both));
      } else {
        k = next.keep;
      }
    }
    Set<String> d = new LinkedHashSet<>(drop);
    d.addAll(next.drop);
    Map<String, String> r = new LinkedHashMap<>(rename);
    r.putAll(next.rename);
    List<Map.Entry<String, UnaryOperator<Object>>> m = new ArrayList<>(maps);
    m.addAll(next.maps);
    List<Map.Entry<String, Function<RowView, Object>>> dv = new ArrayList<>(derives);
    dv.addAll(next.derives);
    List<Predicate<RowView>> f = new ArrayList<>(filters);
    f.addAll(next.filters);
    return new Transform(k, Collections.unmodifiableSet(d), Collections.unmodifiableMap(r), List.copyOf(m),
        List.copyOf(dv), List.copyOf(f));
  }

  /**
   * Decides a new column's name.
   *
   * @param column the flattened column name
   * @return the final name, or empty if the column is dropped
   */
  public Optional<String> columnName(String column) {
    if (drop.contains(column) || (keep.isPresent() && !keep.get().contains(column))) {
      return Optional.empty();
    }
    return Optional.of(rename.getOrDefault(column, column));
  }

  /** @return the value maps in order, by column */
  public List<Map.Entry<String, UnaryOperator<Object>>> maps() {
    return maps;
  }

  /** @return the derived columns in order */
  public List<Map.Entry<String, Function<RowView, Object>>> derives() {
    return derives;
  }

  /** @return the row filters in order */
  public List<Predicate<RowView>> filters() {
    return filters;
  }

  /** @return whether the transform has per-row steps */
  public boolean hasRowSteps() {
    return !maps.isEmpty() || !derives.isEmpty() || !filters.isEmpty();
  }

  private static Set<String> set(String... columns) {
    Set<String> s = new LinkedHashSet<>();
    for (String c : columns) {
      s.add(nonBlank(c, "column"));
    }
    return Collections.unmodifiableSet(s);
  }

  private static String nonBlank(String s, String what) {
    Objects.requireNonNull(s, what + " must not be null");
    if (s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return s;
  }
}
