package io.transmog.spark;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark-submit} entry point: {@code --class io.transmog.spark.SparkMain}, with the options of
 * {@code transmog flatten} ({@code --help} lists them). The session comes from spark-submit's configuration
 * ({@code --master}, {@code --conf}); it is created only once the options are valid, and stopped at the end.
 *
 * <p>The only class of this module that writes to the standard streams and sets the exit code: everything else
 * reports through exceptions and return values (checked by {@code transmog-arch-tests}).
 */
public final class SparkMain {
  private SparkMain() {}

  /**
   * Runs the command and exits with its code when it is not 0 (spark-submit ends with 0 when {@code main} returns).
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    SparkSession[] created = new SparkSession[1];
    int code;
    try {
      code = SparkFlattenCommand.execute(args, () -> {
        created[0] = SparkSession.builder().appName("transmog-spark").getOrCreate();
        return created[0];
      }, out, err);
    } finally {
      if (created[0] != null) {
        created[0].stop();
      }
    }
    if (code != 0) {
      System.exit(code);
    }
  }
}
