package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.lifecycle.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code anyOf} rules in the production topology: each variant alerts on its own, as the rule. */
class RuleVariantsTopologyTest {
  private static final String SERVER_DOWN =
      """
      - id: server-down
        title: Server down
        severity: { P1: "> 0" }
        runbook: playbooks/server-down.md
        anyOf:
          - source: infra
            filter: kind == "health_check"
            groupBy: [target]
            window: 1m
            measure: { ratio: "!ok" }
            summary: "health check of {{target}} failing"
          - source: infra
            filter: kind == "heartbeat"
            groupBy: [service]
            measure: absent
            severity: { P1: ">= 60" }
            summary: "no heartbeat from {{service}}"
      - id: payment-system-failure
        severity: { P1: "> 0" }
        window: 5m
        anyOf:
          - source: infra
            filter: kind == "health_check" && target == "btcpay"
            measure: { ratio: "!ok" }
          - source: payments
            filter: kind == "payment_failed"
            measure: { ratio: reason == "processor_unreachable" }
      """;

  private static Map<String, Object> check(String target, boolean ok) {
    return Map.of("kind", "health_check", "target", target, "url", "https://x/health", "ok", ok);
  }

  private static Map<String, Object> heartbeat(String service) {
    return Map.of("kind", "heartbeat", "service", service, "host", "h1");
  }

  @Test
  void eachVariantFiresAndResolvesOnItsOwnUnderThePublicId() {
    try (RuleEngineDriver d = new RuleEngineDriver(SERVER_DOWN)) {
      // given heartbeats from api, then a failing health check of web
      d.infra(Duration.ZERO, heartbeat("api"));
      d.infra(Duration.ofSeconds(5), check("web", false));
      // then the health-check variant fires, as server-down
      List<Alert> alerts = d.alerts();
      assertThat(alerts).hasSize(1);
      Alert checkAlert = alerts.get(0);
      assertThat(checkAlert.rule()).isEqualTo("server-down");
      assertThat(checkAlert.status()).isEqualTo("firing");
      assertThat(checkAlert.labels()).isEqualTo(Map.of("target", "web"));
      assertThat(checkAlert.summary()).isEqualTo("health check of web failing");
      assertThat(checkAlert.title()).isEqualTo("Server down");
      assertThat(checkAlert.runbook()).isEqualTo("playbooks/server-down.md");

      // when api stays silent for more than 60 s
      d.advanceWallClock(Duration.ofSeconds(61));
      // then the heartbeat variant fires, as server-down (and web's check has left its window)
      alerts = d.alerts();
      assertThat(alerts).hasSize(3);
      Alert beatAlert =
          alerts.stream().filter(a -> a.labels().containsKey("service")).findFirst().orElseThrow();
      assertThat(beatAlert.status()).isEqualTo("firing");
      assertThat(beatAlert.rule()).isEqualTo("server-down");
      assertThat(beatAlert.labels()).isEqualTo(Map.of("service", "api"));
      assertThat(beatAlert.summary()).isEqualTo("no heartbeat from api");
      assertThat(beatAlert.fingerprint()).isNotEqualTo(checkAlert.fingerprint());

      // when api's heartbeat returns: only that variant resolves
      d.infra(Duration.ofSeconds(62), heartbeat("api"));
      alerts = d.alerts();
      assertThat(alerts).hasSize(4);
      assertThat(alerts.get(3).status()).isEqualTo("resolved");
      assertThat(alerts.get(3).fingerprint()).isEqualTo(beatAlert.fingerprint());
      assertThat(alerts.get(3).rule()).isEqualTo("server-down");
    }
  }

  @Test
  void variantsOnDifferentStreamsWithEqualLabelsKeepApartFingerprints() {
    try (RuleEngineDriver d = new RuleEngineDriver(SERVER_DOWN)) {
      // given BTCPay's health check fails and a payment fails as unreachable (both: no labels)
      d.infra(Duration.ZERO, check("btcpay", false));
      d.payment(
          Duration.ofSeconds(1),
          Map.of("kind", "payment_failed", "invoiceId", "i1", "reason", "processor_unreachable"));
      // then two alerts of payment-system-failure with distinct fingerprints
      List<Alert> alerts =
          d.alerts().stream().filter(a -> a.rule().equals("payment-system-failure")).toList();
      assertThat(alerts).hasSize(2);
      assertThat(alerts).extracting(Alert::labels).containsOnly(Map.of());
      assertThat(alerts.get(0).fingerprint()).isNotEqualTo(alerts.get(1).fingerprint());
      assertThat(alerts.get(0).ruleVersion()).isNotEqualTo(alerts.get(1).ruleVersion());
    }
  }

  @Test
  void aNearMissOfEveryVariantStaysSilent() {
    try (RuleEngineDriver d = new RuleEngineDriver(SERVER_DOWN)) {
      d.infra(Duration.ZERO, heartbeat("api"));
      d.infra(Duration.ofSeconds(1), check("web", true));
      d.infra(Duration.ofSeconds(2), check("btcpay", true));
      d.payment(
          Duration.ofSeconds(3),
          Map.of("kind", "payment_failed", "invoiceId", "i1", "reason", "insufficient_funds"));
      d.advanceWallClock(Duration.ofSeconds(55));
      d.infra(Duration.ofSeconds(58), heartbeat("api"));
      d.advanceWallClock(Duration.ofSeconds(55));
      assertThat(d.alerts()).isEmpty();
    }
  }
}
