package io.transmog.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmog.api.table.Column;
import io.transmog.api.table.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads Parquet files back with Parquet Java's own reader ({@link ParquetFileReader} for the footer,
 * {@link ParquetReader} with {@link GroupReadSupport} for the rows). Needs the minimal Hadoop set, which is on the test
 * class path only.
 */
final class ParquetFiles {
  private ParquetFiles() {}

  static ParquetMetadata footer(Path file) {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      return reader.getFooter();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Group> rows(Path file) {
    List<Group> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(file)).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        rows.add(g);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /**
   * Decodes one cell back to the value a {@link ArrayRowBatch} holds: {@code Boolean}, {@code Long} (also for
   * TIMESTAMP and DATE), {@code Double}, {@code String}, {@code BigDecimal} (at the column's scale) or {@code null}.
   */
  static Object decode(Group row, int field, Column column) {
    if (row.getFieldRepetitionCount(field) == 0) {
      return null;
    }
    PrimitiveType type = row.getType().getType(field).asPrimitiveType();
    switch (column.type()) {
      case BOOLEAN:
        return row.getBoolean(field, 0);
      case LONG:
      case TIMESTAMP:
        return row.getLong(field, 0);
      case DATE:
        return (long) row.getInteger(field, 0);
      case DOUBLE:
        return row.getDouble(field, 0);
      case DECIMAL:
        if (type.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation) {
          int scale = ((DecimalLogicalTypeAnnotation) type.getLogicalTypeAnnotation()).getScale();
          switch (type.getPrimitiveTypeName()) {
            case INT32:
              return BigDecimal.valueOf(row.getInteger(field, 0), scale);
            case INT64:
              return BigDecimal.valueOf(row.getLong(field, 0), scale);
            default:
              return new BigDecimal(new BigInteger(row.getBinary(field, 0).getBytes()), scale);
          }
        }
        return new BigDecimal(row.getString(field, 0));
      default:
        return row.getString(field, 0);
    }
  }

  /** Asserts that the file holds exactly the rows, in order, with every value and null intact. */
  static void assertContent(Path file, TableSchema schema, Object[][] expected) {
    List<Group> rows = rows(file);
    assertThat(rows).hasSize(expected.length);
    MessageType fileSchema = footer(file).getFileMetaData().getSchema();
    assertThat(fileSchema.getFieldCount()).isEqualTo(schema.size());
    for (int r = 0; r < expected.length; r++) {
      for (int c = 0; c < schema.size(); c++) {
        Column column = schema.column(c);
        assertThat(fileSchema.getFieldName(c)).isEqualTo(column.name());
        Object actual = decode(rows.get(r), c, column);
        Object want = expected[r][c];
        String where = "row " + r + ", column " + column.name();
        if (want instanceof BigDecimal && actual instanceof BigDecimal) {
          assertThat((BigDecimal) actual).as(where).isEqualByComparingTo((BigDecimal) want);
          if (column.precision() > 0 && column.precision() <= 38) {
            assertThat(((BigDecimal) actual).scale()).as(where + " scale").isEqualTo(column.scale());
          } else {
            // the text fallback keeps the value's own plain text
            assertThat(((BigDecimal) actual).toPlainString()).as(where).isEqualTo(((BigDecimal) want).toPlainString());
          }
        } else {
          assertThat(actual).as(where).isEqualTo(want);
        }
      }
    }
  }

  /** {@link ParquetReader.Builder} over an {@link InputFile} with the example {@link Group} object model. */
  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(InputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
