package io.transmog.example.kafka;

/**
 * One message as a consumer receives it: its position in the partition and its value, the JSON text of one record.
 *
 * @param offset the offset
 * @param value the record's JSON text
 */
public record Message(long offset, String value) {}
