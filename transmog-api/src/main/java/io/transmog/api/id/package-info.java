/**
 * How row IDs are made: {@link io.transmog.api.id.IdStrategy} and its built-in strategies (random, deterministic,
 * natural keys) and the hook for your own.
 */
package io.transmog.api.id;
