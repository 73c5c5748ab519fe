package io.lightcat.alerts.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What one {@code bench} run measured: the drains with the load average each ran under, the ratios
 * to the passthrough, and the detection latency.
 *
 * @param latency the detection-latency phase, or {@code null} when it was skipped
 * @param ratios each engine drain's rate to the passthrough's — the figures that carry across
 *     machines
 * @param memory the memory phase, one entry per rule and key count; empty when it was skipped
 */
public record BenchReport(
    String startedAt,
    boolean quick,
    long events,
    long seed,
    int partitions,
    MachineInfo machine,
    List<Drain> drains,
    Ratios ratios,
    LatencyProbe.Result latency,
    List<MemoryPhase.Result> memory,
    String loadAverageAtEnd) {

  /** One drain and the 1/5/15-minute load average when it started. */
  public record Drain(DrainRun.Result result, String loadAverage) {}

  /** Each engine drain's rate divided by the passthrough's (exactly-once). */
  public record Ratios(
      double fullPackEos,
      double singleRuleEos,
      double singleRuleAlos,
      double singleRuleNoStatsEos,
      double singleRuleNoStatsAlos) {}

  static final String PASSTHROUGH = "passthrough";
  static final String FULL_PACK = "engine, full LIGHTCAT pack";
  static final String SINGLE_RULE = "engine, high-error-rate only";
  static final String SINGLE_RULE_NO_STATS = "engine, high-error-rate, no stats";

  static Ratios ratios(List<Drain> drains) {
    double ceiling = rate(drains, PASSTHROUGH, "exactly_once_v2");
    return new Ratios(
        rate(drains, FULL_PACK, "exactly_once_v2") / ceiling,
        rate(drains, SINGLE_RULE, "exactly_once_v2") / ceiling,
        rate(drains, SINGLE_RULE, "at_least_once") / ceiling,
        rate(drains, SINGLE_RULE_NO_STATS, "exactly_once_v2") / ceiling,
        rate(drains, SINGLE_RULE_NO_STATS, "at_least_once") / ceiling);
  }

  private static double rate(List<Drain> drains, String name, String guarantee) {
    return drains.stream()
        .map(Drain::result)
        .filter(r -> r.name().equals(name) && r.guarantee().equals(guarantee))
        .mapToDouble(DrainRun.Result::eventsPerSecond)
        .findFirst()
        .orElse(Double.NaN);
  }

  /** The results as a plain-text table. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "machine: %d cores, %.1f GiB, %s, %s; load average at start %s, at end %s%n",
            machine.cores(),
            machine.memoryBytes() / (double) (1L << 30),
            machine.java(),
            machine.os(),
            machine.loadAverageAtStart(),
            loadAverageAtEnd));
    t.append(
        String.format(
            Locale.ROOT,
            "backlog: %,d events, seed %d, %d partitions per topic%s%n%n",
            events,
            seed,
            partitions,
            quick ? " (--quick: figures are smoke-test only)" : ""));
    t.append(
        String.format(
            Locale.ROOT,
            "%-34s %-16s %12s %9s  %s%n",
            "drain",
            "guarantee",
            "events/s",
            "seconds",
            "load (1/5/15 min)"));
    for (Drain d : drains) {
      DrainRun.Result r = d.result();
      t.append(
          String.format(
              Locale.ROOT,
              "%-34s %-16s %,12.0f %9.2f  %s%n",
              r.name(),
              r.guarantee(),
              r.eventsPerSecond(),
              r.seconds(),
              d.loadAverage()));
    }
    t.append(
        String.format(
            Locale.ROOT,
            "%nratios to passthrough: full pack (b)/(a) %.2f, high-error-rate (c)/(a) %.2f,"
                + " at-least-once %.2f; without stats (d)/(a) %.2f, at-least-once %.2f%n",
            ratios.fullPackEos(),
            ratios.singleRuleEos(),
            ratios.singleRuleAlos(),
            ratios.singleRuleNoStatsEos(),
            ratios.singleRuleNoStatsAlos()));
    if (latency != null) {
      LatencyProbe.Result l = latency;
      t.append(
          String.format(
              Locale.ROOT,
              "%ndetection latency (high-error-rate, full pack, exactly-once) at %,.0f events/s"
                  + " background: %d triggers, %d detected, %d missed%n"
                  + "  scheduled send -> alert append: p50 %d ms, p99 %d ms, max %d ms%n"
                  + "  trigger append -> alert append: p50 %d ms, p99 %d ms, max %d ms%n",
              l.backgroundRate(),
              l.triggers(),
              l.detected(),
              l.missed(),
              l.fromScheduled().p50(),
              l.fromScheduled().p99(),
              l.fromScheduled().max(),
              l.fromAppend().p50(),
              l.fromAppend().p99(),
              l.fromAppend().max()));
    }
    if (!memory.isEmpty()) {
      appendMemory(t);
    }
    return t.toString();
  }

  private void appendMemory(StringBuilder t) {
    MemoryPhase.Result first = memory.get(0);
    t.append(
        String.format(
            Locale.ROOT,
            "%nmemory per key (client IP; %d requests each; heap limit %.1f GiB; RSS is the whole"
                + " process)%n",
            first.keys() == 0 ? 0 : first.events() / first.keys(),
            first.heapMaxBytes() / (double) (1L << 30)));
    t.append(
        String.format(
            Locale.ROOT,
            "%-24s %8s %9s %12s %12s %11s %11s %9s%n",
            "rule",
            "keys",
            "states",
            "heap B/key",
            "state B/key",
            "heap MiB",
            "base MiB",
            "RSS MiB"));
    for (MemoryPhase.Result m : memory) {
      t.append(
          String.format(
              Locale.ROOT,
              "%-24s %,8d %,9d %,12.0f %,12.0f %,11.1f %,11.1f %,9.0f%n",
              m.rule(),
              m.keys(),
              m.stateEntries(),
              m.heapBytesPerKey(),
              m.stateBytesPerKey(),
              m.heapUsedBytes() / (double) (1L << 20),
              m.baselineHeapUsedBytes() / (double) (1L << 20),
              m.rssBytes() / (double) (1L << 20)));
    }
  }

  /** Writes the report as pretty JSON to {@code file}, creating its directory. */
  public void writeJson(Path file) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      json.writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
