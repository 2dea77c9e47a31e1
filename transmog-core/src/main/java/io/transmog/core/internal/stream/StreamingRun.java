package io.transmog.core.internal.stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.transmog.api.OutputOptions;
import io.transmog.api.ProgressListener;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.table.Column;
import io.transmog.api.table.TableSchema;
import io.transmog.core.internal.flatten.Engine;
import io.transmog.core.internal.flatten.RecordLoop;
import io.transmog.core.internal.input.Parsers;
import io.transmog.core.internal.input.RecordReader;
import io.transmog.core.internal.table.TableData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One streaming run: records flow from the reader through the engine into one {@link TableOutput} per table, chunk by
 * chunk, so memory holds at most one chunk of rows. Every file is written into a hidden staging directory inside the
 * output directory; only when the whole input was read and every writer closed are the files moved to their final
 * names and the manifest written. On any failure, or an interrupt, the staging directory is deleted and nothing
 * appears under a final name.
 */
public final class StreamingRun {
  /** The manifest's file name. */
  public static final String MANIFEST = "_transmog_manifest.json";
  private static final String STAGING_PREFIX = ".transmog-staging-";

  /** The outcome, turned into the public result by the caller. */
  public record Outcome(List<TableResult> tables, long records, long rejected, long inputBytes, Path manifest,
      Path rejects, Duration duration) {}

  /** One table's outcome: final files with their rows, sizes and schemas. */
  public record TableResult(String name, String parent, long rows, TableSchema schema, List<FileResult> files) {}

  /** One published file. */
  public record FileResult(Path path, long rows, long bytes, TableSchema schema) {}

  private final TransmogOptions options;
  private final OutputOptions output;
  private final TableWriterProvider provider;
  private final Path outDir;
  private final FileNames stagedNames = new FileNames();
  private final Map<String, TableOutput> outputs = new HashMap<>();
  private Path staging;
  private RejectsFile rejectsFile;
  private AsyncWriter async;

  /**
   * Prepares a run.
   *
   * @param options flattening options
   * @param output output options
   * @param provider the writer, already checked against the format options
   * @param outDir the output directory
   */
  public StreamingRun(TransmogOptions options, OutputOptions output, TableWriterProvider provider, Path outDir) {
    this.options = options;
    this.output = output;
    this.provider = provider;
    this.outDir = outDir.toAbsolutePath().normalize();
  }

  /**
   * Runs to completion.
   *
   * @param reader the records; closed by the caller
   * @param inputBytes the input's size if known, else -1 (then the bytes parsed are reported)
   * @return what was written
   */
  public Outcome run(RecordReader reader, long inputBytes) {
    long start = System.nanoTime();
    prepareDirectory();
    boolean ok = false;
    try {
      Engine.ChunkSink sink = this::accept;
      if (options.parallelism() > 1) {
        async = new AsyncWriter(this::accept, 4);
        async.start();
        // the writer thread gets the rows themselves; the engine goes on with fresh storage
        sink = t -> async.submit(t.detachRows());
      }
      Engine engine = Engine.streaming(options, sink);
      rejectsFile = new RejectsFile(staging);
      RecordLoop.Counts counts = RecordLoop.run(reader, engine, options, inputBytes, rejectsFile::add);
      long records = counts.records();
      List<TableData> tables = engine.finish();
      if (async != null) {
        async.finish();
        async = null;
      }
      output(tables.get(0).name()).ensureFile(tables.get(0).schema());
      for (TableOutput o : outputs.values()) {
        o.finish();
      }
      long bytes = inputBytes >= 0 ? inputBytes : parsedBytes(reader);
      List<TableResult> results = publish(engine, tables);
      Path rejects = null;
      if (rejectsFile.count() > 0) {
        rejects = outDir.resolve(RejectsFile.NAME);
        move(rejectsFile.publish(), rejects);
      } else {
        rejectsFile.publish();
      }
      Duration duration = Duration.ofNanos(System.nanoTime() - start);
      Path manifest = writeManifest(results, records, counts.rejected(), bytes, reader.source(), duration);
      ok = true;
      return new Outcome(results, records, counts.rejected(), bytes, manifest, rejects, duration);
    } catch (IOException e) {
      throw new WriterException("cannot move the rejects file into " + outDir + ": " + e, e);
    } finally {
      if (!ok) {
        if (async != null) {
          async.stop();
        }
        for (TableOutput o : outputs.values()) {
          o.abort();
        }
        if (rejectsFile != null) {
          rejectsFile.close();
        }
      }
      deleteStaging();
    }
  }

