package io.transmog.api;

import java.util.Objects;

/**
 * Where in the input something happened.
 *
 * <p>Numbers that are not known are {@code -1}; {@code jsonPath} is a JSON Pointer ({@code /orders/0/sku}) and is empty
 * when not known.
 *
 * @param source the file name, or a description such as {@code <string>} or {@code <input stream>}
 * @param line the 1-based line number, or {@code -1}
 * @param column the 1-based column number, or {@code -1}
 * @param byteOffset the 0-based byte offset (character offset for character input), or {@code -1}
 * @param record the 1-based number of the record, or {@code -1}
 * @param jsonPath the JSON Pointer of the value within the document, or empty
 */
public record InputLocation(String source, long line, long column, long byteOffset, long record, String jsonPath)
    implements java.io.Serializable {

  /** Validates the components. */
  public InputLocation {
    Objects.requireNonNull(source, "source must not be null");
    Objects.requireNonNull(jsonPath, "jsonPath must not be null");
  }

  /**
   * Formats this location for an error message, e.g. {@code orders.jsonl:12:7 (byte 4312, record 12, path /items/0)}.
   *
   * @return a human-readable form
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(source);
    if (line >= 0) {
      sb.append(':').append(line);
      if (column >= 0) {
        sb.append(':').append(column);
      }
    }
    StringBuilder extra = new StringBuilder();
    if (byteOffset >= 0) {
      extra.append("byte ").append(byteOffset);
    }
    if (record >= 0) {
      extra.append(extra.length() > 0 ? ", " : "").append("record ").append(record);
    }
    if (!jsonPath.isEmpty()) {
      extra.append(extra.length() > 0 ? ", " : "").append("path ").append(jsonPath);
    }
    if (extra.length() > 0) {
      sb.append(" (").append(extra).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
