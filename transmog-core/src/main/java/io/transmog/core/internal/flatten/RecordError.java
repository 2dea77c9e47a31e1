package io.transmog.core.internal.flatten;

/**
 * A record breaks a rule that is not JSON syntax (a column limit, a duplicate natural key). The engine turns it into a
 * {@link io.transmog.api.MalformedInputException} with the record's location, so SKIP mode can reject the record.
 */
final class RecordError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RecordError(String reason) {
    super(reason, null, false, false);
  }
}
