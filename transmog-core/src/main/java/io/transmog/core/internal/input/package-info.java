/**
 * Reading input: opening files and streams (gzip detected by magic bytes), configuring Jackson's streaming parser with
 * explicit limits, splitting the token stream into records (JSON array, JSON Lines, single document) and turning
 * parser errors into {@link io.transmog.api.MalformedInputException}s with file, line, offset and JSON path. UTF-8 byte
 * input is parsed by {@link io.transmog.core.internal.input.RawTextParser} (Jackson's parser, made by
 * {@link io.transmog.core.internal.input.TransmogJsonFactory}), which hands the engine a string's input bytes when they
 * are its text, so that text is never decoded and encoded again. Not API.
 */
package io.transmog.core.internal.input;
