/**
 * The built-in JSON Lines writer (format {@code jsonl}). Not API. Depends on {@code io.transmog.api} and Jackson Core's
 * generator.
 */
package io.transmog.core.internal.jsonl;
