/**
 * Streaming runs: one writer per table fed chunk by chunk, part files, a staging directory published only when the
 * run completes, and the run manifest. Not API. Depends on {@code io.transmog.api}, Jackson Core (manifest) and the
 * other {@code internal} packages.
 */
package io.transmog.core.internal.stream;
