package io.transmog.io.orc.internal;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.TableSchema;
import io.transmog.io.orc.OrcOptions;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code orc} format: one Apache ORC file {@code <table>.orc} per table (per part, when a streamed table's schema
 * grows), with typed columns, written with ORC Java. Stateless and thread-safe; found by {@link java.util.ServiceLoader}
 * through {@code META-INF/services} (class path only: ORC's and Hadoop's jars split packages, so this plugin has no
 * module descriptor).
 *
 * <p>Opening a writer parses the options (see {@link OrcOptions}) and creates a temporary file next to the target; each
 * open writer buffers up to one stripe on the heap.
 */
public final class OrcWriterProvider implements TableWriterProvider {

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public OrcWriterProvider() {
    // stateless: everything a writer needs comes with its WriterContext
  }

  @Override
  public String format() {
    return "orc";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("orc");
  }

  @Override
  public Set<String> optionKeys() {
    return OrcOptions.KEYS;
  }

  @Override
  public String description() {
    return "Apache ORC with typed columns (zstd, snappy, zlib or none) via ORC Java; bundles Hadoop's client jars";
  }

  /**
   * Only an identical schema: an ORC file has one type, written in its footer, so a table whose columns grew or whose
   * types widened continues in a new part file.
   */
  @Override
  public boolean canAppend(TableSchema written, TableSchema next) {
    return written.equals(next);
  }

  @Override
  public TableWriter open(WriterContext context) {
    Objects.requireNonNull(context, "context must not be null");
    // Options are checked before any file is created, so a bad option leaves nothing behind.
    OrcOptions options = OrcOptions.parse(context.options());
    return OrcTableWriter.open(context.schema(), context.target(), options);
  }
}
