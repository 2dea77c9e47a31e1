package io.transmog.core.internal.flatten;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;

/**
 * One record copied to canonical JSON bytes: compact, keys in input order, numbers exactly as written, strings with
 * Jackson's standard escaping. The same record text in any whitespace or escaping gives the same bytes, so their hash
 * is a stable content ID on every machine. Reused for every record; not thread-safe.
 */
final class CanonicalRecord {
  private final ByteArrayBuilder out = new ByteArrayBuilder(4096);
  private byte[] bytes = new byte[0];
  private int length;

  /** Copies the value whose first token is current, leaving the source on its last token. */
  void copy(JsonParser src, JsonFactory factory) throws IOException {
    out.reset();
    try (JsonGenerator g = factory.createGenerator(out)) {
      int depth = 0;
      JsonToken t = src.currentToken();
      while (true) {
        switch (t.id()) {
          case JsonTokenId.ID_START_OBJECT:
            g.writeStartObject();
            depth++;
            break;
          case JsonTokenId.ID_START_ARRAY:
            g.writeStartArray();
            depth++;
            break;
          case JsonTokenId.ID_END_OBJECT:
            g.writeEndObject();
            depth--;
            break;
          case JsonTokenId.ID_END_ARRAY:
            g.writeEndArray();
            depth--;
            break;
          case JsonTokenId.ID_FIELD_NAME:
            g.writeFieldName(src.currentName());
            break;
          case JsonTokenId.ID_STRING:
            g.writeString(src.getTextCharacters(), src.getTextOffset(), src.getTextLength());
            break;
          case JsonTokenId.ID_NUMBER_INT:
          case JsonTokenId.ID_NUMBER_FLOAT:
            g.writeNumber(src.getTextCharacters(), src.getTextOffset(), src.getTextLength());
            break;
          case JsonTokenId.ID_TRUE:
            g.writeBoolean(true);
            break;
          case JsonTokenId.ID_FALSE:
            g.writeBoolean(false);
            break;
          default:
            g.writeNull();
        }
        if (depth == 0) {
          break;
        }
        t = src.nextToken();
      }
    }
    length = out.size();
    bytes = out.getCurrentSegmentLength() == length && out.getCurrentSegment() != null && length > 0
        ? out.getCurrentSegment() : out.toByteArray();
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }
}
