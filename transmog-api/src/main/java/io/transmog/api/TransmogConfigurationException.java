package io.transmog.api;

/**
 * An option, a format name or a writer setting is invalid or unknown. The message names the option, the value and,
 * where there is a fixed set, the accepted values.
 */
public class TransmogConfigurationException extends TransmogException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and what is accepted
   */
  public TransmogConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong and what is accepted
   * @param cause the underlying error
   */
  public TransmogConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
