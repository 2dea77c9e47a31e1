/**
 * The writer SPI: how output plugins (CSV, Parquet, your own) plug into Transmog.
 *
 * <p>A plugin implements {@link io.transmog.api.spi.TableWriterProvider} and declares it both ways, so that it is found
 * on the module path and on the class path (Spark, fat jars):
 *
 * <pre>{@code
 * module com.example.io.xml {
 *   requires io.transmog.api;
 *   provides io.transmog.api.spi.TableWriterProvider with com.example.io.xml.XmlWriterProvider;
 * }
 * // and src/main/resources/META-INF/services/io.transmog.api.spi.TableWriterProvider
 * }</pre>
 *
 * <p>The contract:
 *
 * <ul>
 *   <li><b>Threading.</b> A provider is stateless and shared by all threads. A {@link io.transmog.api.spi.TableWriter}
 *       writes one table and is used by one thread at a time; different tables may be written concurrently by different
 *       writers.
 *   <li><b>Schema.</b> Every batch passed to {@link io.transmog.api.spi.TableWriter#write} has the schema given in
 *       the {@link io.transmog.api.spi.WriterContext}, or one the provider accepted through
 *       {@link io.transmog.api.spi.TableWriterProvider#canAppend}; a writer reads cell types from
 *       {@code batch.schema()}. When a table's schema grows while streaming and the provider cannot append, the engine
 *       closes the writer and opens a new one for the next part file.
 *   <li><b>Failure.</b> If {@code write} throws, the writer discards its file at once; a later {@code close()} throws
 *       once (nothing is published) or does nothing.
 *   <li><b>Atomic output.</b> A writer writes to a temporary file in the target's directory (see
 *       {@link io.transmog.api.spi.PendingFile}) and publishes it under the final name only in {@code close()}.
 *       {@code abort()} deletes everything written and never publishes. Both are idempotent; {@code close()} after
 *       {@code abort()} does nothing.
 *   <li><b>Who closes what.</b> The engine that opened a writer closes or aborts it exactly once, on success, on
 *       error and on interrupt.
 *   <li><b>Options.</b> A provider lists the format options it accepts in
 *       {@link io.transmog.api.spi.TableWriterProvider#optionKeys()}; the engine rejects unknown keys before opening.
 *   <li><b>Versioning.</b> {@link io.transmog.api.spi.TableWriterProvider#spiVersion()} returns the SPI version the
 *       plugin was built against; the engine refuses providers built for a version it does not support, naming both.
 * </ul>
 */
package io.transmog.api.spi;
