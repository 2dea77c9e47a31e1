package io.transmog.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.apache.hadoop.conf.Configuration;
import org.apache.orc.OrcFile;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;
import org.apache.orc.storage.ql.exec.vector.BytesColumnVector;
import org.apache.orc.storage.ql.exec.vector.ColumnVector;
import org.apache.orc.storage.ql.exec.vector.DecimalColumnVector;
import org.apache.orc.storage.ql.exec.vector.DoubleColumnVector;
import org.apache.orc.storage.ql.exec.vector.LongColumnVector;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Reads one table's file of each format back with that format's own Java reader: Commons CSV, Jackson (JSON Lines),
 * Parquet Java ({@link ParquetReader} with the example {@link Group} model), ORC Java ({@link OrcFile#createReader})
 * and Arrow Java ({@link ArrowFileReader}). Every reader checks the file's column names and, where the format has
 * types, each column's type against the documented mapping of its plugin, and turns each cell into a <em>canonical
 * cell</em> (see {@link #cell}) so that the five formats and the engine's in-memory table can be compared cell by cell.
 *
 * <p>Problems (a wrong type, a cell that cannot be decoded, a decimal at the wrong scale) are collected, not thrown,
 * so that one run reports all of them.
 */
final class FormatReadBack {
  static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();
  /**
   * Reads JSON numbers as doubles, for DOUBLE columns: {@link #JSON} makes them {@code BigDecimal}s, which have no
   * negative zero ({@code -0.0} would come back as {@code 0.0}).
   */
  static final JsonMapper JSON_DOUBLES = JsonMapper.builder().build();
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private FormatReadBack() {}

  /** What a file held: canonical cells in the expected column order, and what was wrong with it. */
  record Contents(List<List<String>> rows, List<String> problems) {}

  // ---- canonical cells --------------------------------------------------------------------------------------------

  /**
   * A cell in a form that is equal exactly when the values are: {@code null}; {@code b:true}; {@code l:-42};
   * {@code d:} plus {@link Double#toString(double)} (one text per double, {@code -0.0} included); {@code n:} plus the
   * decimal's plain text without trailing zeros; {@code s:} plus the text; {@code j:} plus the JSON re-serialised
   * compactly; {@code t:} plus epoch microseconds; {@code D:} plus epoch days.
   */
  static String cell(ColumnType type, Object value) {
    if (value == null) {
      return null;
    }
    switch (type) {
      case BOOLEAN:
        return "b:" + value;
      case LONG:
        return "l:" + value;
      case DOUBLE:
        return "d:" + Double.toString((Double) value);
      case DECIMAL:
        BigDecimal d = (BigDecimal) value;
        return "n:" + (d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
      case STRING:
        return "s:" + value;
      case JSON:
        return "j:" + canonicalJson((String) value);
      case TIMESTAMP:
        return "t:" + value;
      case DATE:
        return "D:" + value;
      default:
        throw new AssertionError(type);
    }
  }

  static String canonicalJson(String text) {
    try {
      return JSON.writeValueAsString(JSON.readTree(text));
    } catch (IOException e) {
      return "<not JSON: " + text + ">";
    }
  }

  /** The engine's in-memory table as canonical cells. */
  static List<List<String>> cells(Table t) {
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < t.schema().size(); c++) {
        ColumnType type = t.schema().column(c).type();
        Object v = null;
        if (!t.isNull(c, r)) {
          switch (type) {
            case BOOLEAN -> v = t.getBoolean(c, r);
            case LONG, TIMESTAMP, DATE -> v = t.getLong(c, r);
            case DOUBLE -> v = t.getDouble(c, r);
            case DECIMAL -> v = t.getDecimal(c, r);
            default -> v = t.getString(c, r);
          }
        }
        row.add(cell(type, v));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Parses the text of a TIMESTAMP cell (its original input text: a date or an offset date-time) as microseconds. */
  static long micros(String text) {
    if (text.length() == 10) {
      return LocalDate.parse(text).toEpochDay() * MICROS_PER_DAY;
    }
    String iso = text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    java.time.Instant i = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  /** Decodes a text cell (CSV) by the column's type, checking that numbers use the writer's canonical form. */
  private static Object fromText(Column column, String text, List<String> problems, String where) {
    try {
      switch (column.type()) {
        case BOOLEAN:
          if (!text.equals("true") && !text.equals("false")) {
            problems.add(where + ": not a boolean: " + text);
          }
          return Boolean.parseBoolean(text);
        case LONG:
          return Long.parseLong(text);
        case DOUBLE: {
          double d = Double.parseDouble(text);
          if (!Double.toString(d).equals(text)) {
            problems.add(where + ": double not in Double.toString form: " + text);
          }
          return d;
        }
        case DECIMAL:
          return new BigDecimal(text);
        case TIMESTAMP:
          return micros(text);
        case DATE:
          return LocalDate.parse(text).toEpochDay();
        default:
          return text;
      }
    } catch (RuntimeException e) {
      problems.add(where + ": cannot read \"" + text + "\" as " + column.type() + ": " + e);
      return null;
    }
  }

  private static void checkNames(List<String> actual, List<Column> expected, List<String> problems, String what) {
    List<String> names = expected.stream().map(Column::name).toList();
    if (!actual.equals(names)) {
      problems.add(what + ": columns " + actual + ", expected " + names);
    }
  }

  // ---- CSV (Commons CSV) ------------------------------------------------------------------------------------------

  /**
   * Reads a CSV file with Commons CSV; {@code ALL_NON_NULL} returns an unquoted empty field as null and {@code ""} as
   * the empty string, the distinction the CSV writer promises.
   *
   * @param exponentDecimals receives every DECIMAL cell written with an exponent (the README promises plain form)
   */
  static Contents csv(Path file, List<Column> columns, List<String> exponentDecimals) {
    List<String> problems = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.isEmpty()) {
        problems.add(file.getFileName() + ": no header");
        return new Contents(rows, problems);
      }
      checkNames(records.get(0).toList(), columns, problems, file.getFileName().toString());
      for (int r = 1; r < records.size(); r++) {
        List<String> fields = records.get(r).toList();
        if (fields.size() != columns.size()) {
          problems.add(file.getFileName() + " record " + r + ": " + fields.size() + " fields");
          continue;
        }
        List<String> row = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
          String text = fields.get(c);
          Column column = columns.get(c);
          String where = file.getFileName() + " row " + (r - 1) + " column " + column.name();
          if (text != null && column.type() == ColumnType.DECIMAL && text.toUpperCase().contains("E")) {
            exponentDecimals.add(where + ": " + text);
          }
          row.add(text == null ? null : cell(column.type(), fromText(column, text, problems, where)));
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Contents(rows, problems);
  }

  // ---- JSON Lines (Jackson) ---------------------------------------------------------------------------------------

  /** Reads a JSON Lines file with Jackson: one object per line, an absent or {@code null} field is a null cell. */
  static Contents jsonl(Path file, List<Column> columns) {
    List<String> problems = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    Set<String> names = new HashSet<>(columns.stream().map(Column::name).toList());
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int r = 0;
      for (String line = in.readLine(); line != null; line = in.readLine(), r++) {
        JsonNode obj = JSON.readTree(line);
        JsonNode doubles = JSON_DOUBLES.readTree(line);
        String at = file.getFileName() + " row " + r;
        if (!obj.isObject()) {
          problems.add(at + ": not an object: " + line);
          continue;
        }
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          if (!names.contains(f)) {
            problems.add(at + ": field " + f + " is not a column");
          }
        }
        List<String> row = new ArrayList<>();
        for (Column column : columns) {
          JsonNode v = column.type() == ColumnType.DOUBLE && obj.isObject() ? doubles.get(column.name())
              : obj.get(column.name());
          String where = at + " column " + column.name();
          row.add(v == null || v.isNull() ? null : cell(column.type(), fromJson(column, v, problems, where)));
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Contents(rows, problems);
  }

  private static Object fromJson(Column column, JsonNode v, List<String> problems, String where) {
    boolean ok;
    Object value;
    switch (column.type()) {
      case BOOLEAN -> {
        ok = v.isBoolean();
        value = v.booleanValue();
      }
      case LONG -> {
        ok = v.isIntegralNumber() && v.canConvertToLong();
        value = v.longValue();
      }
      case DOUBLE -> {
        ok = v.isFloatingPointNumber(); // the writer prints Double.toString: always a point or an exponent
        value = v.doubleValue();
      }
      case DECIMAL -> {
        ok = v.isNumber();
        value = v.decimalValue();
      }
      case JSON -> {
        ok = true;
        try {
          value = JSON.writeValueAsString(v);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case TIMESTAMP -> {
        ok = v.isTextual();
        value = ok ? micros(v.textValue()) : null;
      }
      case DATE -> {
        ok = v.isTextual();
        value = ok ? LocalDate.parse(v.textValue()).toEpochDay() : null;
      }
      default -> {
        ok = v.isTextual();
        value = v.textValue();
      }
    }
    if (!ok) {
      problems.add(where + ": JSON " + v.getNodeType() + " " + v + " for a " + column.type() + " column");
    }
    return value;
  }

  // ---- Parquet (Parquet Java) -------------------------------------------------------------------------------------

  /** The Parquet column of the plugin's documented mapping (transmog-io-parquet/README.md, "Type mapping"). */
  static Type parquetType(Column column) {
    String name = column.name();
    switch (column.type()) {
      case BOOLEAN:
        return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
      case LONG:
        return Types.optional(PrimitiveTypeName.INT64).named(name);
      case DOUBLE:
        return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
      case JSON:
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType()).named(name);
      case TIMESTAMP:
        return Types.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
      case DATE:
        return Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
      case DECIMAL: {
        int p = column.precision();
        if (p >= 1 && p <= 38) {
          LogicalTypeAnnotation dec = LogicalTypeAnnotation.decimalType(column.scale(), p);
          if (p <= 9) {
            return Types.optional(PrimitiveTypeName.INT32).as(dec).named(name);
          }
          if (p <= 18) {
            return Types.optional(PrimitiveTypeName.INT64).as(dec).named(name);
          }
          BigInteger max = BigInteger.TEN.pow(p).subtract(BigInteger.ONE);
          int n = (max.bitLength() + 1 + 7) / 8;
          return Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(n).as(dec).named(name);
        }
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
      }
      default:
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }
  }

  static Contents parquet(Path file, String table, List<Column> columns) {
    List<String> problems = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    String f = file.getFileName().toString();
    FileMetaData meta;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      meta = reader.getFooter().getFileMetaData();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MessageType schema = meta.getSchema();
    checkNames(schema.getFields().stream().map(Type::getName).toList(), columns, problems, f);
    if (!table.equals(meta.getKeyValueMetaData().get("transmog.table"))) {
      problems.add(f + ": footer transmog.table = " + meta.getKeyValueMetaData().get("transmog.table"));
    }
    for (int c = 0; c < Math.min(columns.size(), schema.getFieldCount()); c++) {
      if (!schema.getType(c).equals(parquetType(columns.get(c)))) {
        problems.add(f + ": column " + schema.getType(c) + ", expected " + parquetType(columns.get(c)) + " for "
            + columns.get(c));
      }
    }
    if (!problems.isEmpty()) {
      return new Contents(rows, problems);
    }
    try (ParquetReader<Group> reader = new GroupReader(new LocalInputFile(file)).build()) {
      int r = 0;
      for (Group g = reader.read(); g != null; g = reader.read(), r++) {
        List<String> row = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
          Column column = columns.get(c);
          Object v = g.getFieldRepetitionCount(c) == 0 ? null : fromParquet(g, c, column);
          if (v instanceof BigDecimal && column.precision() <= 38 && ((BigDecimal) v).scale() != column.scale()) {
            problems.add(f + " row " + r + " column " + column.name() + ": scale " + ((BigDecimal) v).scale());
          }
          row.add(cell(column.type(), v));
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Contents(rows, problems);
  }

  private static Object fromParquet(Group g, int c, Column column) {
    PrimitiveType type = g.getType().getType(c).asPrimitiveType();
    switch (column.type()) {
      case BOOLEAN:
        return g.getBoolean(c, 0);
      case LONG:
      case TIMESTAMP:
        return g.getLong(c, 0);
      case DATE:
        return (long) g.getInteger(c, 0);
      case DOUBLE:
        return g.getDouble(c, 0);
      case DECIMAL:
        if (type.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation dec) {
          return switch (type.getPrimitiveTypeName()) {
            case INT32 -> BigDecimal.valueOf(g.getInteger(c, 0), dec.getScale());
            case INT64 -> BigDecimal.valueOf(g.getLong(c, 0), dec.getScale());
            default -> new BigDecimal(new BigInteger(g.getBinary(c, 0).getBytes()), dec.getScale());
          };
        }
        return new BigDecimal(g.getString(c, 0));
      default:
        return g.getString(c, 0);
    }
  }

  private static final class GroupReader extends ParquetReader.Builder<Group> {
    GroupReader(InputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }

  // ---- ORC (ORC Java) ---------------------------------------------------------------------------------------------

  /** The ORC type of the plugin's documented mapping (transmog-io-orc/README.md, "Type mapping"). */
  static String orcType(Column column) {
    switch (column.type()) {
      case BOOLEAN:
        return "boolean";
      case LONG:
        return "bigint";
      case DOUBLE:
        return "double";
      case DECIMAL:
        return column.precision() >= 1 && column.precision() <= 38
            ? "decimal(" + column.precision() + "," + column.scale() + ")" : "string";
      case TIMESTAMP:
        return "timestamp with local time zone";
      case DATE:
        return "date";
      default:
        return "string";
    }
  }

  static Contents orc(Path file, String table, List<Column> columns) {
    List<String> problems = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    String f = file.getFileName().toString();
    try {
      org.apache.orc.Reader reader = OrcFile.createReader(new org.apache.hadoop.fs.Path(file.toUri()),
          OrcFile.readerOptions(new Configuration(false)).convertToProlepticGregorian(true));
      TypeDescription schema = reader.getSchema();
      checkNames(schema.getFieldNames(), columns, problems, f);
      List<TypeDescription> types = schema.getChildren();
      for (int c = 0; c < Math.min(columns.size(), types.size()); c++) {
        if (!types.get(c).toString().equals(orcType(columns.get(c)))) {
          problems.add(f + ": column " + columns.get(c).name() + " is " + types.get(c) + ", expected "
              + orcType(columns.get(c)) + " for " + columns.get(c));
        }
      }
      if (!table.equals(userMetadata(reader, "transmog.table"))) {
        problems.add(f + ": user metadata transmog.table = " + userMetadata(reader, "transmog.table"));
      }
      List<String> json = columns.stream().filter(c -> c.type() == ColumnType.JSON).map(Column::name).toList();
      String listed = userMetadata(reader, "transmog.json.columns");
      if (!json.isEmpty() && (listed == null || !JSON.readTree(listed).equals(JSON.valueToTree(json)))) {
        problems.add(f + ": user metadata transmog.json.columns = " + listed + ", expected " + json);
      }
      if (!problems.isEmpty()) {
        return new Contents(rows, problems);
      }
      try (RecordReader rr = reader.rows(reader.options())) {
        VectorizedRowBatch batch = schema.createRowBatch();
        while (rr.nextBatch(batch)) {
          for (int r = 0; r < batch.size; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
              Object v = fromOrc(types.get(c), batch.cols[c], r, problems, f + " column " + columns.get(c).name());
              if (v instanceof String && columns.get(c).type() == ColumnType.DECIMAL) {
                v = new BigDecimal((String) v); // a decimal wider than 38 digits, written as text
              }
              row.add(cell(columns.get(c).type(), v));
            }
            rows.add(row);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Contents(rows, problems);
  }

  private static String userMetadata(org.apache.orc.Reader reader, String key) {
    if (!reader.hasMetadataValue(key)) {
      return null;
    }
    ByteBuffer b = reader.getMetadataValue(key).duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Object fromOrc(TypeDescription type, ColumnVector v, int row, List<String> problems, String where) {
    int i = v.isRepeating ? 0 : row;
    if (!v.noNulls && v.isNull[i]) {
      return null;
    }
    switch (type.getCategory()) {
      case BOOLEAN:
        return ((LongColumnVector) v).vector[i] != 0;
      case LONG:
      case DATE:
        return ((LongColumnVector) v).vector[i];
      case DOUBLE:
        return ((DoubleColumnVector) v).vector[i];
      case DECIMAL:
        return ((DecimalColumnVector) v).vector[i].getHiveDecimal().bigDecimalValue().setScale(type.getScale());
      case STRING:
        return ((BytesColumnVector) v).toString(i);
      case TIMESTAMP_INSTANT: {
        TimestampColumnVector t = (TimestampColumnVector) v;
        if (t.nanos[i] % 1000 != 0) {
          problems.add(where + ": sub-microsecond nanos " + t.nanos[i]);
        }
        return Math.floorDiv(t.time[i], 1000L) * 1_000_000L + t.nanos[i] / 1000;
      }
      default:
        problems.add(where + ": unexpected ORC type " + type);
        return null;
    }
  }

  // ---- Arrow (Arrow Java) -----------------------------------------------------------------------------------------

  /** The Arrow type of the plugin's documented mapping (transmog-io-arrow/README.md, "Type mapping"). */
  static ArrowType arrowType(Column column) {
    switch (column.type()) {
      case BOOLEAN:
        return ArrowType.Bool.INSTANCE;
      case LONG:
        return new ArrowType.Int(64, true);
      case DOUBLE:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL:
        return column.precision() >= 1 && column.precision() <= 38
            ? new ArrowType.Decimal(column.precision(), column.scale(), 128) : ArrowType.Utf8.INSTANCE;
      case TIMESTAMP:
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
      case DATE:
        return new ArrowType.Date(DateUnit.DAY);
      default:
        return ArrowType.Utf8.INSTANCE;
    }
  }

  static Contents arrow(Path file, String table, List<Column> columns) {
    List<String> problems = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    String f = file.getFileName().toString();
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      List<Field> fields = root.getSchema().getFields();
      checkNames(fields.stream().map(Field::getName).toList(), columns, problems, f);
      if (!table.equals(root.getSchema().getCustomMetadata().get("transmog.table"))) {
        problems.add(f + ": schema metadata transmog.table = " + root.getSchema().getCustomMetadata());
      }
      for (int c = 0; c < Math.min(columns.size(), fields.size()); c++) {
        Column column = columns.get(c);
        Field field = fields.get(c);
        Map<String, String> meta = field.getMetadata();
        if (!field.getType().equals(arrowType(column)) || !field.isNullable()) {
          problems.add(f + ": field " + field + ", expected nullable " + arrowType(column) + " for " + column);
        }
        if (column.type() == ColumnType.JSON && !"arrow.json".equals(meta.get("ARROW:extension:name"))) {
          problems.add(f + ": JSON field " + column.name() + " lacks ARROW:extension:name=arrow.json: " + meta);
        }
        if (column.type() == ColumnType.DECIMAL && field.getType() instanceof ArrowType.Utf8
            && !"DECIMAL".equals(meta.get("transmog.type"))) {
          problems.add(f + ": text decimal field " + column.name() + " lacks transmog.type=DECIMAL: " + meta);
        }
      }
      if (!problems.isEmpty()) {
        return new Contents(rows, problems);
      }
      while (reader.loadNextBatch()) {
        for (int r = 0; r < root.getRowCount(); r++) {
          List<String> row = new ArrayList<>();
          for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            Object v = fromArrow(root.getVector(c), r, problems, f + " column " + column.name());
            if (v instanceof BigDecimal && column.precision() <= 38 && ((BigDecimal) v).scale() != column.scale()) {
              problems.add(f + " row " + rows.size() + " column " + column.name() + ": scale "
                  + ((BigDecimal) v).scale());
            }
            if (v instanceof String && column.type() == ColumnType.DECIMAL) {
              v = new BigDecimal((String) v);
            }
            row.add(cell(column.type(), v));
          }
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Contents(rows, problems);
  }

  private static Object fromArrow(FieldVector v, int r, List<String> problems, String where) {
    if (v.isNull(r)) {
      return null;
    }
    if (v instanceof BitVector b) {
      return b.get(r) != 0;
    }
    if (v instanceof BigIntVector b) {
      return b.get(r);
    }
    if (v instanceof Float8Vector d) {
      return d.get(r);
    }
    if (v instanceof DecimalVector d) {
      return d.getObject(r);
    }
    if (v instanceof VarCharVector s) {
      return new String(s.get(r), StandardCharsets.UTF_8);
    }
    if (v instanceof TimeStampMicroTZVector t) {
      return t.get(r);
    }
    if (v instanceof DateDayVector d) {
      return (long) d.get(r);
    }
    problems.add(where + ": unexpected vector " + v.getClass().getSimpleName());
    return null;
  }
}
