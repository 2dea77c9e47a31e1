package io.transmog.io.parquet;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.table.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Run by {@link HadoopFreeWriteTest} in a separate JVM whose class path is the plugin's runtime class path (compile and
 * runtime scope: no provided, no test jars) plus the test classes: finds the provider through
 * {@code META-INF/services}, writes the all-types table once per codec into the directory given as the first argument,
 * and exits 0. Any Hadoop class the write path touched would fail with {@code NoClassDefFoundError}.
 *
 * <p>Uses only the API, the plugin and {@link Fixtures}; nothing that reads Parquet.
 */
public final class HadoopFreeWriteMain {
  /** The codecs written, one file each: {@code <codec>.parquet}. */
  static final List<String> CODECS = List.of("zstd", "snappy", "gzip", "uncompressed");

  private HadoopFreeWriteMain() {}

  public static void main(String[] args) throws Exception {
    try {
      Class.forName("org.apache.hadoop.conf.Configuration");
      System.err.println("FAIL: Hadoop is on the class path; this check proves nothing");
      System.exit(3);
    } catch (ClassNotFoundException expected) {
      // the point of the exercise
    }
    Path dir = Path.of(args[0]);
    TableWriterProvider provider = ServiceLoader.load(TableWriterProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.format().equals("parquet"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("parquet provider not found through META-INF/services"));
    TableSchema schema = Fixtures.allTypesSchema("hadoop_free");
    for (String codec : CODECS) {
      Fixtures.write(provider, dir.resolve(codec + ".parquet"), schema,
          Map.of(ParquetOptions.COMPRESSION, codec), Fixtures.allTypes());
    }
    System.out.println("OK wrote " + CODECS.size() + " files with " + provider.getClass().getName());
  }
}
