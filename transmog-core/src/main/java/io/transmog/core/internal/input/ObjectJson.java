package io.transmog.core.internal.input;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.transmog.api.InputLocation;
import io.transmog.api.MalformedInputException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a Java value (maps, iterables, arrays, strings, numbers, booleans, null) as JSON bytes, so that records
 * given as objects go through the same streaming path as text. Enums, UUIDs, {@code java.time} values and other
 * char sequences become their text; other types are refused with the type and the path. Not thread-safe.
 */
final class ObjectJson {
  private static final int MAX_DEPTH = io.transmog.api.TransmogOptions.DEFAULT_MAX_NESTING_DEPTH;
  private final ByteArrayBuilder buffer = new ByteArrayBuilder(4096);

  byte[] toJson(Object value, String source, long record) throws IOException {
    buffer.reset();
    try (JsonGenerator g = Parsers.FACTORY.createGenerator(buffer)) {
      write(g, value, "", 0, source, record);
    }
    return buffer.toByteArray();
  }

  private void write(JsonGenerator g, Object v, String path, int depth, String source, long record)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw refuse(source, record, path, "nesting deeper than " + MAX_DEPTH + " levels (a cycle?)");
    }
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof AtomicInteger || v instanceof AtomicLong) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        if (v instanceof Float) {
          g.writeNumber(v.toString()); // the float's own shortest text, not the widened double's
        } else {
          g.writeNumber(d);
        }
      } else {
        g.writeString(v.toString()); // NaN and infinities have no JSON number form
      }
    } else if (v instanceof BigDecimal) {
      g.writeNumber((BigDecimal) v);
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        String key = String.valueOf(e.getKey());
        g.writeFieldName(key);
        write(g, e.getValue(), path + "/" + key, depth + 1, source, record);
      }
      g.writeEndObject();
    } else if (v instanceof Iterable) {
      g.writeStartArray();
      int i = 0;
      for (Object o : (Iterable<?>) v) {
        write(g, o, path + "/" + i++, depth + 1, source, record);
      }
      g.writeEndArray();
    } else if (v.getClass().isArray()) {
      g.writeStartArray();
      int n = Array.getLength(v);
      for (int i = 0; i < n; i++) {
        write(g, Array.get(v, i), path + "/" + i, depth + 1, source, record);
      }
      g.writeEndArray();
    } else if (v instanceof Optional) {
      write(g, ((Optional<?>) v).orElse(null), path, depth, source, record);
    } else if (v instanceof CharSequence || v instanceof Character || v instanceof Enum || v instanceof UUID
        || v instanceof TemporalAccessor || v instanceof Number) {
      g.writeString(v.toString());
    } else {
      throw refuse(source, record, path, "a value of type " + v.getClass().getName()
          + " has no JSON form; convert it to a Map, List, String, Number or Boolean first");
    }
  }

  private static MalformedInputException refuse(String source, long record, String path, String reason) {
    return new MalformedInputException(new InputLocation(source, -1, -1, -1, record, path), reason, null);
  }
}
