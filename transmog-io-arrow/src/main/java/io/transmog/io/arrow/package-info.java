/**
 * The Arrow output plugin of Transmog: {@link io.transmog.io.arrow.ArrowOptions} names, documents and parses its format
 * options (IPC file or stream format, dictionary-encoded strings, lz4/zstd body compression, rows per record batch).
 *
 * <p>The writer itself is found through {@link java.util.ServiceLoader} under the format name {@code arrow} and lives
 * in a non-API package. Arrow's memory module needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on the class
 * path, or {@code --add-opens=java.base/java.nio=org.apache.arrow.memory.core} on the module path.
 */
package io.transmog.io.arrow;
