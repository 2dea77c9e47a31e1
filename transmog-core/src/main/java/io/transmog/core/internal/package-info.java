/**
 * The engine behind {@link io.transmog.core.Transmog}. Not API: anything under {@code internal} may change in any
 * release. May depend on {@code io.transmog.api} and Jackson Core's streaming API only (never a tree model).
 */
package io.transmog.core.internal;
