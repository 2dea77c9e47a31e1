package io.transmog.api.spi;

import io.transmog.api.table.TableSchema;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a writer needs to open: the table's schema, the final file path and the format options.
 *
 * @param schema the schema every batch will have
 * @param target the final path of the file; the writer creates it only by atomic move on close
 * @param options the format options, already checked against the provider's keys
 */
public record WriterContext(TableSchema schema, Path target, FormatOptions options) {
  /** Validates the components. */
  public WriterContext {
    Objects.requireNonNull(schema, "schema must not be null");
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(options, "options must not be null");
  }
}
