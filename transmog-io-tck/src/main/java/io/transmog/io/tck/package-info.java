/**
 * The writer test kit (TCK): {@link io.transmog.io.tck.TableWriterCompatibilityKit}, the abstract JUnit 5 test every
 * writer plugin extends, with {@link io.transmog.io.tck.ReadBack} (what the format's own reader found) and
 * {@link io.transmog.io.tck.TestBatch} (an in-memory row batch for tests). Use it with Maven scope {@code test}.
 */
package io.transmog.io.tck;
