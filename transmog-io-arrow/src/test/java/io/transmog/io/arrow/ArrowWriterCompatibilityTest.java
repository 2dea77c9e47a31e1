package io.transmog.io.arrow;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.io.arrow.internal.ArrowWriterProvider;
import io.transmog.io.tck.ReadBack;
import io.transmog.io.tck.TableWriterCompatibilityKit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Runs the writer TCK against the Arrow writer with its default options (IPC file format, no dictionary, no
 * compression), reading files back with Arrow Java's own {@code ArrowFileReader} / {@code ArrowStreamReader}
 * ({@link ArrowFiles}). Cells are decoded from the <em>file's</em> schema alone (the vector type Arrow's reader
 * creates, and the dictionary it loads), never from the Transmog schema.
 *
 * <p>Subclasses run the same kit with other option sets.
 */
class ArrowWriterCompatibilityTest extends TableWriterCompatibilityKit {

  @Override
  protected TableWriterProvider provider() {
    return new ArrowWriterProvider();
  }

  @Override
  protected ReadBack readBack(Path file) throws IOException {
    ArrowFiles.Contents contents = ArrowFiles.read(file);
    return new ReadBack(contents.columnNames(), contents.rows());
  }

  /**
   * Arrow keeps every type; a DECIMAL whose precision is unknown (0) or above 38 is written as its exact plain text
   * ({@code utf8}), because decimal128 stops at 38 digits and mainstream readers cap decimals there.
   */
  @Override
  protected Object expected(Column column, Object value) {
    if (value != null && column.type() == ColumnType.DECIMAL && (column.precision() == 0 || column.precision() > 38)) {
      return ((BigDecimal) value).toPlainString();
    }
    return value;
  }
}
