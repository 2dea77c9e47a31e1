/**
 * The Arrow output plugin of Transmog: writes each table in the Apache Arrow IPC file format ({@code .arrow}, readable
 * as Feather v2) or, as an option, the IPC stream format, with Arrow Java.
 *
 * <p>Depends on {@code io.transmog.api} and Apache Arrow only, never on the engine. The writer is found through
 * {@link java.util.ServiceLoader} under the format name {@code arrow}; {@link io.transmog.io.arrow.ArrowOptions} names
 * and documents its format options.
 *
 * <p>Arrow's memory module needs {@code java.nio} opened to it: run with
 * {@code --add-opens=java.base/java.nio=org.apache.arrow.memory.core} on the module path (or
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on the class path). Without it, opening a writer fails with a
 * {@link io.transmog.api.WriterException} that names the flag.
 */
module io.transmog.io.arrow {
  // transitive: ArrowOptions, an exported type, takes FormatOptions and throws TransmogConfigurationException.
  requires transitive io.transmog.api;
  requires org.apache.arrow.vector;
  requires org.apache.arrow.memory.core;
  // Nothing here uses its classes (it exports its package to org.apache.arrow.memory.core only), but Arrow finds its
  // allocator at run time; requiring it resolves it on the module path without --add-modules.
  requires org.apache.arrow.memory.unsafe;
  // IPC body compression: compression=zstd (named module) and compression=lz4 (automatic module, a stable
  // Automatic-Module-Name); see internal.Codecs for why not arrow-compression
  requires com.github.luben.zstd_jni;
  requires org.lz4.java;

  /** The typed Arrow options and their keys; the writer itself stays internal. */
  exports io.transmog.io.arrow;

  provides io.transmog.api.spi.TableWriterProvider with io.transmog.io.arrow.internal.ArrowWriterProvider;
}
