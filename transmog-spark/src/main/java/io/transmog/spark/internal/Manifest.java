package io.transmog.spark.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.transmog.api.TransmogOptions;
import io.transmog.api.WriterException;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.table.ColumnType;
import io.transmog.spark.SchemaInference;
import io.transmog.spark.SparkOutput;
import io.transmog.spark.SparkWriteResult;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes {@code _transmog_manifest.json} next to the table directories of a Spark write: the same shape as the CLI's
 * manifest where it applies (input, options, tables with parent, rows and columns), plus each table's directory and
 * Spark type. Written through Hadoop's file system API, so it lands wherever Spark wrote the tables. Stateless.
 */
public final class Manifest {
  /** The manifest's file name, as the core's. */
  public static final String FILE_NAME = "_transmog_manifest.json";

  private Manifest() {}

  /**
   * Writes the manifest.
   *
   * @return the manifest's path
   * @throws WriterException if it cannot be written
   */
  public static String write(SparkSession spark, String root, SparkOutput output, TransmogOptions options,
      SchemaInference inference, Layout layout, List<String> sources, List<SparkWriteResult.TableSummary> tables,
      long records, long rejected, Optional<String> rejectsDir, Duration took) {
    Path path = new Path(root, FILE_NAME);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(path, true);
           JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeNumberField("manifestVersion", 1);
        g.writeStringField("engine", "transmog-spark");
        g.writeStringField("createdAt", Instant.now().toString());
        g.writeObjectFieldStart("input");
        g.writeArrayFieldStart("sources");
        for (String s : sources) {
          g.writeString(s);
        }
        g.writeEndArray();
        g.writeNumberField("partitions", layout.partitions());
        if (layout.counted()) {
          g.writeNumberField("bytes", layout.bytes());
        }
        g.writeNumberField("records", records);
        g.writeNumberField("rejected", rejected);
        g.writeEndObject();
        g.writeNumberField("durationMillis", took.toMillis());
        g.writeStringField("format", output.format());
        g.writeObjectFieldStart("formatOptions");
        for (Map.Entry<String, String> e : output.options().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("schemaInference", inference.toString());
        g.writeStringField("runTimestamp", layout.runTimestamp());
        writeOptions(g, options);
        g.writeArrayFieldStart("tables");
        for (int i = 0; i < tables.size(); i++) {
          SparkWriteResult.TableSummary t = tables.get(i);
          g.writeStartObject();
          g.writeStringField("name", t.name());
          if (t.parent().isPresent()) {
            g.writeStringField("parent", t.parent().get());
          } else {
            g.writeNullField("parent");
          }
          g.writeNumberField("rows", t.rows());
          g.writeStringField("directory", t.directory());
          g.writeArrayFieldStart("columns");
          for (Layout.ColumnLayout c : layout.tables().get(i).columns()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", c.type().name());
            if (c.type() == ColumnType.DECIMAL) {
              g.writeNumberField("precision", c.precision());
              g.writeNumberField("scale", c.scale());
            }
            g.writeStringField("sparkType", SparkSchemas.dataType(c.type(), c.precision(), c.scale()).sql());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        if (rejectsDir.isPresent()) {
          g.writeStringField("rejects", rejectsDir.get());
        }
        g.writeArrayFieldStart("warnings");
        for (String w : layout.warnings()) {
          g.writeString(w);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      return path.toString();
    } catch (IOException e) {
      throw new WriterException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private static void writeOptions(JsonGenerator g, TransmogOptions o) throws IOException {
    g.writeObjectFieldStart("options");
    g.writeStringField("name", o.name());
    g.writeStringField("separator", o.separator());
    g.writeStringField("arrayMode", o.arrayMode().name());
    g.writeBooleanField("includeNulls", o.includeNulls());
    g.writeBooleanField("stringifyValues", o.stringifyValues());
    g.writeNumberField("maxDepth", o.maxDepth());
    g.writeNumberField("chunkSize", o.chunkSize());
    g.writeBooleanField("lowMemory", o.lowMemory());
    g.writeStringField("idColumn", o.idColumn());
    g.writeStringField("parentIdColumn", o.parentIdColumn());
    g.writeBooleanField("includeTimestamp", o.includeTimestamp());
    g.writeStringField("timestampColumn", o.timestampColumn());
    g.writeStringField("inputFormat", o.inputFormat().name());
    g.writeBooleanField("inferTimestamps", o.inferTimestamps());
    g.writeBooleanField("strictTypes", o.strictTypes());
    g.writeStringField("idStrategy", idStrategy(o.idStrategy()));
    g.writeBooleanField("includeRootId", o.includeRootId());
    g.writeBooleanField("includeIndex", o.includeIndex());
    g.writeStringField("onError", o.onError().name());
    g.writeNumberField("maxNestingDepth", o.maxNestingDepth());
    g.writeNumberField("maxStringLength", o.maxStringLength());
    g.writeNumberField("maxColumnsPerTable", o.maxColumnsPerTable());
    g.writeArrayFieldStart("transforms");
    for (String t : o.transforms().keySet()) {
      g.writeString(t);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static String idStrategy(IdStrategy s) {
    if (s instanceof IdStrategy.Deterministic d) {
      return d.rootFields().isEmpty() ? "deterministic" : "deterministic" + d.rootFields();
    }
    if (s instanceof IdStrategy.ByLocation) {
      return "location";
    }
    if (s instanceof IdStrategy.Natural n) {
      return "natural" + new java.util.TreeMap<>(n.keyFieldByTable());
    }
    if (s instanceof IdStrategy.Custom) {
      return "custom";
    }
    return "random";
  }
}
