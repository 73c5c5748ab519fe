package io.lightcat.alerts.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.cli.AlertEngineCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Keeps the benchmark harness from rotting: {@code bench --quick} must run every phase and write a
 * parseable report. It asserts that each phase measured something, never how fast.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BenchQuickIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void quickRunMeasuresEveryPhaseAndWritesTheReport(@TempDir Path out) throws Exception {
    // given
    StringWriter stdout = new StringWriter();
    CommandLine cmd = AlertEngineCommand.commandLine();
    cmd.setOut(new PrintWriter(stdout, true));

    // when
    int exit =
        cmd.execute(
            "bench",
            "--quick",
            "--events",
            "20000",
            "--latency-duration",
            "5s",
            "--rules",
            Path.of("..", "alert-rules", "lightcat").toString(),
            "--out",
            out.toString());

    // then
    assertThat(exit).isZero();
    List<Path> files;
    try (Stream<Path> listed = Files.list(out)) {
      files = listed.filter(p -> p.toString().endsWith(".json")).toList();
    }
    assertThat(files).hasSize(1);
    JsonNode report = JSON.readTree(files.get(0).toFile());
    assertThat(report.path("events").asLong()).isEqualTo(20_000);
    assertThat(report.path("machine").path("cores").asInt()).isPositive();
    JsonNode drains = report.path("drains");
    assertThat(drains).hasSize(6);
    for (JsonNode drain : drains) {
      JsonNode result = drain.path("result");
      assertThat(result.path("events").asLong()).isEqualTo(20_000);
      assertThat(result.path("eventsPerSecond").asDouble()).isPositive().isFinite();
      assertThat(drain.path("loadAverage").asText()).isNotBlank();
    }
    assertThat(drains.findValuesAsText("guarantee"))
        .containsExactly(
            "exactly_once_v2",
            "exactly_once_v2",
            "exactly_once_v2",
            "at_least_once",
            "exactly_once_v2",
            "at_least_once");
    assertThat(drains.findValuesAsText("name"))
        .containsExactly(
            BenchReport.PASSTHROUGH,
            BenchReport.FULL_PACK,
            BenchReport.SINGLE_RULE,
            BenchReport.SINGLE_RULE,
            BenchReport.SINGLE_RULE_NO_STATS,
            BenchReport.SINGLE_RULE_NO_STATS);
    JsonNode ratios = report.path("ratios");
    for (String ratio :
        List.of(
            "fullPackEos",
            "singleRuleEos",
            "singleRuleAlos",
            "singleRuleNoStatsEos",
            "singleRuleNoStatsAlos")) {
      assertThat(ratios.path(ratio).asDouble()).as(ratio).isPositive().isFinite();
    }
    JsonNode latency = report.path("latency");
    assertThat(latency.path("triggers").asInt()).isPositive();
    assertThat(latency.path("detected").asInt()).isPositive();
    assertThat(latency.path("fromScheduled").path("p99").asLong()).isPositive();
    assertThat(latency.path("fromAppend").path("max").asLong())
        .isGreaterThanOrEqualTo(latency.path("fromAppend").path("p50").asLong());
    assertMemoryPhase(report.path("memory"));
    assertThat(stdout.toString())
        .contains("ratios to passthrough")
        .contains("memory per key")
        .contains(files.get(0).toString());
  }

  /**
   * --quick measures 100 and 1,000 client IPs for each of the three per-IP rules: one state per IP
   * in the rule-windows store, a serialised state of plausible size, heap and RSS read.
   */
  private static void assertMemoryPhase(JsonNode memory) {
    assertThat(memory).hasSize(6);
    assertThat(memory.findValuesAsText("rule"))
        .containsExactly(
            "per-ip-error-ratio",
            "per-ip-error-ratio",
            "per-ip-p95-latency",
            "per-ip-p95-latency",
            "per-ip-distinct-routes",
            "per-ip-distinct-routes");
    for (JsonNode m : memory) {
      int keys = m.path("keys").asInt();
      assertThat(keys).isIn(100, 1_000);
      assertThat(m.path("events").asLong()).isEqualTo(5L * keys);
      assertThat(m.path("stateEntries").asLong()).as("one state per client IP").isEqualTo(keys);
      assertThat(m.path("stateEvents").asLong()).as("every event counted").isEqualTo(5L * keys);
      // five buckets of counters or one-item sketches: hundreds of bytes, not kilobytes per bucket
      assertThat(m.path("stateBytesPerKey").asDouble()).isBetween(100.0, 5_000.0);
      assertThat(m.path("heapUsedBytes").asLong()).isPositive();
      assertThat(m.path("baselineHeapUsedBytes").asLong()).isPositive();
      assertThat(m.path("heapBytesPerKey").asDouble()).isFinite();
      assertThat(m.path("heapMaxBytes").asLong())
          .isGreaterThanOrEqualTo(m.path("heapCommittedBytes").asLong());
      assertThat(m.path("rssBytes").asLong()).isGreaterThan(m.path("heapUsedBytes").asLong() / 2);
    }
  }
}
