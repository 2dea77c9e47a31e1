package io.transmog.core.internal.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, with a trailing {@code \r} dropped) without decoding them, so that one
 * bad JSON Lines record cannot hide the records after it: each line is parsed on its own. The current line stays in
 * the buffer until the next call, so it can be kept as raw text for the rejects file. Not thread-safe.
 */
final class LineSource {
  private final InputStream in;
  private byte[] buf;
  private int limit;
  private int start;
  private int end;
  private int next;
  private long bufBase;
  private long lineNumber;
  private boolean eof;

  LineSource(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[bufferSize];
  }

  /** Moves to the next line; returns false at the end of input. */
  boolean next() throws IOException {
    start = next;
    if (start >= limit && eof) {
      return false;
    }
    int scan = start;
    while (true) {
      int nl = newline(buf, scan, limit);
      if (nl >= 0) {
        finish(nl, nl + 1);
        return true;
      }
      scan = limit;
      if (eof) {
        if (start >= limit) {
          return false;
        }
        finish(limit, limit); // a last line without a newline
        return true;
      }
      scan -= compact();
      fill();
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';

  /**
   * Returns the index of the first {@code \n} in {@code b[from, to)}, or -1. Eight bytes per step: a byte equal to
   * {@code \n} is a zero byte of {@code word ^ NEWLINES}, and {@code (x - ONES) & ~x & HIGHS} flags the lowest zero
   * byte exactly (bytes above it may be flagged falsely, but the lowest flag, the first in little-endian order, is
   * right). Why: finding line ends was a loop over every input byte, about 3 % of the time of a whole run.
   */
  static int newline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      long t = (x - ONES) & ~x & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void finish(int nl, int after) {
    end = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
    next = after;
    lineNumber++;
    if (lineNumber == 1 && end - start >= 3 && (buf[start] & 0xFF) == 0xEF && (buf[start + 1] & 0xFF) == 0xBB
        && (buf[start + 2] & 0xFF) == 0xBF) {
      start += 3; // a UTF-8 byte order mark is not part of the first record
    }
  }

  /** Moves the unread part to the front; returns how far it moved. */
  private int compact() {
    int shift = start;
    if (shift > 0) {
      System.arraycopy(buf, start, buf, 0, limit - start);
      limit -= shift;
      start = 0;
      next = Math.max(0, next - shift);
      bufBase += shift;
    }
    return shift;
  }

  private void fill() throws IOException {
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /**
   * Returns the first byte that is not JSON whitespace (or a BOM) without consuming it, or -1 at end of input.
   */
  int peekFirstSignificant() throws IOException {
    int i = next;
    while (true) {
      for (; i < limit; i++) {
        int b = buf[i] & 0xFF;
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != 0xEF && b != 0xBB && b != 0xBF) {
          return b;
        }
      }
      if (eof) {
        return -1;
      }
      i -= compact();
      fill();
    }
  }

  boolean isBlank() {
    for (int i = start; i < end; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  byte[] buffer() {
    return buf;
  }

  int start() {
    return start;
  }

  int length() {
    return end - start;
  }

  long lineNumber() {
    return lineNumber;
  }

  /** @return the byte offset of the current line in the input */
  long lineOffset() {
    return bufBase + start;
  }

  /** @return the input from the start of the current line on (to re-read it as one document) */
  InputStream fromLineStart() {
    return new SequenceInputStream(new ByteArrayInputStream(buf, start, limit - start), in);
  }

  /** @return the input not yet split into lines */
  InputStream rest() {
    return new SequenceInputStream(new ByteArrayInputStream(buf, next, limit - next), in);
  }
}
