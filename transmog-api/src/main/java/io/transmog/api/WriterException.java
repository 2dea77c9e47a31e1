package io.transmog.api;

/**
 * Writing an output failed (an unwritable directory, a full disk, a plugin error). The message names the table and the
 * file; no partial file is left under the final name.
 */
public class WriterException extends TransmogException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the table and file
   * @param cause the underlying error
   */
  public WriterException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message what failed, naming the table and file
   */
  public WriterException(String message) {
    super(message);
  }
}
