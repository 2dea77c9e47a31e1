package io.transmog.core.embedding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Inputs, file and thread helpers shared by the embedding tests. */
final class Embedding {
  private Embedding() {}

  /**
   * Orders as JSON Lines: nested objects, two levels of child arrays, arrays of scalars, nulls, decimals, big integers,
   * unicode and escapes, fields that appear late (schema growth) and a field whose type widens. Seeded: the same text
   * for the same arguments.
   */
  static String orders(int n, long seed) {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("{\"order_id\":\"O-").append(i).append('"')
          .append(",\"placed\":\"2026-0").append(1 + rnd.nextInt(9)).append("-1").append(rnd.nextInt(10))
          .append("T10:00:00Z\"")
          .append(",\"customer\":{\"name\":\"c").append(rnd.nextInt(50)).append(" \\u00e9\\u4e2d\\\"q\\\"\"")
          .append(",\"address\":{\"city\":").append(rnd.nextBoolean() ? "\"Lyon\"" : "null")
          .append(",\"zip\":").append(rnd.nextInt(99_999)).append("}}")
          .append(",\"total\":").append(rnd.nextInt(100_000)).append('.').append(rnd.nextInt(100))
          .append(",\"big\":").append(i % 17 == 0 ? "123456789012345678901234567890" : String.valueOf(i))
          .append(",\"code\":").append(i % 5 == 0 ? "\"X" + i + "\"" : String.valueOf(i)) // LONG widens to STRING
          .append(",\"tags\":[\"a\",\"b\"").append(i % 3 == 0 ? ",\"c\"" : "").append(']');
      if (i > n / 2) {
        sb.append(",\"late\":{\"flag\":").append(rnd.nextBoolean()).append('}');
      }
      sb.append(",\"items\":[");
      int items = rnd.nextInt(4);
      for (int j = 0; j < items; j++) {
        if (j > 0) {
          sb.append(',');
        }
        sb.append("{\"sku\":\"S").append(rnd.nextInt(1000)).append("\",\"qty\":").append(1 + rnd.nextInt(5))
            .append(",\"price\":").append(String.format(Locale.ROOT, "%.2f", rnd.nextDouble() * 100))
            .append(",\"discounts\":[");
        int d = rnd.nextInt(3);
        for (int k = 0; k < d; k++) {
          sb.append(k > 0 ? "," : "").append("{\"code\":\"D").append(k).append("\",\"pct\":")
              .append(rnd.nextInt(50)).append('}');
        }
        sb.append("]}");
      }
      sb.append("]}\n");
    }
    return sb.toString();
  }

  /** Heterogeneous records as one JSON document (a top-level array), with deep nesting and empty containers. */
  static String document(int n) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ",\n" : "");
      switch (i % 4) {
        case 0 -> sb.append("{\"kind\":\"user\",\"id\":").append(i).append(",\"profile\":{\"a\":{\"b\":{\"c\":{\"d\":")
            .append(i).append("}}}},\"roles\":[{\"name\":\"r").append(i).append("\"}]}");
        case 1 -> sb.append("{\"kind\":\"event\",\"id\":").append(i).append(",\"payload\":{},\"list\":[],\"n\":null}");
        case 2 -> sb.append("{\"kind\":\"metric\",\"id\":").append(i).append(",\"value\":").append(i * 0.5)
            .append(",\"samples\":[[1,2],[3]],\"points\":[{\"x\":1,\"y\":[{\"z\":true}]}]}");
        default -> sb.append("{\"kind\":\"note\",\"id\":\"n").append(i).append("\",\"text\":\"line\\nbreak\\ttab\"}");
      }
    }
    return sb.append("\n]\n").toString();
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names in a directory, sorted; empty if it does not exist. */
  static List<String> names(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The live threads whose name starts with {@code transmog-}. */
  static List<Thread> transmogThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("transmog-") && t.isAlive())
        .collect(Collectors.toList());
  }

  /** The live {@code transmog-} threads that were not in {@code before}, by name and state. */
  static List<String> newTransmogThreads(Set<Thread> before) {
    return transmogThreads().stream().filter(t -> !before.contains(t))
        .map(t -> t.getName() + " (" + t.getState() + ")").collect(Collectors.toList());
  }

  /** Waits up to {@code millis} for the {@code transmog-} threads not in {@code before} to end. */
  static List<String> awaitNoNewTransmogThreads(Set<Thread> before, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    List<String> left = newTransmogThreads(before);
    while (!left.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(10);
      left = newTransmogThreads(before);
    }
    return left;
  }
}
