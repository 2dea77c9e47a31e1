package io.transmog.api;

/**
 * How the input text is split into records.
 */
public enum InputFormat {
  /**
   * The default: decided from the file extension ({@code .jsonl}, {@code .ndjson} mean {@link #JSONL}) and otherwise from
   * the content. A document that starts with {@code [} is a JSON array of records; otherwise each top-level value is a
   * record, provided every value after the first starts on a new line (JSON Lines).
   */
  AUTO,
  /** One JSON document: a top-level array holds the records, any other top-level value is one record. */
  JSON,
  /** JSON Lines: each top-level value, one per line, is one record (an array line is one record, not many). */
  JSONL
}
