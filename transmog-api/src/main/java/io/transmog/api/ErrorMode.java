package io.transmog.api;

/** What happens to a record that cannot be read or flattened. */
public enum ErrorMode {
  /** The default: stop at the first bad record, naming file, line, byte offset, JSON path and reason. */
  STRICT,
  /**
   * Leave the bad record out and go on. Each bad record is written, with its location, reason and raw text, to the
   * rejects file ({@code _transmog_rejects.jsonl} next to the output, or {@code FlattenResult.rejects()}); nothing of
   * it reaches the tables. In JSON Lines the next line is read normally; in a JSON array or document, reading stops
   * at the break and everything before it is kept.
   */
  SKIP,
  /** As {@link #SKIP}, and each bad record is also logged (System.Logger {@code io.transmog}, level WARNING). */
  WARN
}
