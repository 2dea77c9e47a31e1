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
import java.util.LinkedHashMap;
import java.util.function.Supplier;
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
  private Path staging;

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
   * Runs one input to completion, on the calling thread (plus a writer thread when {@code parallelism > 1}).
   *
   * @param reader the records; closed by the caller
   * @param inputBytes the input's size if known, else -1 (then the bytes parsed are reported)
   * @return what was written
   */
  public Outcome run(RecordReader reader, long inputBytes) {
    long start = System.nanoTime();
    prepareDirectory();
    Split split = new Split(staging, options);
    boolean ok = false;
    try {
      split.run(reader, inputBytes, options.parallelism() > 1);
      long bytes = inputBytes >= 0 ? inputBytes : parsedBytes(reader);
      Outcome o = complete(List.of(split), bytes, reader.source(), start);
      ok = true;
      return o;
    } finally {
      if (!ok) {
        split.abort();
      }
      deleteStaging();
    }
  }

  /**
   * Runs the splits of one JSON Lines file on one thread each ({@code transmog-split-N}); each split writes its own
   * part files, which are published in input order, so a table's rows come out in input order across its parts. IDs
   * from content or location do not depend on the number of splits. In STRICT mode the error reported is the first
   * bad record in input order: a failing split stops the splits after it, never those before it.
   *
   * @param splits opens each split's reader, in input order
   * @param inputBytes the input's size
   * @param source the input's name for the manifest
   * @return what was written
   */
  public Outcome runSplits(List<Supplier<RecordReader>> splits, long inputBytes, String source) {
    long start = System.nanoTime();
    prepareDirectory();
    int n = splits.size();
    SharedProgress progress = new SharedProgress(options.progressListener(), n, inputBytes);
    List<Split> parts = new ArrayList<>(n);
    Thread[] threads = new Thread[n];
    Throwable[] failures = new Throwable[n];
    boolean ok = false;
    try {
      for (int i = 0; i < n; i++) {
        Path dir = staging.resolve("split-" + i);
        Files.createDirectories(dir);
        TransmogOptions opts = options.toBuilder().progressListener(progress.forSplit(i)).build();
        parts.add(new Split(dir, opts));
      }
      for (int i = 0; i < n; i++) {
        int index = i;
        threads[i] = new Thread(() -> {
          try (RecordReader reader = splits.get(index).get()) {
            parts.get(index).run(reader, -1, false);
          } catch (RuntimeException | Error e) {
            failures[index] = e;
            for (int j = index + 1; j < n; j++) { // a later split's records come after the failing one
              threads[j].interrupt();
            }
          }
        }, "transmog-split-" + i);
        threads[i].setDaemon(true);
      }
      for (Thread t : threads) {
        t.start();
      }
      boolean interrupted = joinAll(threads);
      if (interrupted) {
        Thread.currentThread().interrupt();
        throw new TransmogException("interrupted while reading " + source + "; no output was published");
      }
      for (Throwable f : failures) {
        if (f instanceof RuntimeException) {
          throw (RuntimeException) f;
        }
        if (f != null) {
          throw new TransmogException("a split of " + source + " failed: " + f, f);
        }
      }
      progress.done();
      Outcome o = complete(parts, inputBytes, source, start);
      ok = true;
      return o;
    } catch (IOException e) {
      throw new WriterException("cannot prepare the staging directory in " + outDir + ": " + e, e);
    } finally {
      if (!ok) {
        for (Split p : parts) {
          p.abort();
        }
      }
      deleteStaging();
    }
  }

  private static boolean joinAll(Thread[] threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      if (t == null) {
        continue;
      }
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          for (Thread other : threads) {
            if (other != null) {
              other.interrupt();
            }
          }
        }
      }
    }
    return interrupted;
  }

  /** Closes every file, publishes the parts under their final names, the rejects and the manifest. */
  private Outcome complete(List<Split> splits, long bytes, String source, long start) {
    // every table, in first-seen order over the splits in input order; the main table first
    Map<String, List<TableData>> tables = new LinkedHashMap<>();
    for (Split s : splits) {
      for (TableData t : s.tables) {
        tables.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t);
      }
    }
    String mainName = splits.get(0).tables.get(0).name();
    boolean mainHasFile = false;
    for (Split s : splits) {
      mainHasFile |= s.outputs.containsKey(mainName);
    }
    if (!mainHasFile) { // an empty input still gets an (empty) main table file
      splits.get(0).output(mainName).ensureFile(splits.get(0).tables.get(0).schema());
    }
    for (Split s : splits) {
      for (TableOutput o : s.outputs.values()) {
        o.finish();
      }
    }
    long records = 0;
    long rejected = 0;
    for (Split s : splits) {
      records += s.counts.records();
      rejected += s.counts.rejected();
    }
    List<TableResult> results = publish(splits, tables);
    Path rejects = publishRejects(splits, rejected);
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    Path manifest = writeManifest(results, records, rejected, bytes, source, duration);
    return new Outcome(results, records, rejected, bytes, manifest, rejects, duration);
  }

  /** The work of one split: its engine, its writers and its rejects, all in its own staging directory. */
  private final class Split {
    final Path dir;
    final TransmogOptions opts;
    final FileNames names = new FileNames();
    final Map<String, TableOutput> outputs = new HashMap<>();
    RejectsFile rejects;
    AsyncWriter async;
    Engine engine;
    List<TableData> tables;
    RecordLoop.Counts counts;

    Split(Path dir, TransmogOptions opts) {
      this.dir = dir;
      this.opts = opts;
    }

    void run(RecordReader reader, long inputBytes, boolean writerThread) {
      Engine.ChunkSink sink = this::accept;
      if (writerThread) {
        async = new AsyncWriter(this::accept, 4);
        async.start();
        // the writer thread gets the rows themselves; the engine goes on with fresh storage
        sink = t -> async.submit(t.detachRows());
      }
      engine = Engine.streaming(opts, sink);
      rejects = new RejectsFile(dir);
      counts = RecordLoop.run(reader, engine, opts, inputBytes, rejects::add);
      tables = engine.finish();
      if (async != null) {
        async.finish();
        async = null;
      }
    }

    void accept(TableData batch) {
      output(batch.name()).write(batch);
    }

    TableOutput output(String table) {
      return outputs.computeIfAbsent(table, t -> new TableOutput(t, provider, output.formatOptions(), dir, names,
          output.maxRowsPerFile(), output.maxBytesPerFile()));
    }

    void abort() {
      if (async != null) {
        async.stop();
        async = null;
      }
      for (TableOutput o : outputs.values()) {
        o.abort();
      }
      if (rejects != null) {
        rejects.close();
      }
    }
  }

  /** Sums the progress of the splits for the caller's listener, which sees one run. */
  private static final class SharedProgress {
    private final ProgressListener target;
    private final long[] records;
    private final long[] bytes;
    private final long bytesTotal;
    private final long start = System.nanoTime();

    SharedProgress(ProgressListener target, int splits, long bytesTotal) {
      this.target = target;
      this.records = new long[splits];
      this.bytes = new long[splits];
      this.bytesTotal = bytesTotal;
    }

    ProgressListener forSplit(int i) {
      if (target == ProgressListener.NONE) {
        return ProgressListener.NONE;
      }
      return p -> report(i, p.records(), p.bytesRead());
    }

    private synchronized void report(int i, long r, long b) {
      records[i] = r;
      bytes[i] = b;
      target.onProgress(new ProgressListener.Progress(sum(records), sum(bytes), bytesTotal,
          System.nanoTime() - start, false));
    }

    synchronized void done() {
      if (target != ProgressListener.NONE) {
        target.onProgress(new ProgressListener.Progress(sum(records), sum(bytes), bytesTotal,
            System.nanoTime() - start, true));
      }
    }

    private static long sum(long[] a) {
      long s = 0;
      for (long v : a) {
        s += v;
      }
      return s;
    }
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

  private List<TableResult> publish(List<Split> splits, Map<String, List<TableData>> tables) {
    if (output.overwrite()) {
      removePreviousRun();
    }
    FileNames finalNames = new FileNames();
    List<TableResult> results = new ArrayList<>();
    try {
      for (Map.Entry<String, List<TableData>> e : tables.entrySet()) {
        String name = e.getKey();
        List<TableOutput.Part> parts = new ArrayList<>();
        String extension = null;
        long rows = 0;
        for (Split s : splits) {
          TableOutput o = s.outputs.get(name);
          if (o != null) {
            parts.addAll(o.parts());
            extension = o.extension();
          }
          for (TableData t : s.tables) {
            if (t.name().equals(name)) {
              rows += s.engine.totalRows(t);
            }
          }
        }
        List<FileResult> files = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          TableOutput.Part part = parts.get(i);
          String file = parts.size() == 1 ? finalNames.forTable(name, extension)
              : finalNames.forPart(name, i, extension);
          Path target = outDir.resolve(file);
          move(part.staged(), target);
          files.add(new FileResult(target, part.rows(), part.bytes(), part.schema()));
        }
        TableSchema schema = e.getValue().get(0).schema();
        for (int i = 1; i < e.getValue().size(); i++) {
          schema = Schemas.union(schema, e.getValue().get(i).schema());
        }
        results.add(new TableResult(name, schema.parent().orElse(null), rows, schema, files));
      }
    } catch (IOException e) {
      throw new WriterException("cannot move finished files into " + outDir + ": " + e, e);
    }
    return results;
  }

  /** One rejects file for the run, the splits' bad records in input order; null when none was rejected. */
  private Path publishRejects(List<Split> splits, long rejected) {
    Path target = outDir.resolve(RejectsFile.NAME);
    try {
      if (splits.size() == 1) {
        Path published = splits.get(0).rejects.publish();
        if (published == null) {
          return null;
        }
        move(published, target);
        return target;
      }
      List<Path> files = new ArrayList<>();
      for (Split s : splits) {
        Path p = s.rejects.publish();
        if (p != null) {
          files.add(p);
        }
      }
      if (rejected == 0 || files.isEmpty()) {
        return null;
      }
      PendingFile all = PendingFile.create(target);
      try (OutputStream out = all.openStream()) {
        for (Path f : files) {
          Files.copy(f, out);
        }
      } catch (IOException e) {
        all.discard();
        throw e;
      }
      all.publish();
      return target;
    } catch (IOException e) {
      throw new WriterException("cannot write the rejects file " + target + ": " + e, e);
    }
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
