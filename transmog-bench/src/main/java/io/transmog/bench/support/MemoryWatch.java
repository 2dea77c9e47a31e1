package io.transmog.bench.support;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures the peak memory of this JVM: heap in use (from every GC's before/after snapshot, plus a final sample) and
 * the process's peak resident set ({@code VmHWM} in {@code /proc/self/status}, Linux only).
 *
 * <p>Heap "in use" just before a collection is the high-water mark of the Java heap including garbage not yet
 * collected, so it grows with the young generation the collector chose; heap "live" is the most the heap still held
 * just after a collection, the retained data. Thread-safe.
 */
public final class MemoryWatch {
  private final Set<String> heapPools = new HashSet<>();
  private volatile long peakBeforeGc;
  private volatile long peakAfterGc;

  private MemoryWatch() {}

  /**
   * Starts watching every collector of this JVM.
   *
   * @return the watch
   */
  public static MemoryWatch start() {
    MemoryWatch w = new MemoryWatch();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        w.heapPools.add(p.getName());
        p.resetPeakUsage();
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            w.record(info.getGcInfo().getMemoryUsageBeforeGc(), info.getGcInfo().getMemoryUsageAfterGc());
          }
        }, null, null);
      }
    }
    return w;
  }

  private synchronized void record(Map<String, MemoryUsage> before, Map<String, MemoryUsage> after) {
    peakBeforeGc = Math.max(peakBeforeGc, heapUsed(before));
    peakAfterGc = Math.max(peakAfterGc, heapUsed(after));
  }

  private long heapUsed(Map<String, MemoryUsage> usage) {
    long sum = 0;
    for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        sum += e.getValue().getUsed();
      }
    }
    return sum;
  }

  /** @return the most heap in use at any observed moment (before any GC, or now), in bytes */
  public long peakHeapUsed() {
    long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return Math.max(peakBeforeGc, now);
  }

  /** @return the most heap still in use right after a GC (the retained data), in bytes; 0 if no GC ran */
  public long peakHeapLive() {
    return peakAfterGc;
  }

  /** @return the sum of each heap pool's own peak (an upper bound: pools peak at different moments), in bytes */
  public static long sumOfPoolPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** @return the maximum heap size (-Xmx), in bytes */
  public static long maxHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
  }

  /** @return total collections and total collection milliseconds so far */
  public static long[] gcCountAndMillis() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  /**
   * Reads a {@code kB} field of {@code /proc/self/status}, such as {@code VmHWM} (peak resident set) or {@code VmRSS}.
   *
   * @param field the field name
   * @return bytes, or -1 where not available
   */
  public static long procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          String v = line.substring(field.length() + 1).trim();
          int sp = v.indexOf(' ');
          return Long.parseLong(sp < 0 ? v : v.substring(0, sp)) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** @return the CPU time of this whole process (all threads, native ones included) in nanoseconds, or -1 */
  public static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }

  /** @return the 1-minute load average, or -1 */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
