/**
 * The Parquet output plugin of Transmog: {@link io.transmog.io.parquet.ParquetOptions} names, documents and parses its
 * format options (codec, Zstandard level, row-group and page size, dictionary encoding).
 *
 * <p>The writer itself is found through {@link java.util.ServiceLoader} under the format name {@code parquet} and lives
 * in a non-API package. The plugin runs on the class path only: Parquet Java's jars split packages between them, so
 * they cannot be modules; the jar carries {@code Automatic-Module-Name: io.transmog.io.parquet} for a stable name.
 */
package io.transmog.io.parquet;
