/**
 * The table and row model: {@link io.transmog.api.table.TableSchema} (named, typed columns),
 * {@link io.transmog.api.table.RowBatch} (a columnar batch of rows read by writers without boxing) and
 * {@link io.transmog.api.table.Table} (a finished in-memory table).
 */
package io.transmog.api.table;
