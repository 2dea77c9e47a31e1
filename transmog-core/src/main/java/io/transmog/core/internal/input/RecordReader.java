package io.transmog.core.internal.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.transmog.api.InputFormat;
import io.transmog.api.InputLocation;
import io.transmog.api.MalformedInputException;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Splits input into records and positions a streaming parser on each one in turn.
 *
 * <p>After {@link #next()} returns {@code true}, {@link #parser()} is on the first token of a record; the caller reads
 * exactly that value (leaving the parser on its last token) before calling {@code next()} again. Nothing is ever
 * read into a tree. Not thread-safe; closes only what it opened.
 */
public final class RecordReader implements AutoCloseable {
  private enum State { START, ARRAY, VALUES, DONE }

  private final String source;
  private final InputFormat format;
  private final AutoCloseable owned;
  private final Iterator<?> objects;
  private final ObjectJson objectJson;
  private final boolean stringsAreJson;
  private JsonParser parser;
  private State state = State.START;
  private long record;
  private Counting counting;

  private RecordReader(String source, InputFormat format, JsonParser parser, AutoCloseable owned,
      Iterator<?> objects) {
    this(source, format, parser, owned, objects, false);
  }

  private RecordReader(String source, InputFormat format, JsonParser parser, AutoCloseable owned,
      Iterator<?> objects, boolean stringsAreJson) {
    this.stringsAreJson = stringsAreJson;
    this.source = source;
    this.format = format;
    this.parser = parser;
    this.owned = owned;
    this.objects = objects;
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
    } catch (NoSuchFileException e) {
      throw new TransmogException("input file not found: " + name, e);
    } catch (IOException e) {
      throw new TransmogException("cannot read input file " + name + ": " + e.getMessage(), e);
    }
    try {
      Counting counted = new Counting(raw);
      InputStream in = decompress(counted, name, options);
      JsonParser p = Parsers.FACTORY.createParser(in);
      // close the decompressor (it holds native memory) and then the file; Counting itself never closes
      InputStream rawFile = raw;
      AutoCloseable owned = () -> {
        closeQuietly(in);
        rawFile.close();
      };
      RecordReader r = new RecordReader(name, resolve(options.inputFormat(), name), p, owned, null);
      r.counting = counted;
      return r;
    } catch (IOException e) {
      closeQuietly(raw);
      throw new TransmogException("cannot read input file " + name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
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
      InputStream s = decompress(counted, source, options);
      // owning the decompressing stream ends its Inflater; Counting keeps the caller's stream open
      RecordReader r = new RecordReader(source, options.inputFormat(), Parsers.FACTORY.createParser(s), s, null);
      r.counting = counted;
      return r;
    } catch (IOException e) {
      throw new TransmogException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a caller's reader; it is not closed.
   *
   * @param in the reader
   * @param source a name for messages
   * @param options the options
   * @return the reader
   */
  public static RecordReader ofReader(Reader in, String source, TransmogOptions options) {
    try {
      return new RecordReader(source, options.inputFormat(), Parsers.FACTORY.createParser(in), null, null);
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
    try {
      return new RecordReader("<string>", options.inputFormat(), Parsers.FACTORY.createParser(json), null, null);
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
    return new RecordReader(source, InputFormat.JSONL, null, null, records.iterator(), false);
  }

  /**
   * Reads records from an iterator: maps and other Java values, or, when {@code stringsAreJson}, strings holding the
   * JSON text of one record each.
   *
   * @param records the records
   * @param source a name for messages
   * @param stringsAreJson whether a {@code String} element is JSON text rather than a string value
   * @return the reader
   */
  public static RecordReader ofIterator(Iterator<?> records, String source, boolean stringsAreJson) {
    return new RecordReader(source, InputFormat.JSONL, null, null, records, stringsAreJson);
  }

  /** @return the parser, positioned on the current record's first token */
  public JsonParser parser() {
    return parser;
  }

  /** @return the 1-based number of the current record */
  public long recordNumber() {
    return record;
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

  /** @return the input's name for messages */
  public String source() {
    return source;
  }

  /**
   * Moves to the next record.
   *
   * @return whether there is one
   * @throws MalformedInputException if the input is not valid JSON or not a sequence of records
   */
  public boolean next() {
    try {
      return objects != null ? nextObject() : nextParsed();
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw readError(e);
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
      parser = Parsers.FACTORY.createParser((String) value);
      if (parser.nextToken() == null) {
        throw malformed("record " + record + " is an empty string, not JSON", null);
      }
      return true;
    }
    byte[] json = objectJson.toJson(value, source, record);
    parser = Parsers.FACTORY.createParser(json);
    parser.nextToken();
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
        return true;
      }
      case ARRAY:
        return nextArrayElement();
      case VALUES: {
        // the last token's own line: after a top-level number the parser has already read the newline behind it
        int endLine = parser.currentTokenLocation().getLineNr();
        JsonToken t = parser.nextToken();
        if (t == null) {
          state = State.DONE;
          return false;
        }
        record++;
        if (format == InputFormat.JSON) {
          throw malformed("more than one top-level JSON value; use input format JSONL for JSON Lines", null);
        }
        if (format == InputFormat.AUTO && parser.currentTokenLocation().getLineNr() <= endLine) {
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
    return true;
  }

  /**
   * Builds the error for a parser failure, with the best location known.
   *
   * @param e the parser's exception
   * @return the exception to throw
   */
  public MalformedInputException malformed(JsonProcessingException e) {
    String reason = e.getOriginalMessage();
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

  private static InputStream decompress(InputStream in, String name, TransmogOptions options) throws IOException {
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
}
