package io.transmog.example.markdown;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.TableSchema;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code markdown} format: each table as one GitHub Flavored Markdown table in a {@code .md} file. Stateless and
 * thread-safe; found by {@link java.util.ServiceLoader} on the module path ({@code provides} in {@code module-info})
 * and on the class path ({@code META-INF/services}).
 *
 * <p>Options: {@code align} ({@code true}/{@code false}, default {@code true}) right-aligns numeric columns.
 *
 * <p>Cell text is escaped so that the table reads back exactly (see {@link MarkdownTableWriter}): {@code \} as
 * {@code \\}, {@code |} as {@code \|}, a line feed as {@code \n} and a carriage return as {@code \r}. Markdown has no
 * null: a null cell and an empty string are both an empty cell.
 */
public final class MarkdownWriterProvider implements TableWriterProvider {
  /** The option that right-aligns numeric columns. */
  public static final String ALIGN = "align";

  /** Creates the provider; called by {@link java.util.ServiceLoader}, so it must be public and cheap. */
  public MarkdownWriterProvider() {
    // stateless: everything a writer needs arrives in its WriterContext
  }

  @Override
  public String format() {
    return "markdown";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("md");
  }

  @Override
  public Set<String> optionKeys() {
    return Set.of(ALIGN);
  }

  @Override
  public String description() {
    return "GitHub Markdown tables (example plugin)";
  }

  /**
   * The header row holds only names, so a batch whose columns have the same names in the same order (a type widened,
   * say LONG to DOUBLE) goes on in the same file; added columns would need a new header, so they start a new part.
   */
  @Override
  public boolean canAppend(TableSchema written, TableSchema next) {
    return written.columnNames().equals(next.columnNames());
  }

  @Override
  public TableWriter open(WriterContext context) {
    Objects.requireNonNull(context, "context must not be null");
    // options are read before the file is created, so a bad value leaves nothing behind
    boolean align = context.options().getBoolean(ALIGN, true);
    return MarkdownTableWriter.open(context.schema(), context.target(), align);
  }
}
