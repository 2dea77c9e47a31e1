package io.transmog.core.internal.flatten;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;

/**
 * Copies a value from the parser as compact JSON text, for inline arrays and content beyond {@code maxDepth}. Numbers
 * are copied as their exact input text (Jackson's own structure copy would re-print decimals through a double).
 * Iterative, so depth costs no stack. Reuses one builder; not thread-safe.
 */
final class JsonText {
  private final StringBuilder sb = new StringBuilder(256);

  /** Copies the container whose START token is current; leaves the parser on its END token. */
  String copyContainer(JsonParser p) throws IOException {
    sb.setLength(0);
    copyFrom(p, p.currentToken());
    return sb.toString();
  }

  /** Copies an array whose START_ARRAY was consumed and whose first element token is {@code first}. */
  String copyArrayFrom(JsonParser p, JsonToken first) throws IOException {
    sb.setLength(0);
    sb.append('[');
    boolean firstElement = true;
    for (JsonToken tok = first; tok != JsonToken.END_ARRAY; tok = p.nextToken()) {
      if (!firstElement) {
        sb.append(',');
      }
      firstElement = false;
      copyFrom(p, tok);
    }
    return sb.append(']').toString();
  }

  static boolean isEmptyContainer(String json) {
    return json.equals("{}") || json.equals("[]");
  }

  /** Appends the value starting at {@code tok}, through its matching end. */
  private void copyFrom(JsonParser p, JsonToken tok) throws IOException {
    int depth = 0;
    boolean needComma = false;
    while (true) {
      switch (tok.id()) {
        case JsonTokenId.ID_START_OBJECT:
          comma(needComma);
          sb.append('{');
          depth++;
          needComma = false;
          break;
        case JsonTokenId.ID_START_ARRAY:
          comma(needComma);
          sb.append('[');
          depth++;
          needComma = false;
          break;
        case JsonTokenId.ID_END_OBJECT:
          sb.append('}');
          depth--;
          needComma = true;
          break;
        case JsonTokenId.ID_END_ARRAY:
          sb.append(']');
          depth--;
          needComma = true;
          break;
        case JsonTokenId.ID_FIELD_NAME:
          comma(needComma);
          quote(p.currentName());
          sb.append(':');
          needComma = false;
          break;
        default:
          comma(needComma);
          scalar(p, tok);
          needComma = true;
      }
      if (depth == 0) {
        return;
      }
      tok = p.nextToken();
    }
  }

  private void comma(boolean needComma) {
    if (needComma) {
      sb.append(',');
    }
  }

  private void scalar(JsonParser p, JsonToken tok) throws IOException {
    switch (tok.id()) {
      case JsonTokenId.ID_STRING:
        quote(p.getText());
        break;
      case JsonTokenId.ID_NUMBER_INT:
      case JsonTokenId.ID_NUMBER_FLOAT:
        sb.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        break;
      case JsonTokenId.ID_TRUE:
        sb.append("true");
        break;
      case JsonTokenId.ID_FALSE:
        sb.append("false");
        break;
      default:
        sb.append("null");
    }
  }

  private void quote(String s) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    sb.append('"');
  }
}
