package io.transmog.io.arrow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmog.api.WriterException;

import io.transmog.api.spi.FormatOptions;
import io.transmog.api.table.Column;
import io.transmog.api.table.ColumnType;
import io.transmog.api.table.TableSchema;
import io.transmog.io.arrow.ArrayRowBatch;
import io.transmog.io.arrow.ArrowFiles;
import io.transmog.io.arrow.ArrowOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A record batch ends early when one text column reaches the per-batch byte limit; no row is lost or reordered. */
class TextBatchLimitTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{index} - ipcFormat={0} dictionary={1}")
  @CsvSource({"file,false", "file,true", "stream,false", "stream,true"})
  void aFullTextColumnEndsTheBatchAtItsLastCompleteRow(String format, String dictionary) throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("id", ColumnType.LONG),
        new Column("text", ColumnType.STRING), new Column("doc", ColumnType.JSON),
        new Column("n", ColumnType.DOUBLE)));
    Object[][] rows = new Object[500][];
    for (int i = 0; i < rows.length; i++) {
      // every text distinct, so that the dictionary grows as fast as the plain column
      rows[i] = new Object[] {(long) i, i % 9 == 0 ? null : String.format("text number %05d", i),
          "[" + i + "]", i * 0.5};
    }
    ArrowOptions options = ArrowOptions.parse(FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, format,
        ArrowOptions.DICTIONARY, dictionary, ArrowOptions.BATCH_ROWS, "100000")));
    Path target = dir.resolve("t.arrow");
    // 17 bytes per text: 1,000 bytes take 58 values, i.e. about 66 rows with the nulls
    ArrowTableWriter writer = ArrowTableWriter.open(schema, target, options, 1_000, ArrowTableWriter.FILE_DICTIONARY_LIMIT);
    writer.write(new ArrayRowBatch(schema, java.util.Arrays.copyOfRange(rows, 0, 321)));
    writer.write(new ArrayRowBatch(schema, java.util.Arrays.copyOfRange(rows, 321, 500)));
    writer.close();

    ArrowFiles.Contents back = ArrowFiles.read(target);
    if (format.equals("file") && dictionary.equals("true")) {
      // the whole-file dictionary does not end batches; the JSON column (3 to 5 bytes a row) does, at ~200 rows
      assertThat(back.recordBatches()).isEqualTo(3);
    } else {
      assertThat(back.recordBatches()).as("batches of at most ~66 rows").isBetween(8, 12);
    }
    assertThat(back.rows()).hasSize(rows.length);
    for (int r = 0; r < rows.length; r++) {
      assertThat(back.rows().get(r)).as("row %d", r).containsExactly(rows[r]);
    }
  }

  @ParameterizedTest(name = "{index} - dictionary={0}")
  @CsvSource({"false", "true"})
  void aSingleValueLargerThanTheLimitStillGoesIntoABatchOfItsOwn(String dictionary) throws IOException {
    TableSchema schema = TableSchema.of("t", null, List.of(new Column("s", ColumnType.STRING)));
    ArrowOptions options = ArrowOptions.parse(FormatOptions.of(Map.of(ArrowOptions.DICTIONARY, dictionary)));
    Path target = dir.resolve("big.arrow");
    ArrowTableWriter writer = ArrowTableWriter.open(schema, target, options, 10, ArrowTableWriter.FILE_DICTIONARY_LIMIT);
    String big = "x".repeat(100);
    writer.write(new ArrayRowBatch(schema, new Object[] {"a"}, new Object[] {big}, new Object[] {big + "y"},
        new Object[] {"b"}));
    writer.close();
    ArrowFiles.Contents back = ArrowFiles.read(target);
    assertThat(back.column("s")).containsExactly("a", big, big + "y", "b");
    // the whole-file dictionary of the file format does not end batches: only the plain column does
    assertThat(back.recordBatches()).isEqualTo(dictionary.equals("true") ? 1 : 4);
  }

  @ParameterizedTest(name = "{index} - ipcFormat={0}")
  @CsvSource({"file", "stream"})
  void batchDictionariesEndBatchesButAWholeFileDictionaryHasAHardLimit(String format) throws IOException {
    TableSchema schema = TableSchema.of("cities", null, List.of(new Column("city", ColumnType.STRING)));
    ArrowOptions options = ArrowOptions.parse(FormatOptions.of(Map.of(ArrowOptions.IPC_FORMAT, format,
        ArrowOptions.DICTIONARY, "true")));
    Path target = dir.resolve("cities.arrow");
    ArrowTableWriter writer = ArrowTableWriter.open(schema, target, options, 100, 100);
    Object[][] rows = new Object[30][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {"city number " + (i % 20)}; // 14 bytes each, 20 distinct
    }
    if (format.equals("stream")) {
      writer.write(new ArrayRowBatch(schema, rows));
      writer.close();
      ArrowFiles.Contents back = ArrowFiles.read(target);
      // 7 distinct values (98 bytes) per batch dictionary at most: rows 0-6, 7-13, 14-20, 21-27, 28-29
      assertThat(back.recordBatches()).isEqualTo(5);
      assertThat(back.column("city")).containsExactly(java.util.Arrays.stream(rows).map(r -> r[0]).toArray());
    } else {
      assertThatThrownBy(() -> writer.write(new ArrayRowBatch(schema, rows)))
          .isInstanceOf(WriterException.class)
          .hasMessageContaining("table cities")
          .hasMessageContaining("column city, row 7")
          .hasMessageContaining("dictionary=false");
      assertThat(dir).isEmptyDirectory();
    }
  }
}
