package io.transmog.io.parquet.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet file written row by row straight into Parquet Java's column writers: the file layer and the row-group
 * layer that {@link ParquetWriter} provides, without its record layer. Used by one thread.
 *
 * <p>Why not {@code ParquetWriter}: its record layer ({@code MessageColumnIO}'s record consumer, driven by a
 * {@code WriteSupport}) exists to shred nested records; for a flat schema of optional columns it only adds work per
 * cell (field bookkeeping in bit sets, a second pass at the end of each record to find the missing fields) that
 * showed as about a sixth of the Parquet writer's time. Here a present cell is {@code write(value, 0, 1)} on its
 * column's writer and a null cell {@code writeNull(0, 0)}: exactly the calls the record consumer makes for a flat
 * message (repetition level 0; definition level 1 for a value of an optional top-level column, 0 for a null), so the
 * file is byte for byte what {@code ParquetWriter} writes.
 *
 * <p>The row-group logic is {@code InternalParquetRecordWriter}'s (Parquet Java 1.18): the buffered size is checked
 * after a number of rows estimated from the average row size so far, and a row group is flushed when it comes within
 * two rows of the target size, or reaches the row-count limit.
 */
final class ParquetRowWriter {
  /** Footer key-value metadata key of the object model, as {@code ParquetWriter} records it. */
  static final String OBJECT_MODEL_KEY = ParquetWriter.OBJECT_MODEL_NAME_PROP;

  private final ParquetFileWriter file;
  private final MessageType schema;
  private final ColumnDescriptor[] descriptors;
  private final ParquetProperties props;
  private final Function<ColumnDescriptor, BytesInputCompressor> compressors;
  private final Map<String, String> footer;
  /** The row-group size, read at each size check: a share of a budget that changes as writers open and close. */
  private final LongSupplier rowGroupSizeThreshold;
  private final int rowGroupRecordCountThreshold;
  private long nextRowGroupSize;
  private long recordCount;
  private long recordCountForNextMemCheck;
  private int rowGroupOrdinal;
  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore columnStore;
  private final ColumnWriter[] writers;

  private ParquetRowWriter(ParquetFileWriter file, MessageType schema, ParquetProperties props,
      Function<ColumnDescriptor, BytesInputCompressor> compressors, Map<String, String> footer,
      LongSupplier rowGroupSize) {
    this.file = file;
    this.schema = schema;
    List<ColumnDescriptor> columns = schema.getColumns();
    this.descriptors = columns.toArray(new ColumnDescriptor[0]);
    this.writers = new ColumnWriter[descriptors.length];
    this.props = props;
    this.compressors = compressors;
    this.footer = footer;
    this.rowGroupSizeThreshold = rowGroupSize;
    this.rowGroupRecordCountThreshold = props.getRowGroupRowCountLimit();
    this.nextRowGroupSize = rowGroupSize.getAsLong();
    this.recordCountForNextMemCheck = props.getMinRowCountForPageSizeCheck();
    initStore();
  }

  /**
   * Starts a file: writes the leading magic number.
   *
   * @param output the file to create or overwrite
   * @param schema the flat schema, one optional primitive column per table column
   * @param props encodings, page sizes and per-column dictionary choices
   * @param codecs the compressor factory
   * @param codec the codec of every page
   * @param maxRowGroupSize the largest row group the file may get, in bytes
   * @param rowGroupSize the target row-group size in bytes, read at each size check (at most {@code maxRowGroupSize})
   * @param metadata footer key-value metadata (the object model name is added)
   * @param modelName the object model name recorded in the footer
   * @return the writer
   * @throws IOException if the file cannot be started
   */
  static ParquetRowWriter start(OutputFile output, MessageType schema, ParquetProperties props,
      CompressionCodecFactory codecs, CompressionCodecName codec, long maxRowGroupSize, LongSupplier rowGroupSize,
      Map<String, String> metadata, String modelName) throws IOException {
    // OVERWRITE: PendingFile.create made the temporary file already, CREATE mode would refuse to open it
    ParquetFileWriter file = new ParquetFileWriter(output, schema, ParquetFileWriter.Mode.OVERWRITE, maxRowGroupSize,
        ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, props);
    file.start();
    // Built as InternalParquetRecordWriter builds it (a HashMap of the support's metadata plus the model name), so
    // that the footer lists the entries in the same order.
    Map<String, String> footer = new HashMap<>(metadata);
    footer.put(OBJECT_MODEL_KEY, modelName);
    return new ParquetRowWriter(file, schema, props, column -> codecs.getCompressor(codec), footer, rowGroupSize);
  }

