package io.transmog.core.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.transmog.api.ErrorMode;
import io.transmog.api.MalformedInputException;
import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogConfigurationException;
import io.transmog.api.TransmogException;
import io.transmog.api.TransmogOptions;
import io.transmog.api.WriterException;
import io.transmog.api.id.IdStrategy;
import io.transmog.api.spi.FormatOptions;
import io.transmog.core.FlattenResult;
import io.transmog.core.Flattener;
import io.transmog.core.Transmog;
import io.transmog.core.WriterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource hygiene: 1,000 flatten calls, in memory ({@code Transmog.flatten(Path)}, {@code FlattenResult.save}) and
 * streaming ({@code Transmog.flattenStream}, {@code Flattener}), more than half of them failing in every way an
 * application meets (malformed input, a missing file, an output directory that cannot be created or is not empty, an
 * unknown format, a writer that throws mid-way), leave no file descriptor, no thread and no file behind.
 *
 * <p>File descriptors are counted in {@code /proc/self/fd} (Linux); elsewhere the count is skipped and the rest is
 * still checked. Every scenario runs twice before the first count, so that jars opened by class loading on first use
 * are not mistaken for leaks.
 */
class LeakTest {
  private static final int CALLS = 1_000;
  private static final int FD_SLACK = 3;
  private static final Path PROC_FD = Path.of("/proc/self/fd");

  private static final TransmogOptions SERIAL = TransmogOptions.builder().name("orders")
      .idStrategy(IdStrategy.deterministic()).includeTimestamp(false).chunkSize(16).parallelism(1).build();
  /** With parallelism 2 every streaming run also starts (and must stop) a transmog-writer thread. */
  private static final TransmogOptions PARALLEL = SERIAL.toBuilder().parallelism(2).build();
  private static final TransmogOptions SKIP = PARALLEL.toBuilder().onError(ErrorMode.SKIP).build();

  @TempDir Path tmp;

  private Path good;
  private Path goodGzip;
  private Path truncatedGzip;
  private Path malformed;
  private Path badLines;
  private Path missing;
  private Path aFile;
  private FlattenResult result;
  private final List<ScriptedWriterProvider> providers = new ArrayList<>();
  private int call;

  /** One kind of call, and what it must end with ({@code null}: success). */
  private record Scenario(String name, Class<? extends Throwable> expected, Call call) {}

  private interface Call {
    void run(Path out) throws Exception;
  }

  @BeforeEach
  void inputs() throws IOException {
    String orders = Embedding.orders(60, 7);
    good = Embedding.write(tmp.resolve("in/orders.jsonl"), orders);
    goodGzip = tmp.resolve("in/orders.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(goodGzip))) {
      out.write(orders.getBytes(StandardCharsets.UTF_8));
    }
    byte[] gz = Files.readAllBytes(goodGzip);
    truncatedGzip = tmp.resolve("in/truncated.jsonl.gz");
    Files.write(truncatedGzip, java.util.Arrays.copyOf(gz, gz.length / 2));
    // valid for 40 records, then a record cut in the middle: fails after chunks were written
    String[] lines = orders.split("\n");
    malformed = Embedding.write(tmp.resolve("in/malformed.jsonl"),
        String.join("\n", java.util.Arrays.copyOf(lines, 40)) + "\n{\"order_id\": \"X\", \"items\": [\n");
    badLines = Embedding.write(tmp.resolve("in/bad-lines.jsonl"),
        orders.replace("\"order_id\":\"O-13\"", "\"order_id\":O-13").replace("\"order_id\":\"O-31\"", "{{{"));
    missing = tmp.resolve("in/no-such-file.jsonl");
    aFile = Embedding.write(tmp.resolve("in/a-regular-file"), "not a directory");
    result = Transmog.flatten(good, SERIAL);
  }

  private WriterRegistry failingAt(int write) {
    ScriptedWriterProvider p = ScriptedWriterProvider.failingAtWrite(write);
    providers.add(p);
    return WriterRegistry.builder().register(p).build();
  }

