/**
 * The Transmog engine: streaming flattening on Jackson Core's parser, the {@code Transmog} entry points, writer
 * discovery and the built-in JSON Lines writer.
 */
module io.transmog.core {
  requires transitive io.transmog.api;
  requires com.fasterxml.jackson.core;

  /** The entry points: Transmog, FlattenResult, WriterRegistry. */
  exports io.transmog.core;

  uses io.transmog.api.spi.TableWriterProvider;

  provides io.transmog.api.spi.TableWriterProvider with io.transmog.core.internal.jsonl.JsonLinesWriterProvider;
}
