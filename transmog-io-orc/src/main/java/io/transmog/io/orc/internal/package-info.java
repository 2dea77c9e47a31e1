/**
 * Not API, may change without notice: the ORC writer behind the {@code orc} format.
 *
 * <p>May depend on {@code io.transmog.api}, {@code io.transmog.io.orc}, ORC Java ({@code orc-core} with the
 * {@code nohive} classifier, whose vector classes live in {@code org.apache.orc.storage}) and Hadoop's shaded client
 * ({@code hadoop-client-api}). Hadoop types ({@code Configuration}, {@code Path}, {@code FileSystem}) appear only in
 * this package and never in a public signature; an architecture test checks it.
 */
package io.transmog.io.orc.internal;
