package io.transmog.spark.internal;

import io.transmog.api.InputFormat;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One Spark partition of file input: a byte range of a JSON Lines file (read with {@code Transmog.flattenSplit}), or
 * a whole file that cannot be split (a JSON document, gzip-compressed input: read with {@code Transmog.flatten}).
 * Immutable.
 */
public final class InputPart implements Serializable {
  private static final long serialVersionUID = 1L;

  final String file;
  final long start;
  final long end;
  /** Whether the part is a whole, unsplittable file. */
  final boolean whole;

  InputPart(String file, long start, long end, boolean whole) {
    this.file = file;
    this.start = start;
    this.end = end;
    this.whole = whole;
  }

  /** @return the file, as an absolute path */
  public String file() {
    return file;
  }

  /** @return the file as a path on this machine */
  Path path() {
    return Path.of(file);
  }

  /** @return the part for error messages: the file, and its byte range when split */
  public String describe() {
    return whole ? file : file + " bytes [" + start + ", " + end + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /**
   * Plans the partitions of some input paths: each file in the order given (a directory's files by name, skipping
   * names starting with {@code _} or {@code .} as Spark does), a JSON Lines file cut into ranges of a size chosen from
   * the total size of the splittable files, anything else whole.
   *
   * @param paths files or directories, as local paths or {@code file:} URIs
   * @param format the input format option
   * @param splitSizeForTotal the bytes per range, given the bytes of all splittable files
   * @return the parts, in input order
   * @throws TransmogConfigurationException for a path that is not on a file system this JVM can open
   * @throws TransmogException if a path does not exist or cannot be read
   */
  public static List<InputPart> plan(List<String> paths, InputFormat format,
      java.util.function.LongUnaryOperator splitSizeForTotal) {
    if (paths.isEmpty()) {
      throw new TransmogConfigurationException("no input paths given");
    }
    List<InputPart> whole = new ArrayList<>();
    long total = 0;
    for (String p : paths) {
      for (Path file : files(toPath(p))) {
        String name = file.toString();
        long size;
        boolean gzip;
        try {
          size = Files.size(file);
          gzip = isGzip(file);
        } catch (IOException e) {
          throw new TransmogException("cannot read input file " + name + ": " + e.getMessage(), e);
        }
        boolean split = !gzip && splittable(file, format);
        whole.add(new InputPart(name, 0, size, !split));
        total += split ? size : 0;
      }
    }
    if (whole.isEmpty()) {
      throw new TransmogException("input not found: no files in " + paths);
    }
    long splitSize = Math.max(1, splitSizeForTotal.applyAsLong(total));
    List<InputPart> parts = new ArrayList<>();
    for (InputPart f : whole) {
      if (f.whole || f.end == 0) {
        parts.add(f);
        continue;
      }
      for (long from = 0; from < f.end; from += splitSize) {
        parts.add(new InputPart(f.file, from, Math.min(f.end, from + splitSize), false));
      }
    }
    return parts;
  }

  /** JSON Lines by option, or by extension under AUTO (as the core decides: {@code .jsonl}, {@code .ndjson}). */
  static boolean splittable(Path file, InputFormat format) {
    if (format == InputFormat.JSONL) {
      return true;
    }
    if (format == InputFormat.JSON) {
      return false;
    }
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jsonl") || n.endsWith(".ndjson");
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  static Path toPath(String p) {
    int colon = p.indexOf(':');
    // a scheme is at least two letters, so a Windows drive (C:\) is not one
    if (colon > 1 && p.substring(0, colon).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '+'
        || ch == '-' || ch == '.')) {
      String scheme = p.substring(0, colon).toLowerCase(Locale.ROOT);
      if (!scheme.equals("file")) {
        throw new TransmogConfigurationException("input path " + p + ": transmog-spark reads files through"
            + " java.nio on every executor, so they must be on a file system each node mounts (local, NFS, a"
            + " FUSE mount); " + scheme + ": paths are not supported. Read them with Spark instead"
            + " (spark.read().textFile(...)) and flatten the Dataset<String>");
      }
      return Path.of(URI.create(p));
    }
    return Path.of(p).toAbsolutePath().normalize();
  }

  private static List<Path> files(Path p) {
    if (Files.isRegularFile(p)) {
      return List.of(p);
    }
    if (!Files.isDirectory(p)) {
      throw new TransmogException("input not found: " + p);
    }
    try (Stream<Path> s = Files.list(p)) {
      List<Path> files = new ArrayList<>();
      s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("_") && !f.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new TransmogException("cannot list input directory " + p + ": " + e.getMessage(), e);
    }
  }
}