  /** @return the column writers of the current row group, in schema order; replaced when a row group is flushed */
  ColumnWriter[] columns() {
    return writers;
  }

  /**
   * Ends a row whose cells were all written to {@link #columns()}.
   *
   * @return whether a row group was flushed, so that the caller must fetch {@link #columns()} again
   * @throws IOException if a row group cannot be written
   */
  boolean endRow() throws IOException {
    columnStore.endRecord();
    ++recordCount;
    return checkBlockSizeReached();
  }

  /**
   * Writes the last row group and the footer, and closes the file.
   *
   * @throws IOException if writing fails
   */
  void close() throws IOException {
    flushRowGroupToStore();
    file.end(footer);
  }

  private void initStore() {
    pageStore = ColumnChunkPageWriteStore.builder()
        .withCompressorProvider(compressors)
        .withSchema(schema)
        .withAllocator(props.getAllocator())
        .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
        .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
        .withFileEncryptor(null)
        .withRowGroupOrdinal(rowGroupOrdinal)
        .build();
    columnStore = props.newColumnWriteStore(schema, pageStore, pageStore);
    for (int c = 0; c < descriptors.length; c++) {
      writers[c] = columnStore.getColumnWriter(descriptors[c]);
    }
  }

  private boolean checkBlockSizeReached() throws IOException {
    if (recordCount >= rowGroupRecordCountThreshold) {
      flushRowGroupToStore();
      initStore();
      recordCountForNextMemCheck = Math.min(
          Math.max(props.getMinRowCountForPageSizeCheck(), recordCount / 2), props.getMaxRowCountForPageSizeCheck());
      return true;
    }
    if (recordCount >= recordCountForNextMemCheck) {
      // checking the memory size is relatively expensive, so not for every row
      long memSize = columnStore.getBufferedSize();
      long recordSize = memSize / recordCount;
      // flush the row group if it is within ~2 rows of the limit: better slightly under the size than over
      nextRowGroupSize = Math.min(nextRowGroupSize, rowGroupSizeThreshold.getAsLong()); // more writers opened
      if (memSize > (nextRowGroupSize - 2 * recordSize)) {
        flushRowGroupToStore();
        initStore();
        recordCountForNextMemCheck = Math.min(
            Math.max(props.getMinRowCountForPageSizeCheck(), recordCount / 2),
            props.getMaxRowCountForPageSizeCheck());
        return true;
      }
      recordCountForNextMemCheck = Math.min(
          Math.max(props.getMinRowCountForPageSizeCheck(),
              (recordCount + (long) (nextRowGroupSize / ((float) recordSize))) / 2), // check again halfway
          recordCount + props.getMaxRowCountForPageSizeCheck()); // but not more than the max rows ahead
    }
    return false;
  }

  private void flushRowGroupToStore() throws IOException {
    try {
      if (recordCount > 0) {
        rowGroupOrdinal++;
        file.startBlock(recordCount);
        columnStore.flush();
        pageStore.flushToFileWriter(file);
        recordCount = 0;
        file.endBlock();
        nextRowGroupSize = Math.min(file.getNextRowGroupSize(), rowGroupSizeThreshold.getAsLong());
      }
    } finally {
      columnStore.close();
      pageStore.close();
    }
  }
}
