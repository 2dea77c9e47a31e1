/**
 * Embedding tests: what an application embedding the engine relies on. Only the public API is used here (the
 * {@code io.transmog.core} entry package and {@code io.transmog.api..}), as an application would.
 *
 * <ul>
 *   <li>{@link io.transmog.core.embedding.ConcurrencyTest}: one shared options object, 8 threads, exactly the
 *       single-threaded output;
 *   <li>{@link io.transmog.core.embedding.LeakTest}: open file descriptors and threads before and after 1,000 flatten
 *       calls, half of them failing;
 *   <li>{@link io.transmog.core.embedding.ThreadLifecycleTest}: no {@code transmog-*} thread outlives a failed or
 *       interrupted run.
 * </ul>
 */
package io.transmog.core.embedding;
