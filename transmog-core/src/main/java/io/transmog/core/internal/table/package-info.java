/**
 * Columnar row storage with type inference and widening. Not API. Depends on {@code io.transmog.api.table} and Jackson
 * Core (for JSON string quoting only).
 */
package io.transmog.core.internal.table;
