package io.transmog.core.internal.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.transmog.api.ErrorMode;
import io.transmog.api.InputFormat;
import io.transmog.api.InputLocation;
import io.transmog.api.MalformedInputException;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Splits input into records and positions a streaming parser on each one in turn.
 *
 * <p>After {@link #next()} returns {@code true}, {@link #parser()} is on the first token of a record; the caller reads
 * exactly that value (leaving the parser on its last token), calls {@link #endRecord()}, and then {@code next()}
 * again. Nothing is ever read into a tree.
 *
 * <p>Two ways of reading bytes: one parser over the whole input (the fast path, used in STRICT mode and for JSON
 * documents), or, for JSON Lines when bad records are skipped, one parser per line, so that a broken line is rejected
 * with its raw text and reading goes on at the next line. Not thread-safe; closes only what it opened.
 */
public final class RecordReader implements AutoCloseable {
  private enum State { START, ARRAY, VALUES, LINES, DONE }

  private final String source;
  private final InputFormat format;
  private final JsonFactory factory;
  private final AutoCloseable owned;
  private final Iterator<?> objects;
  private final ObjectJson objectJson;
  private final boolean stringsAreJson;
  private InputStream bytes;
  private LineSource lines;
  private JsonParser parser;
  private State state = State.START;
  private long record;
  private long recordOffset = -1;
  private Counting counting;
  private byte[] objectBytes;
  private boolean broken;
  // a split of a file: offsets and line numbers the parser reports are relative to the split's first byte
  private long offsetBase;
  private java.util.function.LongSupplier lineBase;
  private long lineBaseValue = Long.MIN_VALUE;

  private RecordReader(String source, InputFormat format, JsonFactory factory, JsonParser parser,
      AutoCloseable owned, Iterator<?> objects, boolean stringsAreJson) {
    this.source = source;
    this.format = format;
    this.factory = factory;
    this.parser = parser;
    this.owned = owned;
    this.objects = objects;
    this.stringsAreJson = stringsAreJson;
    this.objectJson = objects == null ? null : new ObjectJson();
  }

  /**
   * Opens a file (gzip detected by its magic bytes; {@code .jsonl}/{@code .ndjson}, also before {@code .gz}, mean JSON
   * Lines under {@link InputFormat#AUTO}).
   *
   * @param file the file
   * @param options the options
   * @return the reader
   * @throws TransmogException if the file does not exist or cannot be read
   */
  public static RecordReader ofFile(Path file, TransmogOptions options) {
    String name = file.toString();
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (IOException e) {
      throw openFailed(name, e);
    }
    try {
      Counting counted = new Counting(raw);
      InputStream in = decompress(counted, options);
      InputStream rawFile = raw;
      // close the decompressor (it holds native memory) and then the file; Counting itself never closes
      AutoCloseable owned = () -> {
        closeQuietly(in);
        rawFile.close();
      };
      return ofBytes(in, name, resolve(options.inputFormat(), name), options, owned, counted);
    } catch (IOException e) {
      closeQuietly(raw);
      throw new TransmogException("cannot read input file " + name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  /**
   * Opens the JSON Lines records of a plain (not compressed) file that start inside bytes {@code [start, end)}: the
   * line that straddles {@code start} belongs to the split before, the one that straddles {@code end} is read to its
   * end, so splits that share their bounds read every line exactly once. Offsets (and so location-based IDs) and error
   * locations are those of the whole file; a line number is counted from the file's start only when an error needs it.
   *
   * @param file the file
   * @param start the first byte of the split
   * @param end the byte after the split ({@code Long.MAX_VALUE} for the end of the file)
   * @param options the options
   * @return the reader
   * @throws TransmogException if the file cannot be read or is compressed
   */
  public static RecordReader ofFileRange(Path file, long start, long end, TransmogOptions options) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("a split needs 0 <= start <= end, not [" + start + ", " + end + ")");
    }
    String name = file.toString();
    java.nio.channels.FileChannel ch;
    try {
      ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ);
    } catch (IOException e) {
      throw openFailed(name, e);
    }
    try {
      long size = ch.size();
      if (size >= 2 && isGzip(ch)) {
        throw new TransmogException("cannot split " + name + ": it is gzip-compressed, and a compressed stream can"
            + " only be read from its start; read it whole (Transmog.flattenStream) or decompress it first");
      }
      long from = Splits.lineBoundary(ch, Math.min(start, size), size);
      long to = Splits.lineBoundary(ch, Math.min(end, size), size);
      InputStream in = new BufferedInputStream(Splits.rangeStream(ch, from, Math.max(from, to)),
          options.lowMemory() ? 8 * 1024 : 64 * 1024);
      Counting counted = new Counting(in);
      AutoCloseable owned = ch::close;
      RecordReader r = ofBytes(counted, name, InputFormat.JSONL, options, owned, counted);
      r.offsetBase = from;
      r.lineBase = () -> Splits.countLines(file, from);
      return r;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new TransmogException("cannot read input file " + name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static TransmogException openFailed(String name, IOException e) {
    return e instanceof NoSuchFileException ? new TransmogException("input file not found: " + name, e)
        : new TransmogException("cannot read input file " + name + ": " + e.getMessage(), e);
  }

  private static boolean isGzip(java.nio.channels.FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(2);
    while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
      // a short read is retried until the two magic bytes are in
    }
    return b.position() == 2 && (b.get(0) & 0xFF) == 0x1f && (b.get(1) & 0xFF) == 0x8b;
  }

  /**
   * Reads a caller's stream (gzip detected by magic bytes); the stream is not closed.
   *
   * @param in the stream
   * @param source a name for messages
   * @param options the options
   * @return the reader
   */
  public static RecordReader ofStream(InputStream in, String source, TransmogOptions options) {
    try {
      Counting counted = new Counting(in);
      InputStream s = decompress(counted, options);
      // owning the decompressing stream ends its Inflater; Counting keeps the caller's stream open
      return ofBytes(s, source, options.inputFormat(), options, s, counted);
    } catch (IOException e) {
      throw new TransmogException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private static RecordReader ofBytes(InputStream in, String source, InputFormat format, TransmogOptions options,
      AutoCloseable owned, Counting counted) throws IOException {
    JsonFactory f = Parsers.factory(options);
    RecordReader r;
    if (options.onError() != ErrorMode.STRICT && format != InputFormat.JSON) {
      r = new RecordReader(source, format, f, null, owned, null, false);
      r.bytes = in; // line or document mode is decided on the first record
    } else {
      r = new RecordReader(source, format, f, f.createParser(in), owned, null, false);
    }
    r.counting = counted;
    return r;
  }

  /**
   * Reads a caller's reader; it is not closed. (A reader is always parsed as one stream: after a bad record in SKIP
   * mode, reading stops there.)
   *
   * @param in the reader
   * @param source a name for messages
   * @param options the options
   * @return the reader
   */
  public static RecordReader ofReader(Reader in, String source, TransmogOptions options) {
    try {
      JsonFactory f = Parsers.factory(options);
      return new RecordReader(source, options.inputFormat(), f, f.createParser(in), null, null, false);
    } catch (IOException e) {
      throw new TransmogException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads JSON text.
   *
   * @param json the text
   * @param options the options
   * @return the reader
   */
  public static RecordReader ofString(String json, TransmogOptions options) {
    if (options.onError() != ErrorMode.STRICT) {
      // as bytes, so that JSON Lines records are read line by line and a bad line is skipped
      return ofStream(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "<string>", options);
    }
    try {
      JsonFactory f = Parsers.factory(options);
      return new RecordReader("<string>", options.inputFormat(), f, f.createParser(json), null, null, false);
    } catch (IOException e) {
      throw new TransmogException("cannot read <string>: " + e.getMessage(), e);
    }
  }

  /**
   * Reads Java objects, one record each (maps, lists, arrays, strings, numbers, booleans, null).
   *
   * @param records the records
   * @param source a name for messages
   * @param options the options
   * @return the reader
   */
  public static RecordReader ofObjects(Iterable<?> records, String source, TransmogOptions options) {
    return new RecordReader(source, InputFormat.JSONL, Parsers.factory(options), null, null, records.iterator(),
        false);
  }

  /**
   * Reads records from an iterator: maps and other Java values, or, when {@code stringsAreJson}, strings holding the
   * JSON text of one record each.
   *
   * @param records the records
   * @param source a name for messages
   * @param stringsAreJson whether a {@code String} element is JSON text rather than a string value
   * @param options the options
   * @return the reader
   */
  public static RecordReader ofIterator(Iterator<?> records, String source, boolean stringsAreJson,
      TransmogOptions options) {
    return new RecordReader(source, InputFormat.JSONL, Parsers.factory(options), null, null, records,
        stringsAreJson);
  }

  /**
   * Makes record numbers count on from a given number (for a part of a larger input).
   *
   * @param recordsBefore the number of records before this input's first one
   * @return this reader
   */
  public RecordReader recordsBefore(long recordsBefore) {
    if (record != 0) {
      throw new IllegalStateException("records were already read");
    }
    record = recordsBefore;
    return this;
  }

  /** @return the parser, positioned on the current record's first token */
  public JsonParser parser() {
    return parser;
  }

  /** @return the 1-based number of the current record */
  public long recordNumber() {
    return record;
  }

  /** @return the byte (or character) offset of the current record's first token, or -1 for object input */
  public long recordOffset() {
    return recordOffset;
  }

  /** @return the input's name for messages */
  public String source() {
    return source;
  }

  /**
   * Returns how much input has been consumed: raw (possibly compressed) bytes for files and streams, characters for
   * text, and 0 for Java objects.
   *
   * @return the count
   */
  public long bytesRead() {
    if (counting != null) {
      return counting.count;
    }
    if (parser != null && objects == null) {
      JsonLocation loc = parser.currentLocation();
      return Math.max(0, loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset());
    }
    return 0;
  }

  /**
   * Moves to the next record.
   *
   * @return whether there is one
   * @throws MalformedInputException if the input is not valid JSON or not a sequence of records
   */
  public boolean next() {
    try {
      if (objects != null) {
        return nextObject();
      }
      if (state == State.START && bytes != null) {
        chooseByteMode();
      }
      return state == State.LINES ? nextLine() : nextParsed();
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw readError(e);
    }
  }

  /**
   * Checks what follows the record just read: in line mode nothing but whitespace may follow on its line.
   *
   * @throws MalformedInputException if the record's line holds more
   */
  public void endRecord() {
    if (state != State.LINES) {
      return;
    }
    try {
      if (parser.nextToken() != null) {
        throw malformed("unexpected content after the record on this line (JSON Lines needs one value per line)",
            null);
      }
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw readError(e);
    }
  }

  /**
   * After a bad record, tells whether reading can go on: yes for JSON Lines read line by line and for object input;
   * no inside a JSON document, where the parser cannot find the next record after a syntax error.
   *
   * @return whether {@link #next()} may be called again
   */
  public boolean recover() {
    if (objects != null || state == State.LINES) {
      return true;
    }
    broken = true;
    state = State.DONE;
    return false;
  }

  /**
   * Returns the current record's raw text, for the rejects file: the line's text (JSON Lines read line by line), the
   * JSON text of an object record, or empty inside a JSON document (its raw text is not kept).
   *
   * @return the text, or Base64 prefixed with {@code base64:} when the bytes are not valid UTF-8
   */
  public Optional<String> rawRecord() {
    if (state == State.LINES && lines != null) {
      return Optional.of(text(lines.buffer(), lines.start(), lines.length()));
    }
    if (objectBytes != null) {
      return Optional.of(text(objectBytes, 0, objectBytes.length));
    }
    return Optional.empty();
  }

  private static String text(byte[] b, int off, int len) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len)).toString();
    } catch (CharacterCodingException e) {
      byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
      return "base64:" + Base64.getEncoder().encodeToString(copy);
    }
  }

  private void chooseByteMode() throws IOException {
    lines = new LineSource(bytes, 64 * 1024);
    int first = lines.peekFirstSignificant();
    if (first == '[' && format != InputFormat.JSONL) {
      parser = factory.createParser(lines.rest());
      lines = null;
      return; // a JSON array document: one parser, STATE.START handles it
    }
    state = State.LINES;
  }

  private boolean nextLine() throws IOException {
    while (lines.next()) {
      if (lines.isBlank()) {
        continue;
      }
      record++;
      if (parser != null) {
        parser.close();
      }
      parser = factory.createParser(lines.buffer(), lines.start(), lines.length());
      recordOffset = offsetBase + lines.lineOffset();
      try {
        if (parser.nextToken() == null) {
          continue;
        }
      } catch (JsonProcessingException e) {
        throw malformed(e);
      }
      if (record == 1 && format == InputFormat.AUTO && !completeOnItsLine()) {
        // a pretty-printed document, not JSON Lines: read it as one document after all
        parser = factory.createParser(lines.fromLineStart());
        lines = null;
        state = State.START;
        record = 0;
        return nextParsed();
      }
      return true;
    }
    state = State.DONE;
    return false;
  }

  /** Tells, by a throw-away parse of the first line, whether its value ends on that line. */
  private boolean completeOnItsLine() throws IOException {
    try (JsonParser probe = factory.createParser(lines.buffer(), lines.start(), lines.length())) {
      probe.nextToken();
      probe.skipChildren();
      return true;
    } catch (JsonProcessingException e) {
      return !String.valueOf(e.getOriginalMessage()).contains("end-of-input");
    }
  }

  private boolean nextObject() throws IOException {
    if (!objects.hasNext()) {
      state = State.DONE;
      return false;
    }
    record++;
    Object value = objects.next();
    if (parser != null) {
      parser.close();
    }
    if (stringsAreJson && value instanceof String) {
      objectBytes = ((String) value).getBytes(StandardCharsets.UTF_8);
    } else {
      objectBytes = objectJson.toJson(value, source, record);
    }
    parser = factory.createParser(objectBytes);
    if (parser.nextToken() == null) {
      throw malformed("record " + record + " is an empty string, not JSON", null);
    }
    return true;
  }

  private boolean nextParsed() throws IOException {
    switch (state) {
      case START: {
        JsonToken t = parser.nextToken();
        if (t == null) {
          state = State.DONE;
          if (format == InputFormat.JSONL) {
            return false;
          }
          throw malformed("the input holds no JSON value (it is empty or only whitespace)", null);
        }
        if (t == JsonToken.START_ARRAY && format != InputFormat.JSONL) {
          state = State.ARRAY;
          return nextArrayElement();
        }
        state = State.VALUES;
        record++;
        markOffset();
        return true;
      }
      case ARRAY:
        return nextArrayElement();
      case VALUES: {
        // the last token's own line: after a top-level number the parser has already read the newline behind it
        int endLine = tokenLine();
        JsonToken t = parser.nextToken();
        if (t == null) {
          state = State.DONE;
          return false;
        }
        record++;
        markOffset();
        if (format == InputFormat.JSON) {
          throw malformed("more than one top-level JSON value; use input format JSONL for JSON Lines", null);
        }
        if (format == InputFormat.AUTO && tokenLine() <= endLine) {
          throw malformed("unexpected content after a complete JSON value (JSON Lines needs one value per line)",
              null);
        }
        return true;
      }
      default:
        return false;
    }
  }

  private boolean nextArrayElement() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == JsonToken.END_ARRAY) {
      state = State.DONE;
      if (parser.nextToken() != null) {
        throw malformed("unexpected content after the top-level array", null);
      }
      return false;
    }
    if (t == null) {
      throw malformed("unexpected end of input inside the top-level array", null);
    }
    record++;
    markOffset();
    return true;
  }

  private void markOffset() {
    if (parser instanceof RawTextParser) {
      recordOffset = offsetBase + ((RawTextParser) parser).tokenByteOffset(); // no JsonLocation per record
      return;
    }
    JsonLocation loc = parser.currentTokenLocation();
    recordOffset = offsetBase + (loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset());
  }

  private int tokenLine() {
    return parser instanceof RawTextParser ? ((RawTextParser) parser).tokenLine()
        : parser.currentTokenLocation().getLineNr();
  }

  /**
   * Builds the error for a parser failure, with the best location known.
   *
   * @param e the parser's exception
   * @return the exception to throw
   */
  public MalformedInputException malformed(JsonProcessingException e) {
    String reason = e instanceof StreamConstraintsException ? Parsers.limitReason((StreamConstraintsException) e)
        : e.getOriginalMessage();
    return new MalformedInputException(location(e.getLocation()), reason == null ? e.toString() : reason, e);
  }

  /**
   * Builds an error at the parser's current location.
   *
   * @param reason what is wrong
   * @param cause the cause, may be null
   * @return the exception to throw
   */
  public MalformedInputException malformed(String reason, Throwable cause) {
    return new MalformedInputException(location(parser == null ? null : parser.currentLocation()), reason, cause);
  }

  /**
   * Builds the error for a failed read.
   *
   * @param e the I/O error
   * @return the exception to throw
   */
  public TransmogException readError(IOException e) {
    return new TransmogException("cannot read " + source + " (record " + record + "): " + e, e);
  }

  /** @return the parser's current location, with record number and JSON path */
  public InputLocation currentLocation() {
    return location(parser == null ? null : parser.currentLocation());
  }

  private InputLocation location(JsonLocation loc) {
    if (loc == null && parser != null) {
      loc = parser.currentLocation();
    }
    long line = -1;
    long column = -1;
    long offset = -1;
    if (loc != null) {
      line = loc.getLineNr();
      column = loc.getColumnNr();
      offset = loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset();
    }
    if (state == State.LINES && lines != null) {
      // a per-line parser counts from the start of its line
      line = lines.lineNumber();
      offset = offset >= 0 ? lines.lineOffset() + offset : lines.lineOffset();
    }
    if (lineBase != null) {
      offset = offset >= 0 ? offset + offsetBase : offsetBase;
      if (line >= 0) {
        if (lineBaseValue == Long.MIN_VALUE) {
          lineBaseValue = lineBase.getAsLong();
        }
        line = lineBaseValue >= 0 ? line + lineBaseValue : -1;
      }
    }
    String path = "";
    if (parser != null) {
      try {
        path = parser.getParsingContext().pathAsPointer().toString();
      } catch (RuntimeException ignored) {
        // the path is a convenience; a parser in a broken state must not hide the real error
      }
    }
    return new InputLocation(source, line, column, offset, record > 0 ? record : -1, path);
  }

  /** @return whether reading stopped early after a bad record inside a JSON document */
  public boolean stoppedEarly() {
    return broken;
  }

  @Override
  public void close() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // closing a parser only releases buffers
      }
    }
    if (owned != null) {
      closeQuietly(owned);
    }
  }

  private static InputFormat resolve(InputFormat requested, String name) {
    if (requested != InputFormat.AUTO) {
      return requested;
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    return n.endsWith(".jsonl") || n.endsWith(".ndjson") ? InputFormat.JSONL : InputFormat.AUTO;
  }

  private static InputStream decompress(InputStream in, TransmogOptions options) throws IOException {
    int size = options.lowMemory() ? 8 * 1024 : 64 * 1024;
    BufferedInputStream b = new BufferedInputStream(in, size);
    b.mark(2);
    int b0 = b.read();
    int b1 = b.read();
    b.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(b, size);
    }
    return b;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // already failing or done; the first error is the one that matters
    }
  }

  /** Counts bytes as the decompressor or parser pulls them, for progress reporting. */
  private static final class Counting extends java.io.FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      count += k;
      return k;
    }

    @Override
    public void close() {
      // the caller's stream stays open; a file stream is closed by the reader through its own handle
    }
  }
}
