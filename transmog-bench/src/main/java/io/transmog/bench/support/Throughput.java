package io.transmog.bench.support;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary result, normalised by time: {@code inputMB} gives the input JSON processed in MB/s (10^6 bytes). See
 * {@link WriteThroughput} for benchmarks that also write files.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class Throughput {
  /** Input JSON megabytes processed. */
  public double inputMB;

  /** Clears the counters before each iteration. */
  @Setup(Level.Iteration)
  public void reset() {
    inputMB = 0;
  }

  /**
   * Adds one invocation's input.
   *
   * @param bytes the input bytes
   */
  public void input(long bytes) {
    inputMB += bytes / 1e6;
  }
}
