package io.transmog.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.InputFormat;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.spark.SchemaInference;
import io.transmog.spark.SparkOutput;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pieces of the inference pass that need no Spark: decimal digits of numbers, name warnings, input planning. */
class DigitsAndNamesTest {

  @Test
  void digitsOfDoubles_matchTheCoresExactDecimal() {
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      double d = switch (i % 4) {
        case 0 -> Double.longBitsToDouble(random.nextLong());
        case 1 -> random.nextInt(1_000_000) / 100.0;
        case 2 -> (double) random.nextLong();
        default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
      };
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      BigDecimal exact = Cells.exactDecimal(d);
      long digits = Digits.ofDouble(d);
      assertThat((int) (digits >>> 32)).as("integer digits of " + d)
          .isEqualTo(Math.max(0, exact.precision() - exact.scale()));
      assertThat((int) digits).as("scale of " + d).isEqualTo(Math.max(0, exact.scale()));
    }
    for (long v : new long[] {0, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53}) {
      assertThat(Digits.ofLong(v)).as("digits of " + v).isEqualTo(BigDecimal.valueOf(v).precision());
    }
  }

  @Test
  void nameWarnings_flagCollisionSuffixesAndCaseTwins_only() {
    assertThat(Layout.nameWarnings("t", List.of("a_b", "a_b_2", "x_10", "Name", "name", "id_0", "v_3"), "_"))
        .hasSize(2)
        .anyMatch(w -> w.contains("a_b and a_b_2") && w.contains("key collision"))
        .anyMatch(w -> w.contains("Name and name") && w.contains("case"));
    assertThat(Layout.nameWarnings("t", List.of("a", "a_2x", "b"), "_")).isEmpty();
  }

  @Test
  void plan_splitsJsonLinesOnly_andRefusesHadoopUris() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("plan");
    java.nio.file.Files.writeString(dir.resolve("a.jsonl"), "{}\n".repeat(100));
    java.nio.file.Files.writeString(dir.resolve("b.json"), "[{}]");
    java.nio.file.Files.writeString(dir.resolve("_SUCCESS"), "");
    List<InputPart> parts = InputPart.plan(List.of(dir.toString()), InputFormat.AUTO, total -> 100);
    assertThat(parts).extracting(InputPart::describe).containsExactly(
        dir.resolve("a.jsonl") + " bytes [0, 100)", dir.resolve("a.jsonl") + " bytes [100, 200)",
        dir.resolve("a.jsonl") + " bytes [200, 300)", dir.resolve("b.json").toString());
    java.nio.file.Path empty = java.nio.file.Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> InputPart.plan(List.of(empty.toString()), InputFormat.AUTO, t -> 1))
        .isInstanceOf(io.transmog.api.TransmogException.class).hasMessageStartingWith("input not found: no files");
    assertThatThrownBy(() -> InputPart.plan(List.of("s3a://bucket/x.jsonl"), InputFormat.AUTO, t -> 1))
        .isInstanceOf(TransmogConfigurationException.class).hasMessageContaining("textFile");
  }

  @Test
  void builders_refuseBadValues() {
    assertThatThrownBy(() -> SchemaInference.sample(0)).isInstanceOf(TransmogConfigurationException.class);
    assertThat(SchemaInference.sample(5).recordsPerPartition()).isEqualTo(5);
    assertThat(SchemaInference.full().isFull()).isTrue();
    assertThatThrownBy(() -> SparkOutput.builder().format(" ")).isInstanceOf(TransmogConfigurationException.class);
    assertThat(SparkOutput.builder().format("CSV").option("sep", ";").build().format()).isEqualTo("csv");
  }
}
