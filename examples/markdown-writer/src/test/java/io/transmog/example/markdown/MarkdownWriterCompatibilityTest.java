package io.transmog.example.markdown;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.table.Column;
import io.transmog.io.tck.ReadBack;
import io.transmog.io.tck.TableWriterCompatibilityKit;
import java.math.BigDecimal;
import java.nio.file.Path;

/** The example plugin passes the writer TCK: this is all a plugin author has to write. */
class MarkdownWriterCompatibilityTest extends TableWriterCompatibilityKit {

  @Override
  protected TableWriterProvider provider() {
    return new MarkdownWriterProvider();
  }

  @Override
  protected ReadBack readBack(Path file) throws Exception {
    return MarkdownTables.read(file);
  }

  /**
   * Markdown holds text, and has no null: a null cell reads back as the empty string. Numbers are in Java's canonical
   * text, decimals in plain form, timestamps and dates in ISO-8601.
   */
  @Override
  protected Object expected(Column column, Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
  }
}
