package io.transmog.io.arrow.internal;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.TableSchema;
import io.transmog.io.arrow.ArrowOptions;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code arrow} format: one Apache Arrow IPC file {@code <table>.arrow} per table (per part, when a streamed
 * table's schema grows), in the IPC file format (Feather v2) or, with {@code ipcFormat=stream}, the IPC stream format,
 * written with Arrow Java. Stateless and thread-safe; found by {@link java.util.ServiceLoader} through the module
 * descriptor or {@code META-INF/services}.
 *
 * <p>Opening a writer parses the options (see {@link ArrowOptions}), checks that {@code java.nio} is open to Arrow's
 * memory module (the message of the {@link io.transmog.api.WriterException} otherwise names the flag), creates a
 * temporary file next to the target and a root allocator for the writer's off-heap vectors.
 */
public final class ArrowWriterProvider implements TableWriterProvider {
  /** {@code arrow} first: it is the extension of new files; {@code feather} is Feather v2's, the same file format. */
  private static final Set<String> EXTENSIONS =
      Collections.unmodifiableSet(new LinkedHashSet<>(List.of("arrow", "feather")));

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public ArrowWriterProvider() {
    // stateless: everything a writer needs comes with its WriterContext
  }

  @Override
  public String format() {
    return "arrow";
  }

  @Override
  public Set<String> fileExtensions() {
    return EXTENSIONS;
  }

  @Override
  public Set<String> optionKeys() {
    return ArrowOptions.KEYS;
  }

  @Override
  public String description() {
    return "Apache Arrow IPC file (Feather v2) or stream via Arrow Java, optional dictionary strings and lz4/zstd; "
        + "needs --add-opens=java.base/java.nio=ALL-UNNAMED";
  }

  /**
   * Only an identical schema: an Arrow IPC file or stream carries one schema, written before the first batch, so a
   * table whose columns grew or whose types widened continues in a new part file.
   */
  @Override
  public boolean canAppend(TableSchema written, TableSchema next) {
    return written.equals(next);
  }

  @Override
  public TableWriter open(WriterContext context) {
    Objects.requireNonNull(context, "context must not be null");
    // Options are checked before any file is created, so a bad option leaves nothing behind.
    ArrowOptions options = ArrowOptions.parse(context.options());
    return ArrowTableWriter.open(context.schema(), context.target(), options);
  }
}
