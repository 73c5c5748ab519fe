package io.lightcat.alerts.stream;

import static io.lightcat.alerts.stream.RuleEngineDriver.req;
import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.lifecycle.Alert;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert-state store keeps the latest published alert of each (rule, group). */
class AlertStateStoreTest {
  private static final String ERROR_RATE =
      """
      - id: high-error-rate
        title: High API error rate
        source: requests
        groupBy: [service]
        window: 5m
        resolution: 10s
        measure: { ratio: status >= 500 }
        minEvents: 10
        severity: { P1: "> 0.05" }
      """;

  private static String groupKey(String service) {
    return new GroupKey("high-error-rate", Map.of("service", service)).encode();
  }

  private static void failing(RuleEngineDriver d, String service, int fromSecond) {
    for (int i = 0; i < 20; i++) {
      d.request(Duration.ofSeconds(fromSecond + i), req(service, 500, 50));
    }
  }

  private static void healthy(RuleEngineDriver d, String service, int fromSecond) {
    for (int i = 0; i < 40; i++) {
      d.request(Duration.ofSeconds(fromSecond + i * 10L), req(service, 200, 50));
    }
  }

  @Test
  void holdsTheFiringRecordOfEachGroupKeyedByGroupKey() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // when two services fail
      failing(d, "api", 0);
      failing(d, "auth", 0);

      // then the store holds exactly the published firing records, one per group
      Map<String, Alert> state = d.alertState();
      assertThat(state).containsOnlyKeys(groupKey("api"), groupKey("auth"));
      assertThat(state.values()).containsExactlyInAnyOrderElementsOf(d.alerts());
      assertThat(state.get(groupKey("api")).status()).isEqualTo("firing");
      assertThat(state.get(groupKey("api")).labels()).containsEntry("service", "api");
    }
  }

  @Test
  void aResolvedRecordReplacesTheFiringOneOfTheSameFingerprint() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // given a firing alert
      failing(d, "api", 0);
      Alert firing = d.alertState().get(groupKey("api"));
      assertThat(firing.status()).isEqualTo("firing");

      // when it resolves
      healthy(d, "api", 30);

      // then the store holds the resolved record, the last one on the topic
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing", "resolved");
      Alert resolved = d.alertState().get(groupKey("api"));
      assertThat(resolved).isEqualTo(d.alerts().get(1));
      assertThat(resolved.status()).isEqualTo("resolved");
      assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
      assertThat(resolved.endsAt()).isNotNull();
      assertThat(d.alertState()).hasSize(1);
    }
  }

  @Test
  void resolvedAlertsAreSweptADayAfterTheyEnded() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // given api resolved (in event time, minutes after T0) and auth firing
      failing(d, "api", 0);
      healthy(d, "api", 30);
      failing(d, "auth", 430);
      assertThat(d.alertState()).containsOnlyKeys(groupKey("api"), groupKey("auth"));

      // when 23 hours pass on the wall clock: auth resolves through silence, api is kept
      d.advanceWallClock(Duration.ofHours(23));
      assertThat(d.alertState()).containsOnlyKeys(groupKey("api"), groupKey("auth"));
      assertThat(d.alertState().get(groupKey("auth")).status()).isEqualTo("resolved");

      // when api ended more than a day ago
      d.advanceWallClock(Duration.ofHours(2));

      // then api is swept; auth, which ended two hours ago, stays
      assertThat(d.alertState()).containsOnlyKeys(groupKey("auth"));
    }
  }
}
