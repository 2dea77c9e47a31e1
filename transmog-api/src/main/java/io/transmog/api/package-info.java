/**
 * Options and errors of Transmog.
 *
 * <p>Entry points: {@link io.transmog.api.TransmogOptions#builder()} for configuration and
 * {@link io.transmog.api.TransmogException} as the root of every error Transmog raises. All types here are immutable and
 * thread-safe; nothing in this package holds global state.
 */
package io.transmog.api;
