/**
 * Transforms applied per table while streaming: {@link io.transmog.api.transform.Transform} (keep, drop and rename
 * columns, map values, filter rows, derive columns) and {@link io.transmog.api.transform.RowView}.
 */
package io.transmog.api.transform;
