/**
 * The public contract of Transmog: options, the table and row model, the writer SPI and exceptions.
 *
 * <p>Requires nothing but {@code java.base}; writer plugins compile against this module only.
 */
module io.transmog.api {
  /** Options, array modes, input formats and the exception hierarchy. */
  exports io.transmog.api;
  /** Tables, schemas, column types and row batches handed to writers. */
  exports io.transmog.api.table;
  /** The writer SPI that output plugins implement. */
  exports io.transmog.api.spi;
  /** Row ID strategies. */
  exports io.transmog.api.id;
  /** Per-table transforms applied while streaming. */
  exports io.transmog.api.transform;
}
