/**
 * Not API, may change without notice: the Arrow writer behind the {@code arrow} format.
 *
 * <p>May depend on {@code io.transmog.api}, {@code io.transmog.io.arrow} and Apache Arrow Java
 * ({@code arrow-vector}, {@code arrow-memory-core} with {@code arrow-memory-unsafe}, {@code arrow-compression}), never
 * on the engine.
 */
package io.transmog.io.arrow.internal;
