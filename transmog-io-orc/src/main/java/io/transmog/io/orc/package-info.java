/**
 * The ORC output plugin of Transmog: {@link io.transmog.io.orc.OrcOptions} names, documents and parses its format
 * options (codec, stripe size, row-index stride, bloom-filter columns).
 *
 * <p>The writer itself is found through {@link java.util.ServiceLoader} under the format name {@code orc} and lives in
 * a non-API package. The plugin runs on the class path only: ORC Java's jars split packages between them (and with
 * Hadoop's), so they cannot be modules; the jar carries {@code Automatic-Module-Name: io.transmog.io.orc} for a stable
 * name. No Hadoop type appears in this package.
 */
package io.transmog.io.orc;
