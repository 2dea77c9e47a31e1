package io.transmog.example.kafka;

import io.transmog.api.OutputOptions;
import io.transmog.api.TransmogOptions;
import io.transmog.core.Flattener;
import io.transmog.core.StreamResult;
import io.transmog.core.Transmog;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Pushes messages into a {@link Flattener}, one Parquet output directory per window of {@code recordsPerWindow}
 * messages ({@code window-00000}, {@code window-00001}, …). A window's files appear only when it is finished, so its
 * offsets may be committed then; {@link #close()} discards an unfinished window, whose messages are delivered again
 * after a restart because they were never committed.
 *
 * <p>Used by one thread, the consumer's poll loop, as a {@code Flattener} must be.
 */
public final class WindowedParquetSink implements AutoCloseable {
  private final Path baseDir;
  private final TransmogOptions options;
  private final long recordsPerWindow;
  private Flattener current;
  private int window;
  private long inWindow;
  private long lastOffset = -1;

  /**
   * Creates the sink.
   *
   * @param baseDir where the window directories are created
   * @param options the flattening options, shared by every window
   * @param recordsPerWindow the messages per window
   */
  public WindowedParquetSink(Path baseDir, TransmogOptions options, long recordsPerWindow) {
    this.baseDir = baseDir;
    this.options = options;
    this.recordsPerWindow = recordsPerWindow;
  }

  /**
   * Adds one message; finishes the window when it is full.
   *
   * @param m the message
   * @return the published window, when this message completed one
   */
  public Optional<Window> accept(Message m) {
    if (current == null) {
      current = Transmog.flattener(baseDir.resolve(String.format("window-%05d", window)),
          OutputOptions.of("parquet"), options);
    }
    current.acceptJson(m.value()); // blocks briefly if the flattener's thread is behind
    lastOffset = m.offset();
    if (++inWindow >= recordsPerWindow) {
      return Optional.of(finishWindow());
    }
    return Optional.empty();
  }

  /**
   * Finishes the open window, if any (at the end of the input, or on a timer).
   *
   * @return the published window
   */
  public Optional<Window> flush() {
    return current == null ? Optional.empty() : Optional.of(finishWindow());
  }

  private Window finishWindow() {
    try (Flattener f = current) {
      current = null;
      StreamResult result = f.finish(); // publishes the files and the manifest of this window
      return new Window(window++, lastOffset + 1, result);
    } finally {
      inWindow = 0;
    }
  }

  /** Discards the open window, if any: nothing of it is published. */
  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /**
   * A published window.
   *
   * @param number the window's number
   * @param nextOffset the offset to commit: every message before it is in this or an earlier window
   * @param result what was written
   */
  public record Window(int number, long nextOffset, StreamResult result) {}
}
