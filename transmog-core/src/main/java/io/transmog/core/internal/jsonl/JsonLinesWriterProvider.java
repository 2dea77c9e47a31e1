package io.transmog.core.internal.jsonl;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.TableSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes each table as JSON Lines: one JSON object per row, UTF-8, {@code \n} after every row. Null cells are omitted;
 * numbers and booleans keep their type; {@code JSON} columns (inline arrays) are embedded as JSON, not as strings.
 *
 * <p>Options: {@code nulls=true} writes null cells as {@code null} instead of omitting them.
 */
public final class JsonLinesWriterProvider implements TableWriterProvider {
  static final String OPTION_NULLS = "nulls";

  /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
  public JsonLinesWriterProvider() {}

  @Override
  public String format() {
    return "jsonl";
  }

  @Override
  public Set<String> fileExtensions() {
    return new LinkedHashSet<>(List.of("jsonl", "ndjson"));
  }

  @Override
  public Set<String> optionKeys() {
    return Set.of(OPTION_NULLS);
  }

  @Override
  public String description() {
    return "JSON Lines: one object per row (built in)";
  }

  /** Every row carries its field names, so any schema change can go into the same file. */
  @Override
  public boolean canAppend(TableSchema written, TableSchema next) {
    return true;
  }

  @Override
  public TableWriter open(WriterContext context) {
    return new JsonLinesTableWriter(context, context.options().getBoolean(OPTION_NULLS, false));
  }
}
