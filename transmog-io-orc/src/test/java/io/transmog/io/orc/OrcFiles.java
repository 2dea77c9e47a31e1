package io.transmog.io.orc;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;
import org.apache.orc.storage.ql.exec.vector.BytesColumnVector;
import org.apache.orc.storage.ql.exec.vector.ColumnVector;
import org.apache.orc.storage.ql.exec.vector.DecimalColumnVector;
import org.apache.orc.storage.ql.exec.vector.DoubleColumnVector;
import org.apache.orc.storage.ql.exec.vector.LongColumnVector;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;

/**
 * Reads ORC files back with ORC Java's own reader ({@link OrcFile#createReader} and a {@link RecordReader} into a
 * {@link VectorizedRowBatch}), through Hadoop's ordinary local file system, as any ORC consumer would.
 */
public final class OrcFiles {
  private OrcFiles() {}

  /** Opens the file's reader; dates and timestamps are read in the proleptic Gregorian calendar (as java.time). */
  public static Reader reader(Path file) {
    try {
      return OrcFile.createReader(new org.apache.hadoop.fs.Path(file.toUri()),
          OrcFile.readerOptions(new Configuration(false)).convertToProlepticGregorian(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the top-level field names of the file's struct type */
  public static List<String> columnNames(Path file) {
    return reader(file).getSchema().getFieldNames();
  }

  /** @return a user-metadata value as UTF-8 text */
  public static String userMetadata(Reader reader, String key) {
    ByteBuffer b = reader.getMetadataValue(key).duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Reads every row: {@code Boolean}, {@code Long}, {@code Double}, {@code BigDecimal}, {@code String},
   * {@link Instant} ({@code timestamp with local time zone}) or {@link LocalDate}, or {@code null}.
   */
  public static List<List<Object>> rows(Path file) {
    Reader reader = reader(file);
    TypeDescription schema = reader.getSchema();
    List<List<Object>> result = new ArrayList<>();
    try (RecordReader rr = reader.rows(reader.options())) {
      VectorizedRowBatch batch = schema.createRowBatch();
      while (rr.nextBatch(batch)) {
        for (int r = 0; r < batch.size; r++) {
          List<Object> row = new ArrayList<>(batch.numCols);
          for (int c = 0; c < batch.numCols; c++) {
            row.add(value(schema.getChildren().get(c), batch.cols[c], r));
          }
          result.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  static Object value(TypeDescription type, ColumnVector v, int row) {
    int i = v.isRepeating ? 0 : row;
    if (!v.noNulls && v.isNull[i]) {
      return null;
    }
    switch (type.getCategory()) {
      case BOOLEAN:
        return ((LongColumnVector) v).vector[i] != 0;
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
        return ((LongColumnVector) v).vector[i];
      case FLOAT:
      case DOUBLE:
        return ((DoubleColumnVector) v).vector[i];
      case DECIMAL:
        return ((DecimalColumnVector) v).vector[i].getHiveDecimal().bigDecimalValue().setScale(type.getScale());
      case STRING:
      case VARCHAR:
      case CHAR:
        return ((BytesColumnVector) v).toString(i);
      case TIMESTAMP:
      case TIMESTAMP_INSTANT:
        TimestampColumnVector t = (TimestampColumnVector) v;
        return Instant.ofEpochSecond(Math.floorDiv(t.time[i], 1000L), t.nanos[i]);
      case DATE:
        return LocalDate.ofEpochDay(((LongColumnVector) v).vector[i]);
      default:
        throw new AssertionError("type not written by Transmog: " + type);
    }
  }

  /**
   * Asserts that the file holds exactly {@code rows} (as given to {@link ArrayRowBatch}): numbers, text and booleans
   * as they are, TIMESTAMP micros as instants, DATE days as dates, decimals written as text as their plain text.
   */
  public static void assertContent(Path file, TableSchema schema, Object[][] rows) {
    assertThat(columnNames(file)).containsExactlyElementsOf(schema.columnNames());
    List<List<Object>> actual = rows(file);
    assertThat(actual).hasSize(rows.length);
    TypeDescription fileType = reader(file).getSchema();
    for (int r = 0; r < rows.length; r++) {
      List<Object> expectedRow = new ArrayList<>(schema.size());
      for (int c = 0; c < schema.size(); c++) {
        expectedRow.add(expected(schema.column(c).type(), fileType.getChildren().get(c), rows[r][c]));
      }
      if (expectedRow.equals(actual.get(r))) {
        continue; // the common case, without an AssertJ assertion per cell (wide tables have a million cells)
      }
      for (int c = 0; c < schema.size(); c++) {
        assertThat(actual.get(r).get(c)).as("row %d, column %s", r, schema.column(c).name())
            .isEqualTo(expectedRow.get(c));
      }
    }
  }

  static Object expected(ColumnType type, TypeDescription fileType, Object v) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case TIMESTAMP:
        long micros = (Long) v;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
      case DATE:
        return LocalDate.ofEpochDay((Long) v);
      case DECIMAL:
        BigDecimal d = (BigDecimal) v;
        return fileType.getCategory() == TypeDescription.Category.DECIMAL
            ? d.setScale(fileType.getScale()) : d.toPlainString();
      default:
        return v;
    }
  }
}
