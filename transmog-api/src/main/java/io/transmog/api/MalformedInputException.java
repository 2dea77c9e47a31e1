package io.transmog.api;

import java.util.Objects;

/**
 * The input is not valid JSON, or holds something Transmog cannot accept. Carries the {@link InputLocation} (file,
 * line, column, byte offset, record number and JSON path) both as an accessor and in the message.
 */
public class MalformedInputException extends TransmogException {
  private static final long serialVersionUID = 1L;

  private final InputLocation location;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param location where the problem is
   * @param reason what is wrong, without the location
   * @param cause the parser error, may be {@code null}
   */
  public MalformedInputException(InputLocation location, String reason, Throwable cause) {
    super(location.describe() + ": " + reason, cause);
    this.location = Objects.requireNonNull(location, "location must not be null");
    this.reason = Objects.requireNonNull(reason, "reason must not be null");
  }

  /**
   * Returns where the problem is.
   *
   * @return the location
   */
  public InputLocation location() {
    return location;
  }

  /**
   * Returns what is wrong, without the location prefix.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
