package io.transmog.api;

/**
 * The root of every exception Transmog raises. Unchecked, so that callers are never forced to catch; the cause is kept
 * whenever one exists (an {@link java.io.IOException}, a parser error).
 */
public class TransmogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what happened, naming the file, table or option involved
   */
  public TransmogException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what happened, naming the file, table or option involved
   * @param cause the underlying error
   */
  public TransmogException(String message, Throwable cause) {
    super(message, cause);
  }
}
