/**
 * Transmog on Apache Spark: the engine runs inside the executors, and every table becomes a {@code Dataset<Row>}.
 *
 * <p>Entry points: {@link io.transmog.spark.SparkTransmog} ({@code builder(spark)}, then {@code flatten(Dataset<String>)}
 * or {@code flattenFiles(paths)}), which returns a {@link io.transmog.spark.SparkFlattenResult} (tables, rejects,
 * {@code write}); {@link io.transmog.spark.SparkMain} for spark-submit. Spark types appear in these signatures by
 * design; Spark itself is a {@code provided} dependency.
 */
package io.transmog.spark;
