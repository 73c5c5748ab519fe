package io.lightcat.alerts.stream;

import static io.lightcat.alerts.stream.RuleEngineDriver.req;
import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules changing while the production topology runs: the rule book is swapped between records, as
 * the rules-topic feed does, and the topology neither restarts nor changes shape.
 */
class LiveRuleChangeTopologyTest {
  private static final String ERRORS =
      """
      - id: api-errors
        source: requests
        groupBy: [service]
        window: 5m
        resolution: 10s
        measure: { ratio: status >= 500 }
        minEvents: 10
        severity: { P2: "%s" }
      """;

  private static final String ERROR_COUNT =
      """
      - id: api-errors
        source: requests
        groupBy: [service]
        window: 5m
        resolution: 10s
        measure: count
        filter: status >= 500
        severity: { P2: "> 15" }
      """;

  private static RuleSet rules(String yaml) {
    RuleLoader.Result loaded = new RuleLoader().validate(Map.of("live.yaml", yaml));
    assertThat(loaded.problems()).isEmpty();
    return loaded.rules();
  }

  private static String version(RuleSet rules) {
    return rules.get("api-errors").orElseThrow().version();
  }

  /** {@code n} requests to api from second {@code from} on, one a second, every k-th failing. */
  private static void requests(RuleEngineDriver d, int from, int n, int failEvery) {
    for (int i = 0; i < n; i++) {
      d.request(Duration.ofSeconds(from + i), req("api", i % failEvery == 0 ? 500 : 200, 20));
    }
  }

  @Test
  void aNewRuleStartsEvaluatingWithTheNextEvent() {
    try (RuleEngineDriver d = new RuleEngineDriver("[]")) {
      // given traffic while no rule exists
      requests(d, 0, 20, 1);
      assertThat(d.alerts()).isEmpty();

      // when the rule is added
      RuleSet added = rules(ERRORS.formatted("> 0.5"));
      d.rules.replace(added);
      requests(d, 20, 10, 1);

      // then it fires on what it has seen since, carrying its version
      List<Alert> alerts = d.alerts();
      assertThat(alerts).extracting(Alert::status).containsExactly("firing");
      assertThat(alerts.get(0).ruleVersion()).isEqualTo(version(added));
      assertThat(alerts.get(0).evidence()).containsEntry("events", 10);
    }
  }

