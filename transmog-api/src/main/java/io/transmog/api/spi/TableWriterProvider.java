package io.transmog.api.spi;

import java.util.Set;

/**
 * Creates writers for one output format. Found through {@link java.util.ServiceLoader} or registered explicitly.
 * Implementations must be stateless, thread-safe and have a public no-argument constructor.
 */
public interface TableWriterProvider {
  /** The SPI version this API defines. */
  int SPI_VERSION = 1;

  /**
   * Returns the stable, lower-case format name used by {@code --format} and the API, e.g. {@code "csv"}.
   *
   * @return the format name
   */
  String format();

  /**
   * Returns the file extensions of this format without the dot; the first is used for new files.
   *
   * @return a non-empty ordered set, e.g. {@code ["csv"]}
   */
  Set<String> fileExtensions();

  /**
   * Returns the SPI version the provider implements.
   *
   * @return {@link #SPI_VERSION} at the time the plugin was compiled
   */
  default int spiVersion() {
    return SPI_VERSION;
  }

  /**
   * Returns the format option keys this provider understands; any other key is rejected before {@link #open} is
   * called.
   *
   * @return the accepted keys, possibly empty
   */
  default Set<String> optionKeys() {
    return Set.of();
  }

  /**
   * Returns a one-line description for {@code transmog formats}.
   *
   * @return a short description
   */
  default String description() {
    return format();
  }

  /**
   * Tells whether a writer opened with schema {@code written} can also take batches with schema {@code next} (the same
   * table after columns were added or types widened). When it cannot, the engine closes the file and starts a new
   * part with the new schema. The default accepts only an identical schema; a text format whose header holds only
   * names may accept type changes, a self-describing format such as JSON Lines may accept anything.
   *
   * @param written the schema the writer was opened with
   * @param next the schema of the next batch
   * @return whether the same writer can continue
   */
  default boolean canAppend(io.transmog.api.table.TableSchema written, io.transmog.api.table.TableSchema next) {
    return written.equals(next);
  }

  /**
   * Opens a writer for one table.
   *
   * @param context the table schema, the target file and the format options
   * @return an open writer
   * @throws io.transmog.api.WriterException if the file cannot be created
   * @throws io.transmog.api.TransmogConfigurationException if an option value is invalid
   */
  TableWriter open(WriterContext context);
}
