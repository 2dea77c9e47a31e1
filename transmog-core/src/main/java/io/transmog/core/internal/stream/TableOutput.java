package io.transmog.core.internal.stream;

import io.transmog.api.spi.FormatOptions;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one table in a streaming run: the open part's writer, and the parts already closed (published into the
 * staging directory). A new part starts when the provider cannot append a grown schema, or a size or row limit is
 * passed. One thread; closes or aborts exactly what it opened.
 */
final class TableOutput {
  /** A finished part in the staging directory. */
  record Part(Path staged, long rows, long bytes, TableSchema schema) {}

  private final String table;
  private final TableWriterProvider provider;
  private final FormatOptions formatOptions;
  private final Path staging;
  private final FileNames names;
  private final String extension;
  private final long maxRows;
  private final long maxBytes;
  private final List<Part> parts = new ArrayList<>();
  private TableWriter writer;
  private TableSchema writerSchema;
  private Path writerPath;
  private long partRows;

  TableOutput(String table, TableWriterProvider provider, FormatOptions formatOptions, Path staging,
      FileNames names, long maxRows, long maxBytes) {
    this.table = table;
    this.provider = provider;
    this.formatOptions = formatOptions;
    this.staging = staging;
    this.names = names;
    this.extension = provider.fileExtensions().iterator().next();
    this.maxRows = maxRows;
    this.maxBytes = maxBytes;
  }

  void write(RowBatch batch) {
    TableSchema schema = batch.schema();
    if (writer != null && (full() || (schema != writerSchema && !provider.canAppend(writerSchema, schema)))) {
      closePart();
    }
    if (writer == null) {
      openPart(schema);
    }
    writer.write(batch);
    partRows += batch.rowCount();
    if (schema != writerSchema && !schema.equals(writerSchema)) {
      writerSchema = schema; // the provider accepted the change; the part's schema is the latest one
    }
  }

  private boolean full() {
    if (maxRows > 0 && partRows >= maxRows) {
      return true;
    }
    return maxBytes > 0 && writer.bytesWritten() >= maxBytes;
  }

  /** Makes sure the table has a file even if it got no rows (the main table of an empty input). */
  void ensureFile(TableSchema schema) {
    if (writer == null && parts.isEmpty()) {
      openPart(schema);
    }
  }

  private void openPart(TableSchema schema) {
    writerPath = staging.resolve(names.forPart(table, parts.size(), extension));
    writer = provider.open(new WriterContext(schema, writerPath, formatOptions));
    writerSchema = schema;
    partRows = 0;
  }

  private void closePart() {
    TableWriter w = writer;
    writer = null;
    w.close();
    try {
      parts.add(new Part(writerPath, partRows, Files.size(writerPath), writerSchema));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + writerPath, e);
    }
  }

  /** Closes the open part. */
  void finish() {
    if (writer != null) {
      closePart();
    }
  }

  /** Discards the open part; parts already staged are removed with the staging directory. */
  void abort() {
    if (writer != null) {
      TableWriter w = writer;
      writer = null;
      w.abort();
    }
  }

  List<Part> parts() {
    return parts;
  }

  String extension() {
    return extension;
  }
}
