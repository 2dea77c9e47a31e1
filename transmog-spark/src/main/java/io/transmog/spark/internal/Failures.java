package io.transmog.spark.internal;

import io.transmog.api.TransmogException;
import java.util.function.Supplier;

/**
 * Turns a failed Spark job back into the engine's own exception: Spark wraps a task's exception in a
 * {@code SparkException} (a checked exception, thrown undeclared through Scala code) whose cause chain holds the
 * original when it could be serialized back, as the core's exceptions can. Stateless.
 */
public final class Failures {
  private Failures() {}

  /**
   * Runs a Spark action; rethrows the first {@link TransmogException} in the cause chain of its failure, or wraps the
   * failure in one.
   *
   * @param action the action
   * @param <T> its result
   * @return its result
   */
  public static <T> T unwrap(Supplier<T> action) {
    try {
      return action.get();
    } catch (TransmogException e) {
      throw e;
    } catch (Exception e) { // SparkException is checked but undeclared
      for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        if (t instanceof TransmogException te) {
          te.addSuppressed(e); // keeps Spark's account of the failed stage and task
          throw te;
        }
      }
      throw new TransmogException(remoteMessage(e), e);
    }
  }

  /**
   * The message of a failed job whose cause Spark could not send back (a task failure Spark reports only as text,
   * after the stage and task, followed by the executor's stack trace): that line is the message, when it is there.
   */
  static String remoteMessage(Exception e) {
    String m = String.valueOf(e.getMessage());
    int at = m.indexOf("io.transmog.");
    if (at >= 0) {
      int end = m.indexOf('\n', at);
      String line = end < 0 ? m.substring(at) : m.substring(at, end);
      int colon = line.indexOf(": ");
      String type = colon < 0 ? line : line.substring(0, colon);
      if (type.matches("[\\w.$]+")) {
        return type.substring(type.lastIndexOf('.') + 1) + " in a Spark task: "
            + (colon < 0 ? "" : line.substring(colon + 2));
      }
    }
    return "the Spark job failed: " + m;
  }

  /**
   * Runs a Spark action without a result; see {@link #unwrap(Supplier)}.
   *
   * @param action the action
   */
  public static void run(Runnable action) {
    unwrap(() -> {
      action.run();
      return null;
    });
  }
}
