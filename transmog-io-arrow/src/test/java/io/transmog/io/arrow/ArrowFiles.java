package io.transmog.io.arrow;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads Arrow IPC files and streams back with Arrow Java's own readers ({@link ArrowFileReader},
 * {@link ArrowStreamReader}) into plain Java values: {@code Boolean}, {@code Long}, {@code Double},
 * {@code BigDecimal}, {@code String} (dictionary-encoded columns decoded), {@code Instant} for {@code timestamp[us]},
 * {@code LocalDate} for {@code date32}.
 */
@SuppressWarnings("exports") // test code, patched into the module on the module path: not API
public final class ArrowFiles {
  private static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

  static {
    // On the module path the tests are patched into io.transmog.io.arrow, which does not read Arrow's flatbuffers
    // module (streamMessages needs it); a module may add a read edge for itself. On the class path: a no-op.
    ModuleLayer.boot().findModule("org.apache.arrow.format").ifPresent(ArrowFiles.class.getModule()::addReads);
  }

  private ArrowFiles() {}

  /** What a file holds. */
  public record Contents(boolean fileFormat, Schema schema, List<List<Object>> rows, int recordBatches,
      int dictionaryBlocks) {
    public List<String> columnNames() {
      List<String> names = new ArrayList<>();
      for (Field f : schema.getFields()) {
        names.add(f.getName());
      }
      return names;
    }

    public List<Object> column(String name) {
      int i = columnNames().indexOf(name);
      List<Object> values = new ArrayList<>();
      for (List<Object> row : rows) {
        values.add(row.get(i));
      }
      return values;
    }
  }

  /** @return whether the file starts with the IPC file format's magic {@code ARROW1} */
  public static boolean isFileFormat(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(FILE_MAGIC.length), FILE_MAGIC);
    }
  }

  /**
   * Lists the messages of an IPC stream in order: {@code S} schema, {@code D} dictionary batch, {@code R} record batch.
   */
  public static String streamMessages(Path file) throws IOException {
    StringBuilder kinds = new StringBuilder();
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        MessageChannelReader reader = new MessageChannelReader(new ReadChannel(channel), allocator)) {
      for (MessageResult m = reader.readNext(); m != null; m = reader.readNext()) {
        byte type = m.getMessage().headerType();
        kinds.append(type == MessageHeader.Schema ? 'S' : type == MessageHeader.DictionaryBatch ? 'D'
            : type == MessageHeader.RecordBatch ? 'R' : '?');
        if (m.getBodyBuffer() != null) {
          m.getBodyBuffer().close();
        }
      }
    }
    return kinds.toString();
  }

  /** Reads a file in either format, with lz4/zstd support. */
  public static Contents read(Path file) throws IOException {
    return read(file, CommonsCompressionFactory.INSTANCE);
  }

  /** Reads a file in either format with the given codec factory. */
  public static Contents read(Path file, CompressionCodec.Factory codecs) throws IOException {
    boolean fileFormat = isFileFormat(file);
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (fileFormat) {
        try (ArrowFileReader reader = new ArrowFileReader(channel, allocator, codecs)) {
          List<List<Object>> rows = new ArrayList<>();
          int batches = readAll(reader, rows);
          return new Contents(true, reader.getVectorSchemaRoot().getSchema(), rows, batches,
              reader.getDictionaryBlocks().size());
        }
      }
      try (ArrowStreamReader reader = new ArrowStreamReader(channel, allocator, codecs)) {
        List<List<Object>> rows = new ArrayList<>();
        int batches = readAll(reader, rows);
        return new Contents(false, reader.getVectorSchemaRoot().getSchema(), rows, batches, -1);
      }
    }
  }

  private static int readAll(ArrowReader reader, List<List<Object>> rows) throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    int batches = 0;
    while (reader.loadNextBatch()) {
      batches++;
      Map<Long, Dictionary> dictionaries = reader.getDictionaryVectors();
      for (int r = 0; r < root.getRowCount(); r++) {
        List<Object> row = new ArrayList<>(root.getFieldVectors().size());
        for (FieldVector v : root.getFieldVectors()) {
          row.add(value(v, r, dictionaries));
        }
        rows.add(row);
      }
    }
    return batches;
  }

  static Object value(FieldVector v, int r, Map<Long, Dictionary> dictionaries) {
    if (v.isNull(r)) {
      return null;
    }
    if (v.getField().getDictionary() != null) {
      int index = ((IntVector) v).get(r);
      Dictionary d = dictionaries.get(v.getField().getDictionary().getId());
      return new String(((VarCharVector) d.getVector()).get(index), StandardCharsets.UTF_8);
    }
    if (v instanceof BitVector) {
      return ((BitVector) v).get(r) != 0;
    }
    if (v instanceof BigIntVector) {
      return ((BigIntVector) v).get(r);
    }
    if (v instanceof Float8Vector) {
      return ((Float8Vector) v).get(r);
    }
    if (v instanceof DecimalVector) {
      BigDecimal d = ((DecimalVector) v).getObject(r);
      return d;
    }
    if (v instanceof VarCharVector) {
      return new String(((VarCharVector) v).get(r), StandardCharsets.UTF_8);
    }
    if (v instanceof TimeStampMicroTZVector) {
      return Instant.EPOCH.plus(((TimeStampMicroTZVector) v).get(r), ChronoUnit.MICROS);
    }
    if (v instanceof DateDayVector) {
      return LocalDate.ofEpochDay(((DateDayVector) v).get(r));
    }
    throw new AssertionError("unexpected vector " + v.getClass().getName() + " for " + v.getField());
  }
}
