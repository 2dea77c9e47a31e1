package io.transmog.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit command: transmog flatten's options, clear errors and exit codes, and a run end to end. */
class SparkMainTest {
  private static SparkSession spark;

  @TempDir static Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() {
    spark = Compare.localSpark("SparkMainTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private int run(String... args) {
    return SparkFlattenCommand.execute(args, () -> spark, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void unknownOption_isAUsageError_thatNamesIt() {
    assertThat(run("in.jsonl", "--bogus", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("transmog-spark: Unknown option: '--bogus'")
        .contains("Try 'transmog-spark --help'");
  }

  @Test
  void help_listsTheCliOptionsAndTheSparkOnes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("--name", "--id-strategy", "--on-error", "--array-mode", "--natural-id",
        "--split-size", "--sample-records", "io.transmog.spark.SparkMain");
  }

  @Test
  void badValues_areUsageErrors_beforeSparkIsAskedFor() {
    SparkFlattenCommand.execute(new String[] {"x.jsonl", "--id-strategy", "nope"}, () -> {
      throw new AssertionError("no session for bad options");
    }, new PrintWriter(out), new PrintWriter(err));
    assertThat(err.toString()).contains("'--id-strategy' ('nope'): expected one of random, deterministic, location");
    assertThat(run("x.jsonl", "--max-bytes-per-file", "1m")).isEqualTo(2);
    assertThat(err.toString()).contains("--max-bytes-per-file is not available on Spark");
    assertThat(run("x.jsonl", "--array-mode", "flat")).isEqualTo(2);
    assertThat(err.toString()).contains("expected one of smart, separate, inline, skip");
    assertThat(run("x.jsonl", "--split-size", "lots")).isEqualTo(2);
  }

  @Test
  void run_writesEveryTable_andSummarises() throws IOException {
    Path file = SparkFilesTest.orders(Files.createDirectories(dir.resolve("in")), 200);
    Path outDir = dir.resolve("out");
    int code = run(file.toString(), "--name", "orders", "--id-strategy", "deterministic", "--format", "parquet",
        "--compression", "snappy", "--out", outDir.toString(), "--split-size", "2k");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("200 records -> 3 tables").contains("orders_items_discounts")
        .contains("_transmog_manifest.json");
    assertThat(spark.read().parquet(outDir.resolve("orders").toString()).count()).isEqualTo(200);

    assertThat(run(file.toString(), "--name", "orders", "--out", outDir.toString())).isEqualTo(3);
    assertThat(err.toString()).contains("already exists").contains("--overwrite");
    assertThat(run(file.toString(), "--name", "orders", "--out", outDir.toString(), "--overwrite", "-q")).isZero();
  }

  @Test
  void badInput_inStrictMode_exitsWith1_namingTheFile() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"a\":1}\n{\"a\":\n", StandardCharsets.UTF_8);
    assertThat(run(file.toString(), "--out", dir.resolve("bad-out").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("malformed input").contains("bad.jsonl:3:1");
  }

  @Test
  void missingInput_exitsWith3() {
    assertThat(run(dir.resolve("nothing.jsonl").toString(), "--out", dir.resolve("o").toString())).isEqualTo(3);
    assertThat(err.toString()).contains("input not found");
  }
}
