package io.transmog.core.internal.stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.transmog.api.RejectedRecord;
import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.core.internal.input.Parsers;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The rejects file {@code _transmog_rejects.jsonl}: one JSON object per bad record with {@code source}, {@code line},
 * {@code column}, {@code byteOffset}, {@code record}, {@code path}, {@code reason} and {@code raw} (the record's text,
 * when known), so bad records can be fixed and replayed with {@code jq -r .raw}. Written under a temporary name and
 * published with the other outputs; not created when nothing was rejected.
 */
public final class RejectsFile implements AutoCloseable {
  /** The file name. */
  public static final String NAME = "_transmog_rejects.jsonl";

  private final PendingFile file;
  private final JsonGenerator gen;
  private long count;

  /**
   * Opens the rejects file for a directory.
   *
   * @param dir the output directory
   */
  public RejectsFile(Path dir) {
    this.file = PendingFile.create(dir.resolve(NAME));
    try {
      this.gen = Parsers.FACTORY.createGenerator(file.openStream(), JsonEncoding.UTF8);
      gen.setRootValueSeparator(null);
    } catch (IOException e) {
      file.discard();
      throw new WriterException("cannot open the rejects file " + file.target() + ": " + e, e);
    }
  }

  /**
   * Appends one bad record.
   *
   * @param r the record
   */
  public void add(RejectedRecord r) {
    try {
      write(gen, r);
      gen.writeRaw('\n');
      count++;
    } catch (IOException e) {
      throw new WriterException("cannot write the rejects file " + file.temp() + ": " + e, e);
    }
  }

  /**
   * Writes one bad record as a JSON object.
   *
   * @param g the generator
   * @param r the record
   * @throws IOException if writing fails
   */
  public static void write(JsonGenerator g, RejectedRecord r) throws IOException {
    g.writeStartObject();
    g.writeStringField("source", r.location().source());
    g.writeNumberField("line", r.location().line());
    g.writeNumberField("column", r.location().column());
    g.writeNumberField("byteOffset", r.location().byteOffset());
    g.writeNumberField("record", r.location().record());
    g.writeStringField("path", r.location().jsonPath());
    g.writeStringField("reason", r.reason());
    if (r.raw().isPresent()) {
      g.writeStringField("raw", r.raw().get());
    } else {
      g.writeNullField("raw");
    }
    g.writeEndObject();
  }

  /** @return the number of records written */
  public long count() {
    return count;
  }

  /**
   * Publishes the file if it holds any record, else removes it.
   *
   * @return the published path, or null
   */
  public Path publish() {
    try {
      gen.close();
    } catch (IOException e) {
      file.discard();
      throw new WriterException("cannot complete the rejects file " + file.temp() + ": " + e, e);
    }
    if (count == 0) {
      file.discard();
      return null;
    }
    file.publish();
    return file.target();
  }

  @Override
  public void close() {
    if (!file.isDone()) {
      try {
        gen.close();
      } catch (IOException ignored) {
        // discarded next
      }
      file.discard();
    }
  }
}
