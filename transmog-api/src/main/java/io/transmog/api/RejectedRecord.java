package io.transmog.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A record left out in {@link ErrorMode#SKIP} or {@link ErrorMode#WARN} mode: where it is, why, and its raw text when
 * it can be kept (a JSON Lines line, a record given as an object), so it can be fixed and re-run.
 *
 * @param location where the record is (file, line, byte offset, record number, JSON path)
 * @param reason what is wrong
 * @param raw the record's raw text; text that is not valid UTF-8 is given as {@code base64:<Base64>}
 */
public record RejectedRecord(InputLocation location, String reason, Optional<String> raw) {
  /** Validates the components. */
  public RejectedRecord {
    Objects.requireNonNull(location, "location must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    Objects.requireNonNull(raw, "raw must not be null");
  }
}
