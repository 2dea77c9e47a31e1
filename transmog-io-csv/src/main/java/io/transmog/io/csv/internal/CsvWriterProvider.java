package io.transmog.io.csv.internal;

import io.transmog.api.spi.TableWriter;
import io.transmog.api.spi.TableWriterProvider;
import io.transmog.api.spi.WriterContext;
import io.transmog.api.table.TableSchema;
import io.transmog.io.csv.CsvOptions;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code csv} format: RFC 4180 CSV in UTF-8, one file {@code <table>.csv} per table, byte for byte what Apache
 * Commons CSV's RFC 4180 format writes (the cells are encoded by {@link CsvOutput}; Commons CSV checks the options).
 * Stateless and thread-safe; found by {@link java.util.ServiceLoader} on the module path and the class path.
 *
 * <p>Opening a writer parses the options (see {@link CsvOptions}), creates a temporary file next to the target and
 * writes the header record; each open writer holds a 128 KiB buffer.
 */
public final class CsvWriterProvider implements TableWriterProvider {

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public CsvWriterProvider() {
    // stateless: everything a writer needs comes with its WriterContext
  }

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public Set<String> fileExtensions() {
    return Set.of("csv");
  }

  @Override
  public Set<String> optionKeys() {
    return CsvOptions.KEYS;
  }

  @Override
  public String description() {
    return "Comma-separated values (RFC 4180, UTF-8, header row)";
  }

  /**
   * The header holds only names: widened types go on in the same file, and so do columns appended at the end (the
   * writer rewrites the file once on close with the full header, padding earlier records), so a table stays one file.
   */
  @Override
  public boolean canAppend(TableSchema written, TableSchema next) {
    return extendsColumns(written, next);
  }

  static boolean extendsColumns(TableSchema written, TableSchema next) {
    if (next.size() < written.size()) {
      return false;
    }
    for (int i = 0; i < written.size(); i++) {
      if (!written.column(i).name().equals(next.column(i).name())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public TableWriter open(WriterContext context) {
    Objects.requireNonNull(context, "context must not be null");
    // Options are checked before any file is created, so a bad option leaves nothing behind.
    CsvOptions options = CsvOptions.parse(context.options());
    return CsvTableWriter.open(context.schema(), context.target(), options);
  }
}
