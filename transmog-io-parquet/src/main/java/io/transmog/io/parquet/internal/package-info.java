/**
 * Not API, may change without notice: the Parquet writer behind the {@code parquet} format.
 *
 * <p>May depend on {@code io.transmog.api}, {@code io.transmog.io.parquet}, Parquet Java ({@code parquet-hadoop},
 * {@code parquet-column}, {@code parquet-common}), snappy-java and zstd-jni. It must never load a Hadoop class at run
 * time: Hadoop types appear only in signatures of Parquet classes it uses (deprecated constructors of
 * {@code ParquetFileWriter}), and those members are never called (see {@code HadoopFreeWriteTest}).
 */
package io.transmog.io.parquet.internal;
