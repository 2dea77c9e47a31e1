package io.transmog.core.internal.flatten;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.Arrays;

/**
 * The scalars seen so far in a SMART array: their JSON text (the inline value if the array stays all-scalar) and
 * their tokens and texts (to replay them as child rows if it does not). One per nesting level, reused. Why no String
 * per element: most arrays stay inline, so element texts are kept as ranges of one buffer and made into Strings only
 * on a replay.
 */
final class ScalarBuffer {
  private final StringBuilder json = new StringBuilder(128);
  private final StringBuilder raw = new StringBuilder(128);
  private JsonToken[] tokens = new JsonToken[16];
  private int[] ends = new int[16];
  private int size;
  private char[] out = new char[64];

  void reset() {
    json.setLength(0);
    json.append('[');
    raw.setLength(0);
    size = 0;
  }

  void add(JsonToken tok, JsonParser p) throws IOException {
    if (size > 0) {
      json.append(',');
    }
    switch (tok.id()) {
      case JsonTokenId.ID_STRING: {
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        raw.append(c, off, len);
        json.append('"');
        if (plain(c, off, len)) {
          json.append(c, off, len);
        } else {
          JsonStringEncoder.getInstance().quoteAsString(new String(c, off, len), json);
        }
        json.append('"');
        break;
      }
      case JsonTokenId.ID_NUMBER_INT:
      case JsonTokenId.ID_NUMBER_FLOAT: {
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        raw.append(c, off, len);
        json.append(c, off, len);
        break;
      }
      case JsonTokenId.ID_TRUE:
        json.append("true");
        break;
      case JsonTokenId.ID_FALSE:
        json.append("false");
        break;
      default:
        json.append("null");
    }
    if (size == tokens.length) {
      tokens = Arrays.copyOf(tokens, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
    }
    tokens[size] = tok;
    ends[size] = raw.length();
    size++;
  }

  /** Tells whether a string needs no JSON escape (no quote, backslash or control character). */
  private static boolean plain(char[] c, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      char ch = c[i];
      if (ch < 0x20 || ch == '"' || ch == '\\') {
        return false;
      }
    }
    return true;
  }

  int size() {
    return size;
  }

  /** The inline JSON text, as a String shared with earlier equal values of the same path. */
  String json(PathNode node) {
    endJson();
    return node.text(out, 0, json.length());
  }

  /** Ends the inline JSON text; then {@link #jsonChars()} holds its {@link #jsonLength()} characters. */
  void endJson() {
    json.append(']');
    int len = json.length();
    if (out.length < len) {
      out = new char[Math.max(len, out.length * 2)];
    }
    json.getChars(0, len, out, 0);
  }

  /** @return the characters of the text ended by {@link #endJson()} (a reused array, longer than the text) */
  char[] jsonChars() {
    return out;
  }

  /** @return the length of the text ended by {@link #endJson()} */
  int jsonLength() {
    return json.length();
  }

  void replay(int i, Engine engine, TableState table, PathNode node, int row) {
    JsonToken tok = tokens[i];
    String text = null;
    if (tok == JsonToken.VALUE_STRING || tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
      text = raw.substring(i == 0 ? 0 : ends[i - 1], ends[i]);
    }
    engine.scalarText(table, node, row, tok, text);
  }
}
