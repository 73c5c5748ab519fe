package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.bench.BenchReport;
import io.lightcat.alerts.app.bench.Benchmark;
import io.lightcat.alerts.rule.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine bench}: throughput against the passthrough ceiling, detection latency and
 * memory per key (BENCHMARKS.md explains the method).
 */
@Command(
    name = "bench",
    description = {
      "Measures drain throughput (passthrough, full pack, one rule), detection latency and",
      "memory per key.",
      "Prints a table and writes it as JSON; see BENCHMARKS.md for the method."
    })
public final class BenchCommand implements Callable<Integer> {
  static final long DEFAULT_EVENTS = 2_000_000;
  static final long QUICK_EVENTS = 50_000;
  static final double QUICK_LATENCY_RATE = 2_000;
  static final List<Integer> DEFAULT_MEMORY_KEYS = List.of(1_000, 10_000, 100_000);
  static final List<Integer> QUICK_MEMORY_KEYS = List.of(100, 1_000);

  /**
   * One request per 10-second bucket: more than a 5-minute window's 30 buckets would let a client's
   * first requests leave the window before it is measured.
   */
  static final int MAX_EVENTS_PER_KEY = 30;

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description = "Use this cluster instead of an in-process broker.")
  String bootstrapServers;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Backlog size (default 2000000; 50000 with --quick).")
  Long events;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of the traffic model (default 42).")
  long seed;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "4",
      description = "Partitions per topic (default 4).")
  int partitions;

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      defaultValue = RuleDirectory.DEFAULT,
      description = "The LIGHTCAT pack; must hold high-error-rate.yaml (default ${DEFAULT-VALUE}).")
  Path rules;

  @Option(
      names = "--latency-rate",
      paramLabel = "N",
      description =
          "Background events/s during the latency phase (default: half the full pack's"
              + " exactly-once drain rate; 2000 with --quick).")
  Double latencyRate;

  @Option(
      names = "--latency-duration",
      paramLabel = "D",
      description =
          "How long to inject triggers; 0s skips the phase (default 120s; 10s with --quick).")
  String latencyDuration;

  @Option(
      names = "--trigger-interval",
      paramLabel = "D",
      defaultValue = "500ms",
      description = "One error burst every D, open loop (default 500ms).")
  String triggerInterval;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "target/bench",
      description = "Where the JSON results go (default target/bench).")
  Path out;

  @Option(
      names = "--memory-keys",
      paramLabel = "N[,N...]",
      split = ",",
      description =
          "Distinct client IPs of the memory phase (default 1000,10000,100000; 100,1000 with"
              + " --quick).")
  List<Integer> memoryKeys;

  @Option(
      names = "--memory-events-per-key",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Requests per client IP in the memory phase, one per 10-second bucket (default 5; at"
              + " most 30, the buckets of a 5-minute window).")
  int memoryEventsPerKey;

  @Option(names = "--skip-memory", description = "Leave out the memory phase.")
  boolean skipMemory;

  @Option(
      names = "--quick",
      description = "A small smoke run (50k events, 10 s latency phase) that checks the harness.")
  boolean quick;

  @Override
  public Integer call() throws InterruptedException, IOException {
    common.applyLogging();
    Benchmark.Settings settings = settings();
    OptionChecks.writableDir("--out", out);
    BenchReport report = new Benchmark(settings).run();
    Path file = out.resolve("bench-" + FILE_TIME.format(ZonedDateTime.now()) + ".json");
    report.writeJson(file);
    spec.commandLine().getOut().print(report.table());
    spec.commandLine().getOut().println("results written to " + file);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Checks the options; {@code --quick} changes only the defaults not given explicitly. */
  Benchmark.Settings settings() {
    long n = events != null ? events : quick ? QUICK_EVENTS : DEFAULT_EVENTS;
    if (n < 1) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for --events: " + n + " (must be >= 1)");
    }
    OptionChecks.positive(spec, "--partitions", partitions);
    double rate = latencyRate != null ? latencyRate : quick ? QUICK_LATENCY_RATE : 0;
    if (rate < 0 || Double.isNaN(rate)) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for --latency-rate: " + rate + " (must be > 0)");
    }
    Duration latency =
        duration(
            "--latency-duration",
            latencyDuration != null ? latencyDuration : quick ? "10s" : "120s");
    Duration interval = duration("--trigger-interval", triggerInterval);
    if (interval.isZero()) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for --trigger-interval: must be > 0");
    }
    OptionChecks.readableDir("--rules", rules);
    List<Integer> keys =
        skipMemory
            ? List.of()
            : memoryKeys != null ? memoryKeys : quick ? QUICK_MEMORY_KEYS : DEFAULT_MEMORY_KEYS;
    for (int k : keys) {
      OptionChecks.positive(spec, "--memory-keys", k);
    }
    if (memoryEventsPerKey < 1 || memoryEventsPerKey > MAX_EVENTS_PER_KEY) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid value for --memory-events-per-key: "
              + memoryEventsPerKey
              + " (must be 1 to "
              + MAX_EVENTS_PER_KEY
              + ")");
    }
    return new Benchmark.Settings(
        Optional.ofNullable(bootstrapServers).filter(s -> !s.isBlank()),
        n,
        seed,
        partitions,
        rules,
        rate,
        quick ? Duration.ofSeconds(3) : Duration.ofSeconds(15),
        latency,
        interval,
        quick ? Duration.ofMinutes(2) : Duration.ofMinutes(30),
        keys,
        memoryEventsPerKey,
        quick);
  }

  private Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for " + option + ": " + e.getMessage());
    }
  }
}
