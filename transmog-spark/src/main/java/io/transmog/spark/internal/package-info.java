/**
 * Not API, may change in any release: the executor-side tasks, the per-partition schema profiles and their merge
 * ({@code Layout}), the conversion of the core's chunks to the agreed schema, and the manifest writer. May depend on
 * {@code io.transmog.api}, the exported {@code io.transmog.core} package (never its {@code internal} packages),
 * jackson-core's streaming generator, Spark and (for the manifest's file system) Hadoop's client API that Spark brings.
 */
package io.transmog.spark.internal;
