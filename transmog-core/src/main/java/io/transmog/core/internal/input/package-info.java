/**
 * Reading input: opening files and streams (gzip detected by magic bytes), configuring Jackson's streaming parser with
 * explicit limits, splitting the token stream into records (JSON array, JSON Lines, single document) and turning
 * parser errors into {@link io.transmog.api.MalformedInputException}s with file, line, offset and JSON path. Not API.
 */
package io.transmog.core.internal.input;
