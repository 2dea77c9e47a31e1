package io.transmog.io.csv;

import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.table.Column;
import io.transmog.io.csv.internal.CsvWriterProvider;
import io.transmog.io.tck.ReadBack;
import io.transmog.io.tck.TableWriterCompatibilityKit;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Runs the writer TCK against the CSV writer with its default options, reading files back with Commons CSV's own
 * RFC 4180 parser.
 */
class CsvWriterCompatibilityTest extends TableWriterCompatibilityKit {

  @Override
  protected TableWriterProvider provider() {
    return new CsvWriterProvider();
  }

  /**
   * The first record is the header. {@code ALL_NON_NULL} makes the parser return an unquoted empty field as
   * {@code null} and a quoted one ({@code ""}) as the empty string: the distinction the CSV writer promises.
   */
  @Override
  protected ReadBack readBack(Path file) throws Exception {
    CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      List<CSVRecord> records = parser.getRecords();
      List<String> names = records.isEmpty() ? List.of() : records.get(0).toList();
      List<List<Object>> rows = new ArrayList<>();
      for (CSVRecord record : records.subList(Math.min(1, records.size()), records.size())) {
        rows.add(new ArrayList<>(record.toList()));
      }
      return new ReadBack(names, rows);
    }
  }

  /**
   * CSV holds text: numbers in Java's canonical form ({@link Long#toString(long)}, {@link Double#toString(double)}),
   * decimals in plain form, booleans as {@code true}/{@code false}, timestamps and dates as their ISO-8601 text.
   */
  @Override
  protected Object expected(Column column, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    return value.toString();
  }
}
