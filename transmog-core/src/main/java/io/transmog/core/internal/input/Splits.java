package io.transmog.core.internal.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte ranges of a JSON Lines file that start and end on line boundaries, so that several readers can each take one
 * range and together read every line exactly once (the rule Hadoop's line reader uses: a line belongs to the range its
 * first byte is in).
 */
public final class Splits {
  private static final int SCAN = 64 * 1024;

  private Splits() {}

  /** One range of a file, from a line's first byte to the byte after a line's newline. */
  public record Range(long start, long end) {}

  /**
   * Plans how a streaming run reads a file: one range per thread for a plain JSON Lines file of at least two minimum
   * splits when {@code parallelism > 1}, else one range (the whole file, read as usual). JSON Lines means the input
   * format says so, or the name ends in {@code .jsonl}/{@code .ndjson}, or (format AUTO) the first line holds one
   * complete JSON object. Any doubt, or an unreadable file, gives one range: the ordinary reader then decides and reports.
   *
   * @param file the file
   * @param options the options (parallelism, input format)
   * @param minBytes the smallest split worth a thread
   * @return the ranges; one range means "do not split"
   */
  public static List<Range> plan(Path file, io.transmog.api.TransmogOptions options, long minBytes) {
    List<Range> whole = List.of(new Range(0, Long.MAX_VALUE));
    if (options.parallelism() <= 1 || options.inputFormat() == io.transmog.api.InputFormat.JSON) {
      return whole;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 2 * minBytes) {
        return whole;
      }
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
      while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
        // fill the head of the file
      }
      byte[] h = head.array();
      int len = head.position();
      if (len >= 2 && (h[0] & 0xFF) == 0x1f && (h[1] & 0xFF) == 0x8b) {
        return whole; // gzip cannot be entered in the middle
      }
      String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      boolean jsonl = options.inputFormat() == io.transmog.api.InputFormat.JSONL || name.endsWith(".jsonl")
          || name.endsWith(".ndjson") || firstLineIsOneObject(h, len);
      return jsonl ? cut(file, options.parallelism(), minBytes) : whole;
    } catch (IOException | RuntimeException e) {
      return whole;
    }
  }

  private static boolean firstLineIsOneObject(byte[] h, int len) throws IOException {
    int start = 0;
    if (len >= 3 && (h[0] & 0xFF) == 0xEF && (h[1] & 0xFF) == 0xBB && (h[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    while (start < len && (h[start] == ' ' || h[start] == '\t' || h[start] == '\r' || h[start] == '\n')) {
      start++;
    }
    if (start >= len || h[start] != '{') {
      return false;
    }
    int nl = start;
    while (nl < len && h[nl] != '\n') {
      nl++;
    }
    if (nl >= len) {
      return false; // no whole first line in the first megabyte
    }
    try (com.fasterxml.jackson.core.JsonParser p = Parsers.FACTORY.createParser(h, start, nl - start)) {
      p.nextToken();
      p.skipChildren();
      return p.nextToken() == null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Cuts a file into about {@code count} ranges of similar size, each on line boundaries.
   *
   * @param file the file
   * @param count the number of ranges wanted (fewer come back for a small file)
   * @param minBytes the smallest range worth a reader of its own
   * @return the ranges in file order, covering the whole file
   * @throws IOException if the file cannot be read
   */
  public static List<Range> cut(Path file, int count, long minBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      int n = (int) Math.max(1, Math.min(count, size / Math.max(1, minBytes)));
      List<Range> ranges = new ArrayList<>(n);
      long from = 0;
      for (int i = 1; i <= n && from < size; i++) {
        long to = i == n ? size : lineBoundary(ch, Math.max(from, size / n * i), size);
        if (to > from) {
          ranges.add(new Range(from, to));
        }
        from = to;
      }
      if (ranges.isEmpty()) {
        ranges.add(new Range(0, size));
      }
      return ranges;
    }
  }

  /**
   * Returns the first line start at or after {@code pos}: {@code pos} itself when it is 0 or follows a newline, else
   * the byte after the next newline, or the file size when none follows.
   *
   * @param ch the file
   * @param pos a position, at most the file size
   * @param size the file size
   * @return the line start
   * @throws IOException if the file cannot be read
   */
  static long lineBoundary(FileChannel ch, long pos, long size) throws IOException {
    if (pos <= 0) {
      return 0;
    }
    if (pos >= size) {
      return size;
    }
    ByteBuffer b = ByteBuffer.allocate(SCAN);
    long at = pos - 1;
    while (at < size) {
      b.clear();
      int n = ch.read(b, at);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) == '\n') {
          return at + i + 1;
        }
      }
      at += n;
    }
    return size;
  }

  /**
   * Counts the newlines before {@code end}, giving the 0-based line number of the line starting there.
   *
   * @param file the file
   * @param end where to stop
   * @return the count, or -1 if the file cannot be read again
   */
  static long countLines(Path file, long end) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(1 << 20);
      byte[] a = b.array();
      long lines = 0;
      long at = 0;
      while (at < end) {
        b.clear();
        b.limit((int) Math.min(b.capacity(), end - at));
        int n = ch.read(b, at);
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (a[i] == '\n') {
            lines++;
          }
        }
        at += n;
      }
      return lines;
    } catch (IOException e) {
      return -1; // the error being reported still names the offset
    }
  }

  /** A stream over bytes {@code [from, to)} of a channel, read with positional reads (the channel is not moved). */
  static InputStream rangeStream(FileChannel ch, long from, long to) {
    return new InputStream() {
      private long pos = from;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        if (pos >= to) {
          return -1;
        }
        int n = ch.read(ByteBuffer.wrap(buf, off, (int) Math.min(len, to - pos)), pos);
        if (n > 0) {
          pos += n;
        }
        return n;
      }

      @Override
      public long skip(long n) {
        long k = Math.max(0, Math.min(n, to - pos));
        pos += k;
        return k;
      }
    };
  }
}
