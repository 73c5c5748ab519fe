package io.lightcat.alerts.app.simulator;

import static io.lightcat.alerts.app.simulator.Simulation.fields;
import static io.lightcat.alerts.app.simulator.Simulation.kind;
import static io.lightcat.alerts.app.simulator.Simulation.number;
import static io.lightcat.alerts.app.simulator.Simulation.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.EventParser;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.event.ParseResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrafficModelTest {
  private static final EventParser PARSER = new EventParser(EngineConfig.defaults());
  private static List<SimEvent> steadyHour;

  @BeforeAll
  static void simulateAnHour() {
    steadyHour = Simulation.steady(Duration.ofHours(1));
  }

  @Test
  void sameSeedGivesTheSameEventsAndAnotherSeedDoesNot() {
    // when
    List<String> first =
        json(Simulation.run(7, Optional.of(Scenario.ERROR_SPIKE), Duration.ofMinutes(3)));
    List<String> again =
        json(Simulation.run(7, Optional.of(Scenario.ERROR_SPIKE), Duration.ofMinutes(3)));
    List<String> other =
        json(Simulation.run(8, Optional.of(Scenario.ERROR_SPIKE), Duration.ofMinutes(3)));

    // then
    assertThat(first).hasSizeGreaterThan(5_000).isEqualTo(again);
    assertThat(other).isNotEqualTo(first);
  }

  static Stream<Arguments> everyScenarioAndSteady() {
    return Stream.concat(
        Stream.of(Arguments.of(Optional.empty())),
        EnumSet.allOf(Scenario.class).stream().map(s -> Arguments.of(Optional.of(s))));
  }

  @ParameterizedTest
  @MethodSource("everyScenarioAndSteady")
  void everyEventIsValidForTheEnginesParser(Optional<Scenario> scenario) {
    // given
    List<SimEvent> events = Simulation.run(3, scenario, Duration.ofMinutes(3));

    // when
    List<String> invalid = new ArrayList<>();
    for (SimEvent e : events) {
      byte[] key = e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8);
      ParseResult result =
          PARSER.parse(e.stream(), key, e.toJson().getBytes(StandardCharsets.UTF_8), 0L);
      if (result instanceof ParseResult.Invalid bad) {
        invalid.add(e + ": " + bad.reason());
      } else if (((ParseResult.Valid) result).event().timestampMs() != e.time().toEpochMilli()) {
        invalid.add(e + ": ts not read");
      }
    }

    // then
    assertThat(events).hasSizeGreaterThan(5_000);
    assertThat(invalid).isEmpty();
    assertThat(events.stream().map(SimEvent::stream).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(EventStream.values());
  }

  @Test
  void everyKindOfEveryStreamIsGenerated() {
    // when
    Set<String> kinds =
        steadyHour.stream()
            .filter(e -> e.kind() != null)
            .map(e -> e.stream().ruleName() + ":" + e.kind())
            .collect(Collectors.toSet());

    // then
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            "payments:invoice_created",
            "payments:payment_confirmed",
            "payments:payment_failed",
            "payments:invoice_expired",
            "payments:invoice_rejected",
            "payments:consignment_generated",
            "payments:webhook_delivered",
            "payments:supply",
            "game:session_started",
            "game:session_ended",
            "game:score",
            "game:fps",
            "game:page_load",
            "infra:host",
            "infra:db_pool",
            "infra:health_check",
            "infra:heartbeat",
            "infra:db_query");
  }

  @Test
  void aboutNinetyEightPercentOfPaymentsSucceedInSecondsAndSupplyFallsSlowly() {
    // when
    long confirmed = fields(steadyHour, kind("payment_confirmed")).size();
    long failed = fields(steadyHour, kind("payment_failed")).size();
    long expired = fields(steadyHour, kind("invoice_expired")).size();
    List<Map<String, Object>> supply = fields(steadyHour, kind("supply"));

    // then
    double success = (double) confirmed / (confirmed + failed + expired);
    assertThat(confirmed).isGreaterThan(2_000);
    assertThat(success).isBetween(0.97, 0.99);
    assertThat(number(supply.get(0), "remainingBatches")).isBetween(4_990.0, 5_000.0);
    assertThat(number(supply.get(supply.size() - 1), "remainingBatches"))
        .isBetween(4_000.0, 4_990.0);
    assertThat(fields(steadyHour, kind("payment_failed")))
        .noneMatch(f -> PaymentTraffic.UNREACHABLE.equals(f.get("reason")));
  }

  @Test
  void steadyRequestsMeetLightcatsTargets() {
    for (String service : List.of("api", "website", "game")) {
      // when
      List<Map<String, Object>> requests = fields(steadyHour, requestsTo(service));
      double errors = requests.stream().filter(r -> number(r, "status") >= 500).count();
      double meanLatency =
          requests.stream().mapToDouble(r -> number(r, "latencyMs")).average().orElseThrow();

      // then
      assertThat(requests).hasSizeGreaterThan(10_000);
      assertThat(errors / requests.size()).as(service + " 5xx share").isLessThan(0.001);
      assertThat(meanLatency).as(service + " mean latency").isBetween(40.0, 200.0);
    }
    double apiMean =
        fields(steadyHour, requestsTo("api")).stream()
            .mapToDouble(r -> number(r, "latencyMs"))
            .average()
            .orElseThrow();
    assertThat(apiMean).isBetween(100.0, 140.0);
  }

  @Test
  void gameNumbersMatchLightcatsDashboards() {
    // when
    double fps = mean(fields(steadyHour, kind("fps")), "fps");
    double loadMs = mean(fields(steadyHour, kind("page_load")), "loadMs");
    List<Map<String, Object>> ended = fields(steadyHour, kind("session_ended"));
    double completed =
        ended.stream().filter(f -> (Boolean) f.get("completed")).count() / (double) ended.size();
    List<Map<String, Object>> scores = fields(steadyHour, kind("score"));

    // then
    assertThat(fps).isBetween(56.0, 60.0);
    assertThat(loadMs).isBetween(1_600.0, 2_000.0);
    assertThat(completed).isBetween(0.62, 0.72);
    assertThat(scores).allSatisfy(s -> assertThat(number(s, "score")).isBetween(0.0, 50.0));
    assertThat(
            scores.stream()
                .map(s -> s.get("tierUnlocked"))
                .filter(t -> t != null)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("bronze", "silver", "gold");
  }

  @Test
  void steadyInfrastructureIsHealthy() {
    assertThat(fields(steadyHour, kind("health_check"))).allMatch(f -> (Boolean) f.get("ok"));
    assertThat(fields(steadyHour, kind("db_pool")))
        .allMatch(f -> (Boolean) f.get("connected") && number(f, "waiting") == 0);
    assertThat(fields(steadyHour, kind("host")))
        .allMatch(f -> number(f, "memPct") < 75 && number(f, "diskFreePct") > 50);
    assertThat(mean(fields(steadyHour, kind("host")), "cpuPct")).isBetween(25.0, 35.0);
    assertThat(mean(fields(steadyHour, kind("db_query")), "durationMs")).isBetween(5.0, 30.0);
    assertThat(fields(steadyHour, kind("heartbeat")).stream().map(f -> f.get("service")).distinct())
        .containsExactlyInAnyOrder("api", "website", "game");
  }

  @Test
  void secretsAreGeneratedButNeverPrinted() {
    // when
    List<SimEvent> withSecrets =
        steadyHour.stream()
            .filter(e -> e.fields().containsKey("headers") || e.fields().containsKey("rgbInvoice"))
            .toList();

    // then
    assertThat(withSecrets).hasSizeGreaterThan(1_000);
    assertThat(withSecrets)
        .allSatisfy(e -> assertThat(e.toString()).doesNotContain("Bearer", "rgb:"));
  }

  private static double mean(List<Map<String, Object>> events, String field) {
    return events.stream().mapToDouble(f -> number(f, field)).average().orElseThrow();
  }

  private static List<String> json(List<SimEvent> events) {
    return events.stream().map(e -> e.key() + " " + e.toJson()).toList();
  }
}