  private List<Scenario> scenarios() {
    List<Scenario> s = new ArrayList<>();
    // in memory
    s.add(new Scenario("flatten(Path)", null, out -> Transmog.flatten(good, SERIAL)));
    s.add(new Scenario("flatten(Path) gzip", null, out -> Transmog.flatten(goodGzip, SERIAL)));
    s.add(new Scenario("flatten(Path) malformed", MalformedInputException.class,
        out -> Transmog.flatten(malformed, SERIAL)));
    s.add(new Scenario("flatten(Path) truncated gzip", TransmogException.class,
        out -> Transmog.flatten(truncatedGzip, SERIAL)));
    s.add(new Scenario("flatten(Path) missing file", TransmogException.class,
        out -> Transmog.flatten(missing, SERIAL)));
    s.add(new Scenario("flatten(Path) SKIP bad lines", null, out -> Transmog.flatten(badLines, SKIP)));
    s.add(new Scenario("save, writer throws mid-way", WriterException.class,
        out -> result.save(out, "boom", FormatOptions.empty(), failingAt(2))));
    // streaming
    s.add(new Scenario("flattenStream", null,
        out -> Transmog.flattenStream(good, out, OutputOptions.of("jsonl"), PARALLEL)));
    s.add(new Scenario("flattenStream parallelism 1", null,
        out -> Transmog.flattenStream(goodGzip, out, OutputOptions.of("jsonl"), SERIAL)));
    s.add(new Scenario("flattenStream SKIP bad lines", null,
        out -> Transmog.flattenStream(badLines, out, OutputOptions.of("jsonl"), SKIP)));
    s.add(new Scenario("flattenStream malformed", MalformedInputException.class,
        out -> Transmog.flattenStream(malformed, out, OutputOptions.of("jsonl"), PARALLEL)));
    s.add(new Scenario("flattenStream truncated gzip", TransmogException.class,
        out -> Transmog.flattenStream(truncatedGzip, out, OutputOptions.of("jsonl"), PARALLEL)));
    s.add(new Scenario("flattenStream missing file", TransmogException.class,
        out -> Transmog.flattenStream(missing, out, OutputOptions.of("jsonl"), PARALLEL)));
    s.add(new Scenario("flattenStream output dir cannot be created", WriterException.class,
        out -> Transmog.flattenStream(good, aFile.resolve("out"), OutputOptions.of("jsonl"), PARALLEL)));
    s.add(new Scenario("flattenStream output dir not empty", WriterException.class, out -> {
      Embedding.write(out.resolve("keep.txt"), "earlier output");
      Transmog.flattenStream(good, out, OutputOptions.of("jsonl"), PARALLEL);
    }));
    s.add(new Scenario("flattenStream unknown format", TransmogConfigurationException.class,
        out -> Transmog.flattenStream(good, out, OutputOptions.of("no-such-format"), PARALLEL)));
    s.add(new Scenario("flattenStream writer throws mid-way, parallelism 2", WriterException.class,
        out -> Transmog.flattenStream(good, out, OutputOptions.of("boom"), PARALLEL, failingAt(3))));
    s.add(new Scenario("flattenStream writer throws mid-way, parallelism 1", WriterException.class,
        out -> Transmog.flattenStream(good, out, OutputOptions.of("boom"), SERIAL, failingAt(3))));
    s.add(new Scenario("flattener", null, out -> {
      try (Flattener f = Transmog.flattener(out, OutputOptions.of("jsonl"), PARALLEL)) {
        Files.readAllLines(good).forEach(f::acceptJson);
        f.finish();
      }
    }));
    s.add(new Scenario("flattener closed without finish", null, out -> {
      try (Flattener f = Transmog.flattener(out, OutputOptions.of("jsonl"), PARALLEL)) {
        Files.readAllLines(good).forEach(f::acceptJson);
      }
      assertThat(Embedding.names(out)).as("closed without finish: nothing published").isEmpty();
    }));
    s.add(new Scenario("flattener writer throws mid-way", WriterException.class, out -> {
      try (Flattener f = Transmog.flattener(out, OutputOptions.of("boom"), SERIAL, failingAt(3))) {
        Files.readAllLines(good).forEach(f::acceptJson);
        f.finish();
      }
    }));
    return s;
  }

  @Test
  void thousandCallsLeakNoFileDescriptorThreadOrFile() throws Exception {
    List<Scenario> scenarios = scenarios();
    Set<Thread> threadsBefore = new HashSet<>(Embedding.transmogThreads());
    for (int warm = 0; warm < 2; warm++) {
      for (Scenario s : scenarios) {
        run(s);
      }
    }
    boolean proc = Files.isDirectory(PROC_FD);
    int before = proc ? openFileDescriptors() : -1;

    Map<String, Integer> failures = new LinkedHashMap<>();
    for (int i = 0; i < CALLS; i++) {
      Scenario s = scenarios.get(i % scenarios.size());
      if (s.expected() != null) {
        failures.merge(s.name(), 1, Integer::sum);
      }
      run(s);
    }

    int after = proc ? openFileDescriptors() : -1;
    assertThat(failures.values().stream().mapToInt(Integer::intValue).sum()).as("failing calls")
        .isGreaterThan(CALLS / 2);
    assertThat(Embedding.newTransmogThreads(threadsBefore)).as("transmog threads left alive").isEmpty();
    assertThat(providers).as("scripted writers").isNotEmpty()
        .allSatisfy(p -> assertThat(p.balanced()).as("every writer opened was closed or aborted exactly once: opened "
            + p.opened + ", closed " + p.closed + ", aborted " + p.aborted).isTrue());
    Assumptions.assumeTrue(proc, "no /proc/self/fd: file descriptors not counted on this platform");
    assertThat(after - before).as("open file descriptors before: " + before + ", after " + CALLS + " calls: " + after)
        .isLessThanOrEqualTo(FD_SLACK);
  }

  @Test
  void countingFileDescriptorsSeesALeak() throws IOException {
    // the counter itself: a stream left open is one more descriptor
    Assumptions.assumeTrue(Files.isDirectory(PROC_FD), "no /proc/self/fd");
    int before = openFileDescriptors();
    try (var in = Files.newInputStream(good)) {
      assertThat(in.read()).isPositive();
      assertThat(openFileDescriptors()).isEqualTo(before + 1);
    }
    assertThat(openFileDescriptors()).isEqualTo(before);
  }

  /** Runs one call into a fresh directory, checks its outcome and that nothing is left but published files. */
  private void run(Scenario s) throws IOException {
    Path out = tmp.resolve("out").resolve(Integer.toString(call++));
    Throwable thrown = null;
    try {
      s.call().run(out);
    } catch (Throwable t) {
      thrown = t;
    }
    if (s.expected() == null) {
      if (thrown != null) {
        fail(s.name() + " failed", thrown);
      }
    } else {
      assertThat(thrown).as(s.name()).isInstanceOf(s.expected());
    }
    List<String> left = Embedding.names(out);
    assertThat(left).as(s.name() + ": no staging directory or temporary file left").noneMatch(n -> n.startsWith("."));
    if (thrown != null) {
      assertThat(left).as(s.name() + ": a failed call publishes nothing").isSubsetOf("keep.txt");
    }
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    Embedding.deleteTree(out);
  }

  private static int openFileDescriptors() {
    try (Stream<Path> fds = Files.list(PROC_FD)) {
      return (int) fds.count(); // includes the descriptor of this listing, every time
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
