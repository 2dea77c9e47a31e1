package io.transmog.core;

import io.transmog.api.RejectedRecord;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.WriterException;
import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.Table;
import io.transmog.core.internal.stream.FileNames;
import io.transmog.core.internal.stream.RejectsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tables produced by an in-memory flatten: one main table and one child table per array path. Immutable and safe
 * to share between threads. Holds every row in memory, columnar (primitive arrays for numbers and booleans); for
 * inputs larger than memory, stream to files instead.
 */
public final class FlattenResult {
  private final Table main;
  private final Map<String, Table> tables;
  private final List<RejectedRecord> rejects;

  FlattenResult(List<? extends Table> tables, List<RejectedRecord> rejects) {
    this.rejects = List.copyOf(rejects);
    Map<String, Table> map = new LinkedHashMap<>();
    for (Table t : tables) {
      map.put(t.name(), t);
    }
    this.tables = Collections.unmodifiableMap(map);
    this.main = tables.get(0);
  }

  /**
   * Returns the records left out in SKIP or WARN mode, with location, reason and raw text; empty in STRICT mode.
   *
   * @return the rejected records in input order
   */
  public List<RejectedRecord> rejects() {
    return rejects;
  }

  /** @return the main table (named after {@code options.name()}) */
  public Table main() {
    return main;
  }

  /**
   * Returns a table by name.
   *
   * @param name e.g. {@code orders_line_items}
   * @return the table, if it exists
   */
  public Optional<Table> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** @return the child tables by name, in the order they were first seen */
  public Map<String, Table> childTables() {
    Map<String, Table> children = new LinkedHashMap<>(tables);
    children.remove(main.name());
    return Collections.unmodifiableMap(children);
  }

  /** @return all tables, the main table first, then child tables in the order they were first seen */
  public List<Table> tables() {
    return List.copyOf(tables.values());
  }

  /** @return all table names in {@link #tables()} order */
  public List<String> tableNames() {
    return List.copyOf(tables.keySet());
  }

  /**
   * Writes every table as {@code <table>.<ext>} into a directory, discovering writers with
   * {@link WriterRegistry#discover()}.
   *
   * @param dir the output directory, created if missing
   * @param format a format name such as {@code csv} or {@code jsonl}
   * @return the files written, in {@link #tables()} order
   */
  public List<Path> save(Path dir, String format) {
    return save(dir, format, FormatOptions.empty(), WriterRegistry.discover());
  }

  /**
   * Writes every table as {@code <table>.<ext>} into a directory. Each file is written under a temporary name and
   * moved into place when complete; if any table fails, the tables not yet published are discarded and the error
   * names the table and file. Existing files of the same names are replaced.
   *
   * @param dir the output directory, created if missing
   * @param format a format name such as {@code csv} or {@code jsonl}
   * @param formatOptions options for the writer, checked against the provider's keys
   * @param registry where to find the writer
   * @return the files written, in {@link #tables()} order, then the rejects file if any record was rejected
   * @throws TransmogConfigurationException for an unknown format or option
   * @throws WriterException if a file cannot be written
   */
  public List<Path> save(Path dir, String format, FormatOptions formatOptions, WriterRegistry registry) {
    Objects.requireNonNull(dir, "dir must not be null");
    Objects.requireNonNull(formatOptions, "formatOptions must not be null");
    TableWriterProvider provider = registry.provider(format, formatOptions);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new WriterException("cannot create output directory " + dir + ": " + e, e);
    }
    String ext = provider.fileExtensions().iterator().next();
    FileNames names = new FileNames();
    List<TableWriter> open = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    boolean ok = false;
    try {
      for (Table t : tables.values()) {
        Path target = dir.resolve(names.forTable(t.name(), ext));
        TableWriter w = provider.open(new WriterContext(t.schema(), target, formatOptions));
        open.add(w);
        files.add(target);
        if (t.rowCount() > 0) {
          w.write(t);
        }
      }
      // publish only once every table was written completely
      for (TableWriter w : open) {
        w.close();
      }
      if (!rejects.isEmpty()) {
        try (RejectsFile rf = new RejectsFile(dir)) {
          rejects.forEach(rf::add);
          files.add(rf.publish());
        }
      }
      ok = true;
      return List.copyOf(files);
    } finally {
      if (!ok) {
        for (TableWriter w : open) {
          w.abort();
        }
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FlattenResult{");
    for (Table t : tables.values()) {
      sb.append(t.name()).append('=').append(t.rowCount()).append(" rows, ");
    }
    if (!tables.isEmpty()) {
      sb.setLength(sb.length() - 2);
    }
    return sb.append('}').toString();
  }
}
