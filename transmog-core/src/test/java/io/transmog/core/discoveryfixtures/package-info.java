/**
 * Writer providers for {@code io.transmog.core.WriterDiscoveryTest}: good, broken, duplicated and mis-versioned ones.
 * They are never listed in a services file on the test class path; the test copies them into a temporary directory
 * with its own services file and loads them through a separate class loader, so they cannot disturb other tests.
 */
package io.transmog.core.discoveryfixtures;
