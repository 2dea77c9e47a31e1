package io.transmog.cli;

import io.transmog.api.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error: percentage, records, MB/s and ETA when the input size is known, else
 * records and MB/s. Redrawn at most five times a second. Shown only on a terminal and without {@code --quiet}, so
 * logs and pipes stay clean.
 */
final class ProgressBar implements ProgressListener {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private long lastDraw;
  private int lastLength;

  private ProgressBar(PrintWriter err) {
    this.err = err;
  }

  /** Returns a bar when standard error is a terminal and not quiet, else null. */
  static ProgressBar forTerminal(PrintWriter err, boolean quiet) {
    return !quiet && System.console() != null ? new ProgressBar(err) : null;
  }

  @Override
  public void onProgress(Progress p) {
    long now = System.nanoTime();
    if (!p.done() && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    String line = render(p);
    err.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
  }

  static String render(Progress p) {
    double mbs = p.megabytesPerSecond();
    double f = p.fraction();
    if (f < 0) {
      return String.format(Locale.ROOT, "%,d records  %.1f MB/s", p.records(), mbs);
    }
    int filled = (int) Math.round(f * WIDTH);
    String eta = "";
    if (f > 0 && f < 1) {
      long seconds = Math.round(p.elapsedNanos() / 1e9 * (1 - f) / f);
      eta = String.format(Locale.ROOT, "  ETA %d:%02d", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d records  %.1f MB/s%s", "#".repeat(filled),
        " ".repeat(WIDTH - filled), f * 100, p.records(), mbs, eta);
  }

  /** Erases the bar before the summary or an error message is printed. */
  void clear() {
    if (lastLength > 0) {
      err.print('\r' + " ".repeat(lastLength) + '\r');
      err.flush();
      lastLength = 0;
    }
  }
}
