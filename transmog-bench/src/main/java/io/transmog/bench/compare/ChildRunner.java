package io.transmog.bench.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link Child} task in a fresh JVM (the same {@code java} and class path as this one, an explicit
 * {@code -Xmx}), echoes its output, and collects its {@code RESULT} lines. When {@code /usr/bin/time} exists the child
 * runs under {@code time -v}, whose "Maximum resident set size" cross-checks the child's own {@code VmHWM}.
 */
final class ChildRunner {
  private static final Path TIME = Path.of("/usr/bin/time");

  private ChildRunner() {}

  /**
   * One child's measurements.
   *
   * @param label what ran
   * @param xmx the -Xmx given
   * @param values the RESULT values by key
   * @param processSeconds wall time of the whole child process, JVM start-up included
   * @param timeMaxRss "Maximum resident set size" from {@code time -v} in bytes, or -1
   */
  record Result(String label, String xmx, Map<String, String> values, double processSeconds, long timeMaxRss) {
    long asLong(String key) {
      String v = values.get(key);
      return v == null ? -1 : Long.parseLong(v);
    }

    double seconds() {
      return Double.parseDouble(values.get("seconds"));
    }

    /** @return CPU seconds of the child process (all threads) during the measured work */
    double cpuSeconds() {
      return Double.parseDouble(values.get("cpuSeconds"));
    }

    /** @return rows per table ({@code rows.<table>} keys) */
    Map<String, Long> rows() {
      Map<String, Long> rows = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (e.getKey().startsWith("rows.") && !e.getKey().equals("rows.tokens")) {
          rows.put(e.getKey().substring(5), Long.parseLong(e.getValue()));
        }
      }
      return rows;
    }

    /** @return the peak RSS: the child's VmHWM, or time's figure if larger (it also covers the JVM's exit) */
    long peakRss() {
      return Math.max(asLong("vmHwm"), timeMaxRss);
    }
  }

  static Result run(String label, String xmx, List<String> jvmArgs, List<String> childArgs) {
    List<String> cmd = new ArrayList<>();
    boolean timed = Files.isExecutable(TIME);
    if (timed) {
      cmd.add(TIME.toString());
      cmd.add("-v");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + xmx);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Child.class.getName());
    cmd.addAll(childArgs);
    System.out.println("== " + label + " (-Xmx" + xmx + ")");
    System.out.println("   " + String.join(" ", cmd.subList(timed ? 2 : 0, cmd.size())).replace(
        System.getProperty("java.class.path"), "<class path>"));
    Map<String, String> values = new LinkedHashMap<>();
    long[] maxRss = {-1};
    long start = System.nanoTime();
    try {
      Process p = new ProcessBuilder(cmd).start();
      Thread err = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
            StandardCharsets.UTF_8))) {
          boolean inTime = false;
          String line;
          while ((line = r.readLine()) != null) {
            if (line.startsWith("\tCommand being timed:")) {
              inTime = true;
            }
            if (inTime) {
              if (line.contains("Maximum resident set size (kbytes):")) {
                maxRss[0] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim()) * 1024;
              }
              continue;
            }
            System.err.println("   ! " + line);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      err.start();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("RESULT ")) {
            int sp = line.indexOf(' ', 7);
            values.put(line.substring(7, sp), line.substring(sp + 1));
          } else {
            System.out.println("   | " + line);
          }
        }
      }
      int code = p.waitFor();
      err.join();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (code != 0 || !values.containsKey("seconds")) {
        throw new IllegalStateException(label + ": the child JVM failed (exit code " + code + ")");
      }
      return new Result(label, xmx, values, seconds, maxRss[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
