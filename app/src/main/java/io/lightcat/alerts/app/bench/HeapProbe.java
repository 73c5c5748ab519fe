package io.lightcat.alerts.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads this process's memory: the heap in use after a full collection, settled, and the resident
 * set size.
 *
 * <p>"Settled": {@link System#gc()} is repeated until two readings in a row differ by less than
 * {@link #STABLE_BYTES} (at most {@link #MAX_COLLECTIONS} times), so finalisation, reference
 * processing and the running application's own allocations between collections do not skew the
 * figure. The running stream threads still allocate a little between the collection and the
 * reading; that noise is well below a megabyte.
 */
final class HeapProbe {
  static final long STABLE_BYTES = 512 * 1024;
  static final int MAX_COLLECTIONS = 10;

  /**
   * One reading.
   *
   * @param heapUsedBytes heap in use after the settled collection
   * @param heapCommittedBytes heap the JVM holds from the OS
   * @param heapMaxBytes the heap limit ({@code -Xmx})
   * @param rssBytes the process's resident set ({@code VmRSS}), or -1 where {@code /proc} has none
   * @param collections how many collections it took to settle
   */
  record Reading(
      long heapUsedBytes,
      long heapCommittedBytes,
      long heapMaxBytes,
      long rssBytes,
      int collections) {}

  private HeapProbe() {}

  /** Collects until the used heap is stable, then reads heap and RSS. */
  static Reading read() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long previous = memory.getHeapMemoryUsage().getUsed();
    int collections = 1;
    while (collections < MAX_COLLECTIONS) {
      System.gc();
      collections++;
      long used = memory.getHeapMemoryUsage().getUsed();
      boolean stable = Math.abs(used - previous) < STABLE_BYTES;
      previous = used;
      if (stable) {
        break;
      }
    }
    MemoryUsage heap = memory.getHeapMemoryUsage();
    return new Reading(
        previous, heap.getCommitted(), heap.getMax(), rssBytes().orElse(-1L), collections);
  }

  /** {@code VmRSS} of {@code /proc/self/status}, in bytes. */
  static Optional<Long> rssBytes() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .findFirst()
          .map(HeapProbe::kibibytes);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code "VmRSS:\t 123456 kB"} → bytes. */
  static long kibibytes(String statusLine) {
    String[] parts = statusLine.trim().split("\\s+");
    if (parts.length < 3 || !parts[2].toLowerCase(Locale.ROOT).equals("kb")) {
      throw new IllegalArgumentException("not a kB line of /proc/self/status: " + statusLine);
    }
    return Long.parseLong(parts[1]) * 1024;
  }
}
