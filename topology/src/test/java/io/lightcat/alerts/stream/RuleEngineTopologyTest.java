package io.lightcat.alerts.stream;

import static io.lightcat.alerts.stream.RuleEngineDriver.req;
import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.lifecycle.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineTopologyTest {
  private static final String ERROR_RATE =
      """
      - id: high-error-rate
        title: High API error rate
        source: requests
        filter: service.startsWith("api")
        groupBy: [service]
        window: 5m
        resolution: 10s
        measure: { ratio: status >= 500 }
        minEvents: 10
        severity: { P1: "> 0.05", P3: "> 0.001" }
        runbook: playbooks/high-load.md
        summary: "{{value | percent}} of requests to {{service}} failed over {{window}}"
      """;

  @Test
  void firesOnceAndResolvesWhenErrorsStop() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // given 20 requests, 4 of them failing
      for (int i = 0; i < 20; i++) {
        d.request(Duration.ofSeconds(i), req("api", i % 5 == 0 ? 500 : 200, 50));
      }
      // then one firing P1 alert
      List<Alert> alerts = d.alerts();
      assertThat(alerts).hasSize(1);
      Alert a = alerts.get(0);
      assertThat(a.status()).isEqualTo("firing");
      assertThat(a.severity()).isEqualTo("P1");
      assertThat(a.labels()).containsEntry("service", "api");
      assertThat(a.value()).isEqualTo(0.2);
      assertThat(a.threshold()).isEqualTo(0.05);
      assertThat(a.summary()).isEqualTo("20.00% of requests to api failed over 5m");
      assertThat(a.responseTarget()).isEqualTo("PT15M");
      assertThat(a.runbook()).isEqualTo("playbooks/high-load.md");

      // when only successes follow for longer than the window
      for (int i = 0; i < 40; i++) {
        d.request(Duration.ofSeconds(30 + i * 10), req("api", 200, 50));
      }
      // then the alert resolves with the same id and fingerprint
      alerts = d.alerts();
      assertThat(alerts).extracting(Alert::status).containsExactly("firing", "resolved");
      assertThat(alerts.get(1).id()).isEqualTo(a.id());
      assertThat(alerts.get(1).fingerprint()).isEqualTo(a.fingerprint());
      assertThat(alerts.get(1).endsAt()).isNotNull();
    }
  }

  @Test
  void tenThousandMatchingEventsGiveOneFiringRecord() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      for (int i = 0; i < 10_000; i++) {
        d.request(Duration.ofMillis(i * 10L), req("api", 503, 50));
      }
      assertThat(d.alerts()).hasSize(1);
    }
  }

  @Test
  void filterAndMinEventsKeepItSilent() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      for (int i = 0; i < 9; i++) {
        d.request(Duration.ofSeconds(i), req("api", 500, 50)); // below minEvents
      }
      for (int i = 0; i < 50; i++) {
        d.request(Duration.ofSeconds(i), req("website", 500, 50)); // filtered out
      }
      assertThat(d.alerts()).isEmpty();
    }
  }

  @Test
  void metricsCountEvaluatedAlerts() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      for (int i = 0; i < 20; i++) {
        d.request(Duration.ofSeconds(i), req("api", 500, 50));
      }
      assertThat(d.alerts()).hasSize(1);
      assertThat(
              d.metrics.count(
                  "alerts.emitted",
                  "rule",
                  "high-error-rate",
                  "severity",
                  "P1",
                  "status",
                  "firing"))
          .isEqualTo(1.0);
    }
  }

  @Test
  void escalatesFromP3ToP1AndBack() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // 1 error in 100 = 1%: P3
      for (int i = 0; i < 100; i++) {
        d.request(Duration.ofMillis(i * 100L), req("api", i == 99 ? 500 : 200, 50));
      }
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P3");
      // 20 more errors: 21/120 = 17.5%: P1
      for (int i = 0; i < 20; i++) {
        d.request(Duration.ofSeconds(10 + i), req("api", 500, 50));
      }
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P3", "P1");
      // traffic goes on at a 1% error rate until the burst has left the window: back to P3
      for (int i = 0; i < 3700; i++) {
        d.request(
            Duration.ofSeconds(30).plusMillis(i * 100L), req("api", i % 100 == 0 ? 500 : 200, 50));
      }
      List<Alert> alerts = d.alerts();
      assertThat(alerts).extracting(Alert::severity).containsExactly("P3", "P1", "P3");
      assertThat(alerts).extracting(Alert::status).containsOnly("firing");
      assertThat(alerts).extracting(Alert::id).containsOnly(alerts.get(0).id());
    }
  }

  @Test
  void burstStraddlingABucketBoundaryStillFires() {
    String rule =
        """
        - id: burst
          source: requests
          groupBy: [service]
          window: 1m
          resolution: 10s
          measure: count
          severity: { P2: ">= 10" }
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      // 5 events just before a minute boundary and 5 just after it: no tumbling minute has 10
      for (int i = 0; i < 5; i++) {
        d.request(Duration.ofSeconds(55 + i), req("api", 200, 1));
      }
      for (int i = 0; i < 5; i++) {
        d.request(Duration.ofSeconds(60 + i), req("api", 200, 1));
      }
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P2");
    }
  }

  @Test
  void forDelaysFiringAndAShortBlipStaysSilent() {
    String rule =
        """
        - id: slow
          source: requests
          groupBy: [service]
          window: 1m
          resolution: 1s
          measure: { avg: latencyMs }
          severity: { P2: "> 500" }
          for: 2m
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      // a 90 s blip of slowness, then fast again
      for (int i = 0; i <= 90; i += 5) {
        d.request(Duration.ofSeconds(i), req("api", 200, 900));
      }
      for (int i = 95; i < 400; i += 5) {
        d.request(Duration.ofSeconds(i), req("api", 200, 10));
      }
      assertThat(d.alerts()).isEmpty();
      // sustained slowness longer than 'for'
      for (int i = 400; i <= 600; i += 5) {
        d.request(Duration.ofSeconds(i), req("api", 200, 900));
      }
      List<Alert> alerts = d.alerts();
      assertThat(alerts).hasSize(1);
      // it became true once the average crossed 500 (a few seconds after 400 s) and fired 2 m later
      java.time.Instant fired = java.time.Instant.parse(alerts.get(0).startsAt());
      assertThat(Duration.between(RuleEngineDriver.T0, fired))
          .isBetween(Duration.ofSeconds(520), Duration.ofSeconds(560));
    }
  }

  @Test
  void keepFiringForHoldsThroughAShortRecovery() {
    String rule =
        """
        - id: slow
          source: requests
          groupBy: [service]
          window: 10s
          resolution: 1s
          measure: { max: latencyMs }
          severity: { P2: "> 500" }
          keepFiringFor: 1m
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      d.request(Duration.ofSeconds(0), req("api", 200, 900));
      for (int i = 15; i <= 55; i += 5) {
        d.request(Duration.ofSeconds(i), req("api", 200, 10)); // recovered, < keepFiringFor
      }
      d.request(Duration.ofSeconds(58), req("api", 200, 900)); // slow again: same episode
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing");
      for (int i = 80; i <= 150; i += 5) {
        d.request(Duration.ofSeconds(i), req("api", 200, 10));
      }
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing", "resolved");
    }
  }

  @Test
  void recoveryThresholdAddsValueHysteresis() {
    String rule =
        """
        - id: mem
          source: infra
          filter: kind == "host"
          groupBy: [host]
          window: 1m
          measure: { last: memPct }
          severity:
            P2: { when: "> 80", recover: "< 70" }
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      d.infra(Duration.ofSeconds(0), Map.of("kind", "host", "host", "h1", "memPct", 85));
      d.infra(Duration.ofSeconds(10), Map.of("kind", "host", "host", "h1", "memPct", 75));
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing");
      d.infra(Duration.ofSeconds(20), Map.of("kind", "host", "host", "h1", "memPct", 65));
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing", "resolved");
    }
  }

  @Test
  void absenceFiresOnTheWallClockAndResolvesWhenTheGroupReturns() {
    String rule =
        """
        - id: heartbeat-missing
          source: infra
          filter: kind == "heartbeat"
          groupBy: [service]
          measure: absent
          severity: { P1: ">= 60" }
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      d.infra(Duration.ZERO, Map.of("kind", "heartbeat", "service", "api", "host", "h1"));
      d.advanceWallClock(Duration.ofSeconds(30));
      assertThat(d.alerts()).isEmpty();
      d.advanceWallClock(Duration.ofSeconds(31));
      List<Alert> alerts = d.alerts();
      assertThat(alerts).extracting(Alert::status).containsExactly("firing");
      assertThat(alerts.get(0).labels()).containsEntry("service", "api");
      d.infra(Duration.ofSeconds(70), Map.of("kind", "heartbeat", "service", "api", "host", "h1"));
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing", "resolved");
    }
  }

  @Test
  void silenceIsNotCountedWhileTheInstanceWorksThroughABacklog() {
    String rule =
        """
        - id: heartbeat-missing
          source: infra
          filter: kind == "heartbeat"
          groupBy: [service]
          measure: absent
          severity: { P1: ">= 60" }
        """;
    Backlog backlog = Backlog.none();
    try (RuleEngineDriver d =
        new RuleEngineDriver(
            rule, EngineConfig.defaults().withFlushInterval(Duration.ZERO), backlog)) {
      d.infra(Duration.ZERO, Map.of("kind", "heartbeat", "service", "api", "host", "h1"));
      // given the instance falls behind its input: the heartbeats may be queued, not missing
      backlog.behind(true);
      d.advanceWallClock(Duration.ofSeconds(120));
      assertThat(d.alerts()).isEmpty();
      // when it has caught up, silence counts from then on
      backlog.behind(false);
      d.advanceWallClock(Duration.ofSeconds(30));
      assertThat(d.alerts()).isEmpty();
      d.advanceWallClock(Duration.ofSeconds(31));
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing");
    }
  }

  @Test
  void outOfOrderEventsWithinGraceCountAndLaterOnesAreCountedAsLate() {
    String rule =
        """
        - id: errors
          source: requests
          groupBy: [service]
          window: 5m
          measure: { ratio: status >= 500 }
          severity: { P1: ">= 0.5" }
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      d.request(Duration.ofSeconds(100), req("api", 200, 1));
      d.request(Duration.ofSeconds(80), req("api", 500, 1)); // 20 s late: within grace, counts
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P1");
      d.request(Duration.ofSeconds(10), req("other", 500, 1)); // 90 s late: dropped
      assertThat(d.alerts()).hasSize(1);
      assertThat(d.metrics.count("events.late", "stream", "requests")).isEqualTo(1.0);
    }
  }

  @Test
  void lateIsJudgedPerStreamSoATopicReadAheadMakesNoOtherEventLate() {
    String rule =
        """
        - id: errors
          source: requests
          groupBy: [service]
          window: 5m
          measure: { ratio: status >= 500 }
          severity: { P1: ">= 0.5" }
        - id: infra-cpu
          source: infra
          filter: kind == "host"
          groupBy: [host]
          window: 5m
          measure: { max: cpuPct }
          severity: { P2: "> 90" }
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      // given requests read far ahead (a backlog, fetched before the infra topic)
      d.request(Duration.ofSeconds(600), req("api", 200, 1));
      // when an infra event ten minutes older arrives
      d.infra(Duration.ofSeconds(10), host("h1", 99.0));
      // then it counts: only another infra event can make it late
      assertThat(d.alerts()).extracting(Alert::rule).containsExactly("infra-cpu");
      assertThat(d.metrics.count("events.late", "stream", "infra")).isZero();
      d.infra(Duration.ofSeconds(100), host("h2", 10.0));
      d.infra(Duration.ofSeconds(20), host("h3", 99.0)); // 80 s behind h2: late
      assertThat(d.metrics.count("events.late", "stream", "infra")).isEqualTo(1.0);
      assertThat(d.alerts()).extracting(Alert::rule).containsExactly("infra-cpu");
    }
  }

  private static Map<String, Object> host(String host, double cpuPct) {
    return Map.of(
        "kind",
        "host",
        "host",
        host,
        "cpuPct",
        cpuPct,
        "memPct",
        10.0,
        "diskFreePct",
        50.0,
        "netInBytesPerSec",
        1.0,
        "netOutBytesPerSec",
        1.0);
  }

  @Test
  void aRuleThatThrowsIsCountedAndSkipped() {
    String rule =
        """
        - id: divides
          source: requests
          groupBy: [service]
          window: 1m
          measure: { avg: "status / (status - status)" }
          severity: { P1: "> 1" }
        - id: counts
          source: requests
          groupBy: [service]
          window: 1m
          measure: count
          severity: { P4: ">= 1" }
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      d.request(Duration.ZERO, req("api", 200, 1));
      assertThat(d.alerts()).extracting(Alert::rule).containsExactly("counts");
      assertThat(d.metrics.count("rule.errors", "rule", "divides")).isEqualTo(1.0);
    }
  }

  @Test
  void preAggregatedPartialsAreShippedOnTheFlushIntervalWithTheSameResult() {
    io.lightcat.alerts.config.EngineConfig buffered =
        io.lightcat.alerts.config.EngineConfig.defaults().withFlushInterval(Duration.ofMillis(100));
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE, buffered)) {
      // given 20 requests, 4 failing, buffered in stage 1
      for (int i = 0; i < 20; i++) {
        d.request(Duration.ofSeconds(i), req("api", i % 5 == 0 ? 500 : 200, 50));
      }
      assertThat(d.alerts()).isEmpty();

      // when the flush interval passes on the wall clock
      d.advanceWallClock(Duration.ofMillis(100));

      // then the combined partial gives exactly the per-event result
      List<Alert> alerts = d.alerts();
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).value()).isEqualTo(0.2);
      assertThat(alerts.get(0).severity()).isEqualTo("P1");

      // and a second batch merges into the same buckets without a new record
      for (int i = 20; i < 40; i++) {
        d.request(Duration.ofSeconds(i), req("api", 500, 50));
      }
      d.advanceWallClock(Duration.ofMillis(100));
      assertThat(d.alerts()).hasSize(1);
    }
  }

  @Test
  void groupsThatWentQuietAreEvictedSoStateDoesNotGrowWithEveryClientEverSeen() {
    String rule =
        """
        - id: per-client
          source: requests
          groupBy: [clientIp]
          window: 1m
          measure: count
          severity: { P2: ">= 1000" }
        """;
    try (RuleEngineDriver d = new RuleEngineDriver(rule)) {
      // given 200 clients seen once
      for (int i = 0; i < 200; i++) {
        d.request(
            Duration.ofMillis(i),
            Map.of(
                "service",
                "api",
                "route",
                "/",
                "status",
                200,
                "latencyMs",
                1,
                "clientIp",
                "10.0.0." + i));
      }
      assertThat(d.groupsInState()).isEqualTo(200);

      // when event time moves well past their window and the sweep runs
      d.request(
          Duration.ofMinutes(10),
          Map.of(
              "service",
              "api",
              "route",
              "/",
              "status",
              200,
              "latencyMs",
              1,
              "clientIp",
              "10.9.9.9"));
      d.advanceWallClock(RuleWindowProcessor.SWEEP_INTERVAL);

      // then only the client still inside its window is kept
      assertThat(d.groupsInState()).isEqualTo(1);
    }
  }
}
