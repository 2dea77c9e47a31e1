package io.transmog.bench.support;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results, normalised by time, for benchmarks that write files: {@code inputMB} is the input JSON the
 * written rows came from in MB/s (10^6 bytes), {@code outputMB} the bytes written in MB/s.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class WriteThroughput {
  /** Input JSON megabytes processed. */
  public double inputMB;
  /** Output megabytes written. */
  public double outputMB;

  /** Clears the counters before each iteration. */
  @Setup(Level.Iteration)
  public void reset() {
    inputMB = 0;
    outputMB = 0;
  }

  /**
   * Adds one invocation's input and output.
   *
   * @param in the input bytes
   * @param out the output bytes
   */
  public void add(long in, long out) {
    inputMB += in / 1e6;
    outputMB += out / 1e6;
  }
}
