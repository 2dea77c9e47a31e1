package io.transmog.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.TableSchema;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves issue #4's central promise: writing Parquet needs no Hadoop class at run time. A child JVM runs
 * {@link HadoopFreeWriteMain} on exactly the runtime class path a user gets (written by {@code dependency:build-classpath}
 * with runtime scope and without provided jars) plus the test classes; no Hadoop jar is on it, so any Hadoop class the
 * write path touched would fail the write with {@code NoClassDefFoundError}. This JVM, which has the minimal Hadoop read
 * set on its test class path, then reads the files back with Parquet's own reader.
 */
class HadoopFreeWriteTest {
  @TempDir Path dir;

  @Test
  void runtimeClassPathHasNoHadoopJar() throws IOException {
    List<String> jars = runtimeClassPath();

    assertThat(jars).isNotEmpty()
        .anyMatch(j -> j.contains("parquet-hadoop"))
        .anyMatch(j -> j.contains("zstd-jni"))
        .anyMatch(j -> j.contains("snappy-java"))
        .noneMatch(j -> j.contains("hadoop-common") || j.contains("hadoop-client") || j.contains("hadoop-mapreduce")
            || j.contains("hadoop-shaded") || j.contains(File.separator + "hadoop" + File.separator));
  }

  @Test
  void writesEveryCodecInAJvmWithoutHadoop() throws Exception {
    List<String> classPath = new ArrayList<>();
    classPath.add(System.getProperty("transmog.testClasses", "target/test-classes"));
    classPath.add(System.getProperty("transmog.mainClasses", "target/classes"));
    classPath.addAll(runtimeClassPath());
    Path log = dir.resolve("child.log");
    Path out = Files.createDirectory(dir.resolve("out"));
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classPath),
        HadoopFreeWriteMain.class.getName(),
        out.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean finished = child.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      child.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(finished).as("child JVM finished; output:%n%s", output).isTrue();
    assertThat(child.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
    assertThat(output).contains("OK wrote 4 files").doesNotContain("NoClassDefFoundError");

    TableSchema schema = Fixtures.allTypesSchema("hadoop_free");
    for (String codec : HadoopFreeWriteMain.CODECS) {
      Path file = out.resolve(codec + ".parquet");
      ParquetFiles.assertContent(file, schema, Fixtures.allTypes());
      assertThat(ParquetFiles.footer(file).getBlocks().get(0).getColumns())
          .extracting(ColumnChunkMetaData::getCodec)
          .allSatisfy(c -> assertThat(c.name()).isEqualTo(codec.toUpperCase(java.util.Locale.ROOT)));
    }
  }

  private static List<String> runtimeClassPath() throws IOException {
    Path file = Path.of(System.getProperty("transmog.runtimeClasspathFile", "target/runtime-classpath.txt"));
    assertThat(file).as("written by maven-dependency-plugin build-classpath").exists();
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    return text.isEmpty() ? List.of() : Arrays.asList(text.split(File.pathSeparator));
  }
}
