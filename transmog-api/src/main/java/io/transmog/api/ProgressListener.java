package io.transmog.api;

/**
 * Receives progress while a run reads its input: called on the flattening thread after every chunk and at the end,
 * so it must return quickly. Exceptions it throws abort the run.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that does nothing. */
  ProgressListener NONE = p -> { };

  /**
   * Reports progress.
   *
   * @param progress the counts so far
   */
  void onProgress(Progress progress);

  /**
   * Counts at one moment of a run.
   *
   * @param records records read so far
   * @param bytesRead input bytes consumed so far (compressed bytes for a gzip file)
   * @param bytesTotal the input's total size, or -1 when not known (a stream)
   * @param elapsedNanos time since the run started
   * @param done whether this is the final report
   */
  record Progress(long records, long bytesRead, long bytesTotal, long elapsedNanos, boolean done) {
    /** @return the fraction done in [0, 1], or -1 when the total is not known */
    public double fraction() {
      return bytesTotal > 0 ? Math.min(1.0, (double) bytesRead / bytesTotal) : -1;
    }

    /** @return input megabytes (10^6 bytes) per second so far */
    public double megabytesPerSecond() {
      return elapsedNanos > 0 ? bytesRead / 1e6 / (elapsedNanos / 1e9) : 0;
    }
  }
}
