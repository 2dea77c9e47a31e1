package io.transmog.core.internal.flatten;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalars seen so far in a SMART array: their JSON text (the inline value if the array stays all-scalar) and
 * their tokens and texts (to replay them as child rows if it does not). One per nesting level, reused.
 */
final class ScalarBuffer {
  private final StringBuilder json = new StringBuilder(128);
  private final List<JsonToken> tokens = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  void reset() {
    json.setLength(0);
    json.append('[');
    tokens.clear();
    texts.clear();
  }

  void add(JsonToken tok, JsonParser p) throws IOException {
    if (!tokens.isEmpty()) {
      json.append(',');
    }
    String text = null;
    switch (tok.id()) {
      case JsonTokenId.ID_STRING:
        text = p.getText();
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        json.append('"');
        break;
      case JsonTokenId.ID_NUMBER_INT:
      case JsonTokenId.ID_NUMBER_FLOAT:
        text = p.getText();
        json.append(text);
        break;
      case JsonTokenId.ID_TRUE:
        json.append("true");
        break;
      case JsonTokenId.ID_FALSE:
        json.append("false");
        break;
      default:
        json.append("null");
    }
    tokens.add(tok);
    texts.add(text);
  }

  int size() {
    return tokens.size();
  }

  String json() {
    return json.append(']').toString();
  }

  void replay(int i, Engine engine, TableState table, PathNode node, int row) {
    engine.scalarText(table, node, row, tokens.get(i), texts.get(i));
  }
}
