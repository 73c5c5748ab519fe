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
    assertThat(drains).hasSize(4);
    for (JsonNode drain : drains) {
      JsonNode result = drain.path("result");
      assertThat(result.path("events").asLong()).isEqualTo(20_000);
      assertThat(result.path("eventsPerSecond").asDouble()).isPositive().isFinite();
      assertThat(drain.path("loadAverage").asText()).isNotBlank();
    }
    assertThat(drains.findValuesAsText("guarantee"))
        .containsExactly("exactly_once_v2", "exactly_once_v2", "exactly_once_v2", "at_least_once");
    JsonNode ratios = report.path("ratios");
    for (String ratio : List.of("fullPackEos", "singleRuleEos", "singleRuleAlos")) {
      assertThat(ratios.path(ratio).asDouble()).as(ratio).isPositive().isFinite();
    }
    JsonNode latency = report.path("latency");
    assertThat(latency.path("triggers").asInt()).isPositive();
    assertThat(latency.path("detected").asInt()).isPositive();
    assertThat(latency.path("fromScheduled").path("p99").asLong()).isPositive();
    assertThat(latency.path("fromAppend").path("max").asLong())
        .isGreaterThanOrEqualTo(latency.path("fromAppend").path("p50").asLong());
    assertThat(stdout.toString())
        .contains("ratios to passthrough")
        .contains(files.get(0).toString());
  }
}
