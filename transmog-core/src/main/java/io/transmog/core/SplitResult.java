package io.transmog.core;

/**
 * What one call of {@link Transmog#flattenSplit} or {@link Transmog#flattenJson} read. Immutable.
 *
 * @param records the records flattened (handed over in chunks)
 * @param rejected the bad records left out (SKIP and WARN modes; in STRICT mode the first one is thrown)
 * @param bytesRead the input bytes read (for a file split, including the end of the line that straddles its end);
 *     0 for JSON texts given as strings
 */
public record SplitResult(long records, long rejected, long bytesRead) {
  /** Checks the counts. */
  public SplitResult {
    if (records < 0 || rejected < 0 || bytesRead < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
