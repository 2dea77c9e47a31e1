package io.transmog.io.parquet.internal;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.TableSchema;
import io.transmog.io.parquet.ParquetOptions;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code parquet} format: one Apache Parquet file {@code <table>.parquet} per table (per part, when a streamed
 * table's schema grows), with typed columns, written with Parquet Java and no Hadoop at run time. Stateless and
 * thread-safe; found by {@link java.util.ServiceLoader} through {@code META-INF/services} (class path only: Parquet's
 * jars split packages, so this plugin has no module descriptor).
 *
 * <p>Opening a writer parses the options (see {@link ParquetOptions}) and creates a temporary file next to the target;
 * each open writer buffers up to one row group on the heap.
 */
public final class ParquetWriterProvider implements TableWriterProvider {

  /**
   * The row-group memory shared by this provider's open writers (see {@link RowGroupBudget}): a quarter of the heap.
   * The provider's only state; writers opened with an explicit {@code rowGroupSize} are not counted in it.
   */
  private final RowGroupBudget budget = RowGroupBudget.forHeap(Runtime.getRuntime().maxMemory());

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public ParquetWriterProvider() {
    // everything else a writer needs comes with its WriterContext
  }

  @Override
  public String format() {
    return "parquet";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("parquet");
  }

  @Override
  public Set<String> optionKeys() {
    return ParquetOptions.KEYS;
  }

  @Override
  public String description() {
    return "Apache Parquet with typed columns (zstd, snappy, gzip or uncompressed) via Parquet Java, no Hadoop needed";
  }

  /**
   * Only an identical schema: a Parquet file has one schema, written in its footer, so a table whose columns grew or
   * whose types widened continues in a new part file (read the parts together with DuckDB's {@code union_by_name} or
   * Spark's {@code mergeSchema}).
   */
  @Override
  public boolean canAppend(TableSchema written, TableSchema next) {
    return written.equals(next);
  }

  @Override
  public TableWriter open(WriterContext context) {
    Objects.requireNonNull(context, "context must not be null");
    // Options are checked before any file is created, so a bad option leaves nothing behind.
    ParquetOptions options = ParquetOptions.parse(context.options());
    // an explicit rowGroupSize is the user's: exact, outside the shared budget
    boolean fixed = context.options().get(ParquetOptions.ROW_GROUP_SIZE).isPresent();
    return ParquetTableWriter.open(context.schema(), context.target(), options, fixed ? null : budget);
  }
}
