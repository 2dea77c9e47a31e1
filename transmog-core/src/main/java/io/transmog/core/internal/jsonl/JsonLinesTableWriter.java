package io.transmog.core.internal.jsonl;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.transmog.api.WriterException;
import io.transmog.api.spi.PendingFile;
import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.RowBatch;
import io.transmog.api.table.TableSchema;
import io.transmog.core.internal.input.Parsers;
import java.io.IOException;
import java.io.OutputStream;

/** Writes one table as JSON Lines to a pending file; see {@link JsonLinesWriterProvider}. */
final class JsonLinesTableWriter implements TableWriter {
  private final PendingFile file;
  private final boolean writeNulls;
  private TableSchema schema;
  private SerializedString[] names;
  private ColumnType[] types;
  private JsonGenerator gen;
  /** Scratch for a text cell's UTF-8 bytes, grown to the longest cell. */
  private byte[] text = new byte[256];
  private boolean finished;

  JsonLinesTableWriter(WriterContext ctx, boolean writeNulls) {
    this.writeNulls = writeNulls;
    useSchema(ctx.schema());
    this.file = PendingFile.create(ctx.target());
    // no BufferedOutputStream: the generator buffers itself, and bytesWritten() can then count its buffer exactly
    OutputStream out = file.openStream();
    try {
      gen = Parsers.FACTORY.createGenerator(out, JsonEncoding.UTF8);
      gen.setRootValueSeparator(null);
    } catch (IOException | RuntimeException e) {
      file.discard();
      throw new WriterException("cannot open " + file.target() + " for table " + schema.table() + ": " + e, e);
    }
  }

  /** Every row names its fields, so a grown schema needs only new names; computed once per schema, not per row. */
  private void useSchema(TableSchema s) {
    schema = s;
    names = new SerializedString[s.size()];
    types = new ColumnType[s.size()];
    for (int i = 0; i < s.size(); i++) {
      names[i] = new SerializedString(s.column(i).name());
      types[i] = s.column(i).type();
    }
  }

  @Override
  public long bytesWritten() {
    return file.bytesWritten() + Math.max(0, gen.getOutputBuffered());
  }

  @Override
  public void write(RowBatch batch) {
    if (finished) {
      throw new IllegalStateException("writer for table " + schema.table() + " is already closed");
    }
    if (batch.schema() != schema && !batch.schema().equals(schema)) {
      useSchema(batch.schema());
    }
    try {
      int n = batch.rowCount();
      for (int r = 0; r < n; r++) {
        gen.writeStartObject();
        for (int c = 0; c < names.length; c++) {
          if (batch.isNull(c, r)) {
            if (writeNulls) {
              gen.writeFieldName(names[c]);
              gen.writeNull();
            }
            continue;
          }
          gen.writeFieldName(names[c]);
          switch (types[c]) {
            case LONG:
              gen.writeNumber(batch.getLong(c, r));
              break;
            case DOUBLE:
              gen.writeNumber(batch.getDouble(c, r));
              break;
            case DECIMAL:
              gen.writeNumber(batch.getDecimal(c, r));
              break;
            case BOOLEAN:
              gen.writeBoolean(batch.getBoolean(c, r));
              break;
            case JSON:
              gen.writeRawValue(batch.getString(c, r));
              break;
            case STRING: {
              // the cell's UTF-8 bytes, escaped by the generator: no String per cell
              int len = batch.getUtf8Length(c, r);
              if (text.length < len) {
                text = new byte[Math.max(len, 2 * text.length)];
              }
              batch.getUtf8(c, r, text, 0);
              gen.writeUTF8String(text, 0, len);
              break;
            }
            default:
              gen.writeString(batch.getString(c, r));
          }
        }
        gen.writeEndObject();
        gen.writeRaw('\n');
      }
    } catch (IOException e) {
      abort();
      throw new WriterException("cannot write table " + schema.table() + " to " + file.temp() + ": " + e, e);
    } catch (RuntimeException e) {
      abort(); // a half-written row cannot be taken back: the file goes now, as the SPI requires
      throw e;
    }
  }

  @Override
  public void close() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      gen.close();
    } catch (IOException e) {
      file.discard();
      throw new WriterException("cannot complete table " + schema.table() + " in " + file.temp() + ": " + e, e);
    }
    file.publish();
  }

  @Override
  public void abort() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      gen.close();
    } catch (IOException | RuntimeException ignored) {
      // the file is deleted next; a failure to flush it does not matter
    }
    file.discard();
  }
}
