package io.lightcat.alerts.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This host's CPU, memory, disk and network from {@code /proc} (Linux), as {@code host} events. CPU
 * and network are rates between two samples, so the first sample has neither.
 */
public final class HostMetrics {
  private final Path proc;
  private final Path disk;
  private final String host;
  private final Clock clock;
  private long[] lastCpu;
  private long[] lastNet;
  private long lastNanos;

  /**
   * @param proc the proc file system ({@code /proc}; a directory of fixtures in tests)
   * @param disk the file system whose free space is reported
   */
  public HostMetrics(Path proc, Path disk, String host, Clock clock) {
    this.proc = proc;
    this.disk = disk;
    this.host = host;
    this.clock = clock;
  }

  /** A {@code host} event, or empty when {@code /proc} cannot be read (not Linux). */
  public Optional<ProbeEvent> sample(long nanoTime) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", "host");
    f.put("ts", Instant.now(clock).toString());
    f.put("host", host);
    try {
      long[] cpu = cpu();
      long[] net = net();
      if (lastCpu != null) {
        long total = cpu[0] - lastCpu[0];
        long idle = cpu[1] - lastCpu[1];
        if (total > 0) {
          f.put("cpuPct", clamp(100.0 * (total - idle) / total));
        }
        double seconds = (nanoTime - lastNanos) / 1e9;
        if (seconds > 0) {
          f.put("netInBytesPerSec", Math.max(0, (net[0] - lastNet[0]) / seconds));
          f.put("netOutBytesPerSec", Math.max(0, (net[1] - lastNet[1]) / seconds));
        }
      }
      lastCpu = cpu;
      lastNet = net;
      lastNanos = nanoTime;
      f.put("memPct", clamp(memPct()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    long total = disk.toFile().getTotalSpace();
    if (total > 0) {
      f.put("diskFreePct", clamp(100.0 * disk.toFile().getUsableSpace() / total));
    }
    return Optional.of(new ProbeEvent(host, f));
  }

  /** Total and idle (idle + iowait) jiffies from the aggregate line of {@code /proc/stat}. */
  private long[] cpu() throws IOException {
    String line = Files.readAllLines(proc.resolve("stat")).get(0);
    String[] p = line.trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < p.length; i++) {
      total += Long.parseLong(p[i]);
    }
    long idle = Long.parseLong(p[4]) + (p.length > 5 ? Long.parseLong(p[5]) : 0);
    return new long[] {total, idle};
  }

  private double memPct() throws IOException {
    long total = 0;
    long available = 0;
    for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
      String[] p = line.trim().split("\\s+");
      if (p[0].equals("MemTotal:")) {
        total = Long.parseLong(p[1]);
      } else if (p[0].equals("MemAvailable:")) {
        available = Long.parseLong(p[1]);
      }
    }
    return total == 0 ? 0 : 100.0 * (total - available) / total;
  }

  /** Received and sent bytes over every interface but loopback. */
  private long[] net() throws IOException {
    long in = 0;
    long out = 0;
    List<String> lines = Files.readAllLines(proc.resolve("net/dev"));
    for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
      int colon = line.indexOf(':');
      if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
        continue;
      }
      String[] p = line.substring(colon + 1).trim().split("\\s+");
      in += Long.parseLong(p[0]);
      out += Long.parseLong(p[8]);
    }
    return new long[] {in, out};
  }

  private static double clamp(double pct) {
    return Math.max(0, Math.min(100, Math.round(pct * 10) / 10.0));
  }
}