  private void accept(TableData batch) {
    output(batch.name()).write(batch);
  }

  private TableOutput output(String table) {
    return outputs.computeIfAbsent(table, t -> new TableOutput(t, provider, output.formatOptions(), staging,
        stagedNames, output.maxRowsPerFile(), output.maxBytesPerFile()));
  }

  private void prepareDirectory() {
    try {
      Files.createDirectories(outDir);
      if (!output.overwrite()) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(outDir)) {
          for (Path e : entries) {
            if (!e.getFileName().toString().startsWith(STAGING_PREFIX)) {
              throw new WriterException("output directory " + outDir + " is not empty (it holds "
                  + e.getFileName() + "); choose an empty directory or allow overwriting (--overwrite)");
            }
          }
        }
      }
      staging = Files.createTempDirectory(outDir, STAGING_PREFIX);
    } catch (IOException e) {
      throw new WriterException("cannot prepare output directory " + outDir + ": " + e, e);
    }
  }

  private List<TableResult> publish(Engine engine, List<TableData> tables) {
    if (output.overwrite()) {
      removePreviousRun();
    }
    FileNames finalNames = new FileNames();
    List<TableResult> results = new ArrayList<>();
    try {
      for (TableData t : tables) {
        TableOutput o = outputs.get(t.name());
        List<TableOutput.Part> parts = o.parts();
        List<FileResult> files = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          TableOutput.Part part = parts.get(i);
          String name = parts.size() == 1 ? finalNames.forTable(t.name(), o.extension())
              : finalNames.forPart(t.name(), i, o.extension());
          Path target = outDir.resolve(name);
          move(part.staged(), target);
          files.add(new FileResult(target, part.rows(), part.bytes(), part.schema()));
        }
        results.add(new TableResult(t.name(), t.schema().parent().orElse(null), engine.totalRows(t), t.schema(),
            files));
      }
    } catch (IOException e) {
      throw new WriterException("cannot move finished files into " + outDir + ": " + e, e);
    }
    return results;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** With overwrite, the files a previous run listed in its manifest go first, so no stale part survives. */
  private void removePreviousRun() {
    Path manifest = outDir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return;
    }
    List<String> files = new ArrayList<>();
    try (JsonParser p = Parsers.FACTORY.createParser(manifest.toFile())) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("file") && p.nextToken() == JsonToken.VALUE_STRING) {
          files.add(p.getText());
        }
      }
      for (String f : files) {
        Path old = outDir.resolve(f).normalize();
        if (old.getParent() != null && old.getParent().equals(outDir)) { // never outside the directory
          Files.deleteIfExists(old);
        }
      }
    } catch (IOException e) {
      throw new WriterException("cannot read the previous manifest " + manifest + " to replace its files: " + e, e);
    }
  }

  private Path writeManifest(List<TableResult> tables, long records, long rejected, long bytes, String source,
      Duration duration) {
    Path target = outDir.resolve(MANIFEST);
    PendingFile file = PendingFile.create(target);
    try (OutputStream out = file.openStream();
        JsonGenerator g = Parsers.FACTORY.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeNumberField("manifestVersion", 1);
      g.writeStringField("createdAt", Instant.now().toString());
      g.writeObjectFieldStart("input");
      g.writeStringField("source", source);
      g.writeNumberField("bytes", bytes);
      g.writeNumberField("records", records);
      g.writeNumberField("rejected", rejected);
      g.writeEndObject();
      if (rejected > 0) {
        g.writeStringField("rejectsFile", RejectsFile.NAME);
      }
      g.writeNumberField("durationMillis", duration.toMillis());
      g.writeStringField("format", provider.format());
      g.writeObjectFieldStart("formatOptions");
      for (Map.Entry<String, String> e : output.formatOptions().asMap().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      writeOptions(g);
      g.writeArrayFieldStart("tables");
      for (TableResult t : tables) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        if (t.parent() != null) {
          g.writeStringField("parent", t.parent());
        } else {
          g.writeNullField("parent");
        }
        g.writeNumberField("rows", t.rows());
        writeColumns(g, t.schema());
        g.writeArrayFieldStart("files");
        for (FileResult f : t.files()) {
          g.writeStartObject();
          g.writeStringField("file", f.path().getFileName().toString());
          g.writeNumberField("rows", f.rows());
          g.writeNumberField("bytes", f.bytes());
          writeColumns(g, f.schema());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      file.discard();
      throw new WriterException("cannot write manifest " + target + ": " + e, e);
    }
    file.publish();
    return target;
  }

  private void writeOptions(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("options");
    g.writeStringField("name", options.name());
    g.writeStringField("separator", options.separator());
    g.writeStringField("arrayMode", options.arrayMode().name());
    g.writeBooleanField("includeNulls", options.includeNulls());
    g.writeBooleanField("stringifyValues", options.stringifyValues());
    g.writeNumberField("maxDepth", options.maxDepth());
    g.writeNumberField("chunkSize", options.chunkSize());
    g.writeBooleanField("lowMemory", options.lowMemory());
    g.writeStringField("idColumn", options.idColumn());
    g.writeStringField("parentIdColumn", options.parentIdColumn());
    g.writeBooleanField("includeTimestamp", options.includeTimestamp());
    g.writeStringField("timestampColumn", options.timestampColumn());
    g.writeStringField("inputFormat", options.inputFormat().name());
    g.writeBooleanField("inferTimestamps", options.inferTimestamps());
    g.writeBooleanField("strictTypes", options.strictTypes());
    g.writeStringField("idStrategy", options.idStrategy().toString());
    g.writeBooleanField("includeRootId", options.includeRootId());
    g.writeBooleanField("includeIndex", options.includeIndex());
    g.writeStringField("onError", options.onError().name());
    g.writeNumberField("maxNestingDepth", options.maxNestingDepth());
    g.writeNumberField("maxStringLength", options.maxStringLength());
    g.writeNumberField("maxColumnsPerTable", options.maxColumnsPerTable());
    g.writeArrayFieldStart("transforms");
    for (String t : options.transforms().keySet()) {
      g.writeString(t);
    }
    g.writeEndArray();
    g.writeNumberField("maxRowsPerFile", output.maxRowsPerFile());
    g.writeNumberField("maxBytesPerFile", output.maxBytesPerFile());
    g.writeEndObject();
  }

  private static void writeColumns(JsonGenerator g, TableSchema schema) throws IOException {
    g.writeArrayFieldStart("columns");
    for (Column c : schema.columns()) {
      g.writeStartObject();
      g.writeStringField("name", c.name());
      g.writeStringField("type", c.type().name());
      if (c.type() == io.transmog.api.table.ColumnType.DECIMAL) {
        g.writeNumberField("precision", c.precision());
        g.writeNumberField("scale", c.scale());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static long parsedBytes(RecordReader reader) {
    return reader.parser() == null ? -1 : reader.parser().currentLocation().getByteOffset();
  }

  private void deleteStaging() {
    if (staging == null) {
      return;
    }
    try {
      Files.walkFileTree(staging, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // a hidden .transmog-staging-* directory may remain; it never holds files under final names
    }
  }
}
