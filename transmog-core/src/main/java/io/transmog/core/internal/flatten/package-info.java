/**
 * The flattening rules, all in one place: {@link io.transmog.core.internal.flatten.Engine} walks each record's tokens
 * once and writes cells straight into columnar tables. Not API. Depends on {@code io.transmog.api}, Jackson Core's
 * streaming parser and the other {@code internal} packages.
 */
package io.transmog.core.internal.flatten;