  @Test
  void aThresholdChangeKeepsTheWindowAndTakesEffectAtOnce() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERRORS.formatted("> 0.5"))) {
      // given 30 requests, a third failing: below the threshold
      requests(d, 0, 30, 3);
      assertThat(d.alerts()).isEmpty();

      // when the threshold is lowered
      RuleSet lowered = rules(ERRORS.formatted("> 0.2"));
      d.rules.replace(lowered);
      requests(d, 30, 1, 1000);

      // then one more event fires it: the 30 earlier events are still in its window
      List<Alert> alerts = d.alerts();
      assertThat(alerts).extracting(Alert::status).containsExactly("firing");
      assertThat(alerts.get(0).evidence()).containsEntry("events", 31);
      assertThat(alerts.get(0).threshold()).isEqualTo(0.2);
      assertThat(alerts.get(0).ruleVersion()).isEqualTo(version(lowered));

      // when the threshold is raised above the measured share
      d.rules.replace(rules(ERRORS.formatted("> 0.6")));
      requests(d, 31, 1, 1000);

      // then the same episode resolves
      alerts = d.alerts();
      assertThat(alerts).extracting(Alert::status).containsExactly("firing", "resolved");
      assertThat(alerts.get(1).id()).isEqualTo(alerts.get(0).id());
    }
  }

  @Test
  void aNewMeasureResolvesTheFiringAlertAndStartsAfresh() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERRORS.formatted("> 0.5"))) {
      // given a firing alert over 20 failed requests
      requests(d, 0, 20, 1);
      List<Alert> fired = d.alerts();
      assertThat(fired).extracting(Alert::status).containsExactly("firing");

      // when the rule starts counting failures instead, and the wall clock ticks
      d.rules.replace(rules(ERROR_COUNT));
      d.advanceWallClock(EngineTopology.EVALUATION_INTERVAL);

      // then the old episode resolves, saying why, in the version that fired it
      List<Alert> alerts = d.alerts();
      assertThat(alerts).extracting(Alert::status).containsExactly("firing", "resolved");
      Alert resolved = alerts.get(1);
      assertThat(resolved.id()).isEqualTo(fired.get(0).id());
      assertThat(resolved.ruleVersion()).isEqualTo(fired.get(0).ruleVersion());
      assertThat(resolved.evidence().get("resolvedBecause").toString())
          .contains("changed what it measures");

      // when 10 more failures come: the 20 before no longer count
      requests(d, 20, 10, 1);
      assertThat(d.alerts()).hasSize(2);
      // and it fires once the new measure holds on its own events
      requests(d, 30, 6, 1);
      assertThat(d.alerts())
          .extracting(Alert::status)
          .containsExactly("firing", "resolved", "firing");
      assertThat(d.alerts().get(2).value()).isEqualTo(16.0);
    }
  }

  @Test
  void partialsBuiltByTheOldVersionAreNotMergedIntoTheNewOne() {
    EngineConfig buffered = EngineConfig.defaults().withFlushInterval(Duration.ofMillis(100));
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_COUNT, buffered)) {
      // given 20 failures buffered by the match stage, not yet shipped
      requests(d, 0, 20, 1);

      // when the rule's window changes before they are shipped
      d.rules.replace(rules(ERROR_COUNT.replace("window: 5m", "window: 10m")));
      d.advanceWallClock(Duration.ofMillis(100));

      // then the window stage drops both buckets (they counted over another window), saying so
      assertThat(d.alerts()).isEmpty();
      assertThat(d.groupsInState()).isZero();
      assertThat(d.metrics.count("rule.partials.stale", "rule", "api-errors"))
          .isEqualTo(2.0); // two 10s buckets
    }
  }

  @Test
  void aDeletedRuleResolvesItsFiringAlertsWithAReason() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERRORS.formatted("> 0.5"))) {
      // given a firing alert
      requests(d, 0, 20, 1);
      Alert fired = d.alerts().get(0);

      // when the rule is deleted and the wall clock ticks
      d.rules.replace(RuleSet.empty());
      d.advanceWallClock(EngineTopology.EVALUATION_INTERVAL);

      // then the episode resolves with the reason, and the group's state is gone
      List<Alert> alerts = d.alerts();
      assertThat(alerts).extracting(Alert::status).containsExactly("firing", "resolved");
      Alert resolved = alerts.get(1);
      assertThat(resolved.id()).isEqualTo(fired.id());
      assertThat(resolved.fingerprint()).isEqualTo(fired.fingerprint());
      assertThat(resolved.ruleVersion()).isEqualTo(fired.ruleVersion());
      assertThat(resolved.labels()).isEqualTo(fired.labels());
      assertThat(resolved.endsAt()).isNotNull();
      assertThat(resolved.evidence())
          .containsEntry("resolvedBecause", "rule api-errors was deleted");
      assertThat(d.groupsInState()).isZero();
      assertThat(d.alertState().values()).extracting(Alert::status).containsExactly("resolved");

      // and later events for it are ignored
      requests(d, 20, 20, 1);
      d.advanceWallClock(EngineTopology.EVALUATION_INTERVAL);
      assertThat(d.alerts()).hasSize(2);
    }
  }

  @Test
  void aSeverityTheRuleNoLongerHasIsResolved() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERRORS.formatted("> 0.5"))) {
      requests(d, 0, 20, 1);
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P2");

      // when P2 becomes P1 with the same condition
      d.rules.replace(rules(ERRORS.formatted("> 0.5").replace("P2:", "P1:")));
      requests(d, 20, 1, 1);

      // then the P2 episode resolves and a P1 one fires
      List<Alert> alerts = d.alerts();
      assertThat(alerts)
          .extracting(a -> a.status() + " " + a.severity())
          .containsExactly("firing P2", "resolved P2", "firing P1");
      assertThat(alerts.get(1).evidence().get("resolvedBecause").toString())
          .contains("no longer has severity P2");
    }
  }
}
