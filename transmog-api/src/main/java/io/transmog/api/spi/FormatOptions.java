package io.transmog.api.spi;

import io.transmog.api.TransmogConfigurationException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read-only view of format options as text keys and values (from {@code -O key=value} on the command line or from
 * code). Typed getters parse on demand and fail with a message naming the key and the bad value.
 */
public final class FormatOptions {
  private static final FormatOptions EMPTY = new FormatOptions(Map.of());

  private final Map<String, String> values;

  private FormatOptions(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** @return the empty option set */
  public static FormatOptions empty() {
    return EMPTY;
  }

  /**
   * Creates options from a map.
   *
   * @param values keys and values, neither null
   * @return the options
   */
  public static FormatOptions of(Map<String, String> values) {
    Objects.requireNonNull(values, "values must not be null");
    values.forEach((k, v) -> {
      Objects.requireNonNull(k, "option key must not be null");
      Objects.requireNonNull(v, "value of option " + k + " must not be null");
    });
    return values.isEmpty() ? EMPTY : new FormatOptions(values);
  }

  /**
   * Parses {@code key=value} pairs.
   *
   * @param pairs strings of the form {@code key=value}
   * @return the options
   * @throws TransmogConfigurationException if a pair has no {@code =}
   */
  public static FormatOptions parse(Iterable<String> pairs) {
    Map<String, String> map = new TreeMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new TransmogConfigurationException("format option \"" + pair + "\" must have the form key=value");
      }
      map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }
    return of(map);
  }

  /** @return the keys present */
  public Set<String> keys() {
    return values.keySet();
  }

  /** @return all options as an unmodifiable sorted map */
  public Map<String, String> asMap() {
    return values;
  }

  /**
   * Returns a text option.
   *
   * @param key the key
   * @return the value, if present
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * Returns a text option or a default.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value
   */
  public String getString(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  /**
   * Returns a boolean option ({@code true}/{@code false}, case-insensitive) or a default.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value
   * @throws TransmogConfigurationException if the value is not a boolean
   */
  public boolean getBoolean(String key, boolean defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new TransmogConfigurationException("format option " + key + ": expected true or false, was \"" + v + "\"");
  }

  /**
   * Returns a long option or a default; accepts the suffixes {@code k}, {@code m}, {@code g} (powers of 1024).
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value
   * @throws TransmogConfigurationException if the value is not a number
   */
  public long getLong(String key, long defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    String s = v.trim().toLowerCase(java.util.Locale.ROOT);
    long mult = 1;
    if (s.endsWith("k")) {
      mult = 1024L;
    } else if (s.endsWith("m")) {
      mult = 1024L * 1024;
    } else if (s.endsWith("g")) {
      mult = 1024L * 1024 * 1024;
    }
    if (mult != 1) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Math.multiplyExact(Long.parseLong(s), mult);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TransmogConfigurationException("format option " + key + ": expected a number, was \"" + v + "\"", e);
    }
  }

  /**
   * Returns a single-character option or a default. {@code \t} and {@code tab} mean a tab.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the character
   * @throws TransmogConfigurationException if the value is not one character
   */
  public char getChar(String key, char defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.equals("\\t") || v.equalsIgnoreCase("tab")) {
      return '\t';
    }
    if (v.length() != 1) {
      throw new TransmogConfigurationException(
          "format option " + key + ": expected a single character, was \"" + v + "\"");
    }
    return v.charAt(0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FormatOptions && ((FormatOptions) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
