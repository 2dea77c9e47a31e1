package io.transmog.core.internal.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.transmog.api.MalformedInputException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.table.Table;
import io.transmog.core.FlattenResult;
import io.transmog.core.Transmog;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A string's input bytes are handed out only when they are exactly its text, and parsing goes on exactly as Jackson's
 * own parser would: {@link RawTextParser} and {@link TransmogJsonFactory}.
 */
class RawTextParserTest {
  private static final JsonFactory FACTORY = Parsers.FACTORY;

  /** Strings whose bytes are their text: plain ASCII and every UTF-8 width. */
  private static final List<String> PLAIN = List.of("", "a", "hello world", "Hauptstraße", "международный", "返品可",
      "– dash", "emoji \uD83D\uDE00 pair", "\u0080\u07FF\u0800\uFFFF\uD800\uDC00\uDBFF\uDFFF", "'single' / quotes");

  @Test
  void stringEnd_findsTheClosingQuoteOfUsableBytes() {
    for (String s : PLAIN) {
      byte[] b = ("\"" + s + "\",").getBytes(StandardCharsets.UTF_8);
      assertThat(RawTextParser.stringEnd(b, 1, b.length)).as(s).isEqualTo(b.length - 2);
    }
  }

  @Test
  void stringEnd_refusesEscapesControlCharactersAndMalformedUtf8() {
    List<byte[]> refused = new ArrayList<>();
    refused.add(bytes("a\\nb\""));
    refused.add(bytes("a\\\"b\""));
    refused.add(new byte[] {'a', 0x09, 'b', '"'}); // a raw tab
    refused.add(new byte[] {'a', 0x00, '"'});
    refused.add(new byte[] {'a', 0x1F, '"'});
    refused.add(new byte[] {(byte) 0xC0, (byte) 0x80, '"'}); // overlong NUL
    refused.add(new byte[] {(byte) 0xC1, (byte) 0xBF, '"'}); // overlong
    refused.add(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'}); // overlong three-byte
    refused.add(new byte[] {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF, '"'}); // overlong three-byte
    refused.add(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}); // a surrogate, U+D800
    refused.add(new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF, '"'}); // a surrogate, U+DFFF
    refused.add(new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}); // overlong four-byte
    refused.add(new byte[] {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF, '"'}); // overlong four-byte
    refused.add(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}); // beyond U+10FFFF
    refused.add(new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'});
    refused.add(new byte[] {(byte) 0xFF, '"'});
    refused.add(new byte[] {(byte) 0x80, '"'}); // a stray continuation byte
    refused.add(new byte[] {(byte) 0xC3, 'a', '"'}); // a lead without its continuation
    refused.add(new byte[] {(byte) 0xE2, (byte) 0x80, 'a', '"'});
    refused.add(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'a', '"'});
    refused.add(bytes("no closing quote"));
    for (byte[] b : refused) {
      assertThat(RawTextParser.stringEnd(b, 0, b.length)).as(java.util.Arrays.toString(b)).isEqualTo(-1);
    }
    // a sequence cut by the end of the bytes read so far
    byte[] cut = bytes("ab\u00e9\"");
    assertThat(RawTextParser.stringEnd(cut, 0, 3)).isEqualTo(-1);
    assertThat(RawTextParser.stringEnd(cut, 0, cut.length)).isEqualTo(4);
  }

  @Test
  void stringEnd_agreesWithTheJdkDecoderOnEveryTwoAndThreeByteSequence() {
    // a sequence is used exactly when the JDK's strict decoder reads it without replacement
    for (int b0 = 0x80; b0 < 0x100; b0++) {
      for (int b1 = 0; b1 < 0x100; b1++) {
        for (int b2 : new int[] {0x80, 0xBF, 'a'}) {
          byte[] b = {(byte) b0, (byte) b1, (byte) b2, '"'};
          int expected = strictlyValid(b, 0, 3) && noControlOrQuote(b, 3) ? 3 : -1;
          assertThat(RawTextParser.stringEnd(b, 0, b.length)).as("%02x %02x %02x", b0, b1, b2).isEqualTo(expected);
        }
      }
    }
  }

  private static boolean noControlOrQuote(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] >= 0 && (b[i] < 0x20 || b[i] == '"' || b[i] == '\\')) {
        return false;
      }
    }
    return true;
  }

  private static boolean strictlyValid(byte[] b, int from, int to) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, from, to - from));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void plainUtf8BytesGetTheRawParser_otherEncodingsJacksonsOwn() throws IOException {
    byte[] utf8 = bytes("{\"a\":\"é\"}");
    try (JsonParser p = FACTORY.createParser(utf8)) {
      assertThat(p).isInstanceOf(RawTextParser.class);
    }
    try (JsonParser p = FACTORY.createParser(new ByteArrayInputStream(utf8))) {
      assertThat(p).isInstanceOf(RawTextParser.class);
    }
    byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8);
    byte[] utf16 = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_16LE);
    byte[] utf16be = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_16BE);
    for (byte[] other : List.of(bom, utf16, utf16be)) {
      try (JsonParser p = FACTORY.createParser(new ByteArrayInputStream(other))) {
        assertThat(p).isNotInstanceOf(RawTextParser.class);
        assertThat(texts(p)).containsExactly("a", "é");
      }
      try (JsonParser p = FACTORY.createParser(other)) {
        assertThat(p).isNotInstanceOf(RawTextParser.class);
        assertThat(texts(p)).containsExactly("a", "é");
      }
    }
    try (JsonParser p = FACTORY.createParser(bytes("1"))) { // shorter than four bytes: Jackson's bootstrapping
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
    }
  }

  @Test
  void rawBytesAreExactlyTheTextJacksonDecodes_andParsingGoesOnUnchanged() throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (String s : PLAIN) {
      json.append("{\"k\":\"").append(s).append("\",\"n\":1,\"arr\":[\"").append(s).append("\",\"x\\ty\"]},");
    }
    json.append("\"esc\\u00e9\\\"q\",\"root\"]");
    byte[] b = bytes(json.toString());
    List<String> expected;
    try (JsonParser p = new JsonFactory().createParser(b)) {
      expected = texts(p);
    }
    // raw bytes where they can be used; every token of the document still comes in order
    try (RawTextParser p = (RawTextParser) FACTORY.createParser(b)) {
      List<String> got = new ArrayList<>();
      int raw = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_STRING) {
          int end = p.rawStringEnd();
          if (end >= 0) {
            raw++;
            got.add(new String(p.rawBuffer(), p.rawStart(), end - p.rawStart(), StandardCharsets.UTF_8));
            continue;
          }
          got.add(p.getText());
        } else if (t == JsonToken.FIELD_NAME) {
          got.add(p.currentName());
        } else if (t.isScalarValue()) {
          got.add(p.getText());
        }
      }
      assertThat(got).isEqualTo(expected);
      assertThat(raw).as("strings read as bytes").isEqualTo(2 * PLAIN.size() + 1);
    }
  }

  @Test
  void askingForTheTextAfterTheBytesStillDecodesIt() throws IOException {
    try (RawTextParser p = (RawTextParser) FACTORY.createParser(bytes("[\"ab\u00e9\",\"cd\",\"e\\\"f\",\"g\"]"))) {
      p.nextToken();
      p.nextToken();
      assertThat(p.rawStringEnd()).isPositive();
      assertThat(p.getText()).isEqualTo("ab\u00e9"); // decoded by Jackson, after the raw check
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
      assertThat(p.getText()).isEqualTo("cd"); // not skipped by the earlier string's known end
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
      assertThat(p.rawStringEnd()).isEqualTo(-1); // an escape
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
      assertThat(p.rawStringEnd()).isPositive();
      assertThat(p.nextToken()).isEqualTo(JsonToken.END_ARRAY);
      assertThat(p.nextToken()).isNull();
    }
  }

  @Test
  void aStringAcrossTwoReadsOfAStreamFallsBackToJackson() throws IOException {
    StringBuilder json = new StringBuilder("[");
    List<String> values = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 3_000; i++) {
      String v = "v" + i + "-" + "é返".repeat(random.nextInt(8));
      values.add(v);
      json.append(i == 0 ? "" : ",").append('"').append(v).append('"');
    }
    json.append(']');
    // reads of 7 bytes at most: many strings straddle the end of what the parser has
    InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes(json.toString()))) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 7));
      }
    };
    try (RawTextParser p = (RawTextParser) FACTORY.createParser(trickle)) {
      List<String> got = new ArrayList<>();
      int raw = 0;
      int fallback = 0;
      p.nextToken();
      for (JsonToken t = p.nextToken(); t == JsonToken.VALUE_STRING; t = p.nextToken()) {
        int end = p.rawStringEnd();
        if (end >= 0) {
          raw++;
          got.add(new String(p.rawBuffer(), p.rawStart(), end - p.rawStart(), StandardCharsets.UTF_8));
        } else {
          fallback++;
          got.add(p.getText());
        }
      }
      assertThat(got).isEqualTo(values);
      assertThat(raw).isPositive();
      assertThat(fallback).isPositive();
    }
  }

  @Test
  void maxStringLengthStillHolds() {
    TransmogOptions limited = TransmogOptions.builder().maxStringLength(100_000).includeTimestamp(false).build();
    // 120,000 bytes but 40,000 characters: within the limit, which counts characters
    String wide = "返".repeat(40_000);
    FlattenResult ok = Transmog.flatten(new ByteArrayInputStream(bytes("{\"s\":\"" + wide + "\"}\n")), limited);
    assertThat(ok.main().column("s")).containsExactly(wide);
    // over the limit in bytes: not read raw, so Jackson's decoder applies the limit as before (it checks a string's
    // length as its buffers fill, so far beyond the limit it is always caught)
    String longer = "{\"s\":\"" + "a".repeat(400_000) + "\"}\n";
    assertThatThrownBy(() -> Transmog.flatten(new ByteArrayInputStream(bytes(longer)), limited))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("maxStringLength");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed a0 80", "c0 80", "e0 80 80", "f4 90 80 80", "80", "c3 28"})
  void malformedUtf8InAStringIsStillRejected(String hex) {
    byte[] bad = hex(hex);
    byte[] line = concat(concat(bytes("{\"a\":\"x"), bad), bytes("y\"}\n"));
    assertThatThrownBy(() -> Transmog.flatten(new ByteArrayInputStream(line), TransmogOptions.defaults()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void controlCharacterInAStringIsStillRejected() {
    byte[] line = bytes("{\"a\":\"x\ty\"}\n");
    assertThatThrownBy(() -> Transmog.flatten(new ByteArrayInputStream(line), TransmogOptions.defaults()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("CTRL-CHAR");
  }

  @Test
  void bytesAndCharactersFlattenToTheSameTables() {
    // the same records read from bytes (raw string path) and from a String (Jackson's character parser)
    StringBuilder json = new StringBuilder();
    SplittableRandom random = new SplittableRandom(3);
    String[] pieces = {"a", "é", "返", "\uD83D\uDE00", "\\\"", "\\n", "\\u00e9", " ", ",", "–", "\\\\", "x"};
    for (int i = 0; i < 500; i++) {
      json.append("{\"id\":").append(i).append(",\"s\":\"");
      for (int k = random.nextInt(12); k > 0; k--) {
        json.append(pieces[random.nextInt(pieces.length)]);
      }
      json.append("\",\"tags\":[\"").append(pieces[random.nextInt(pieces.length)]).append("\",\"t\"],")
          .append("\"items\":[{\"name\":\"").append(pieces[random.nextInt(pieces.length)]).append("n\"}]}\n");
    }
    TransmogOptions opts = TransmogOptions.builder().includeTimestamp(false)
        .idStrategy(io.transmog.api.id.IdStrategy.deterministic()).build();
    FlattenResult fromBytes = Transmog.flatten(new ByteArrayInputStream(bytes(json.toString())), opts);
    FlattenResult fromChars = Transmog.flatten(json.toString(), opts);
    assertThat(fromBytes.tables()).hasSameSizeAs(fromChars.tables()).hasSize(2);
    for (int t = 0; t < fromChars.tables().size(); t++) {
      Table a = fromBytes.tables().get(t);
      Table b = fromChars.tables().get(t);
      assertThat(a.name()).isEqualTo(b.name());
      assertThat(a.rows()).isEqualTo(b.rows());
    }
  }

  @Test
  void tokenOffsetAndLineAreThoseOfJacksonsLocation() throws IOException {
    String doc = "{\"a\":1,\"b\":[true,null,\"x\u00e9\"]}\n  {\"c\" : {\"d\":-2.5e3}}\n\n[1,\n 2]\n\"s\"\n7\n";
    byte[] b = bytes(doc);
    for (int start : new int[] {0, 3}) {
      byte[] shifted = concat(new byte[start], b);
      try (RawTextParser p = (RawTextParser) FACTORY.createParser(shifted, start, b.length)) {
        int tokens = 0;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          tokens++;
          assertThat(p.tokenByteOffset()).as("%s #%d", t, tokens).isEqualTo(p.currentTokenLocation().getByteOffset());
          assertThat(p.tokenLine()).as("%s #%d", t, tokens).isEqualTo(p.currentTokenLocation().getLineNr());
        }
        assertThat(tokens).isEqualTo(23);
      }
    }
    // and through a stream, whose buffer is reloaded on the way
    InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes(doc.repeat(50)))) {
      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        return super.read(buf, off, Math.min(len, 5));
      }
    };
    try (RawTextParser p = (RawTextParser) FACTORY.createParser(trickle)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        assertThat(p.tokenByteOffset()).isEqualTo(p.currentTokenLocation().getByteOffset());
        assertThat(p.tokenLine()).isEqualTo(p.currentTokenLocation().getLineNr());
      }
    }
  }

  private static List<String> texts(JsonParser p) throws IOException {
    List<String> out = new ArrayList<>();
    try {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          out.add(p.currentName());
        } else if (t.isScalarValue()) {
          out.add(p.getText());
        }
      }
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static byte[] hex(String s) {
    String[] parts = s.split(" ");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      b[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return b;
  }
}
