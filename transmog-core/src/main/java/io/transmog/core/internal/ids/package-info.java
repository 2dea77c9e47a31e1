/** Row ID generation. Not API. Depends on the JDK only. */
package io.transmog.core.internal.ids;
