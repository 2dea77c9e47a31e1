/**
 * The CSV output plugin of Transmog: writes each table as an RFC 4180, UTF-8 CSV file, as Apache Commons CSV's RFC 4180
 * format would (Commons CSV validates the options; the cells are encoded by the plugin itself, see its README).
 *
 * <p>Depends on {@code io.transmog.api} and Commons CSV only, never on the engine. The writer is found through
 * {@link java.util.ServiceLoader} under the format name {@code csv}; {@link io.transmog.io.csv.CsvOptions} names and
 * documents its format options.
 */
module io.transmog.io.csv {
  // transitive: CsvOptions, an exported type, takes FormatOptions and throws TransmogConfigurationException.
  requires transitive io.transmog.api;
  requires org.apache.commons.csv;

  /** The typed CSV options and their keys; the writer itself stays internal. */
  exports io.transmog.io.csv;

  provides io.transmog.api.spi.TableWriterProvider with io.transmog.io.csv.internal.CsvWriterProvider;
}
