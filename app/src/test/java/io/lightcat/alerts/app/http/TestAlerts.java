package io.lightcat.alerts.app.http;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.Map;

/** Alert records for REST tests. */
final class TestAlerts {
  private TestAlerts() {}

  static Alert firing(String rule, String severity, String service, String startsAt) {
    return new Alert(
        "id-" + rule + "-" + service,
        "fp-" + rule + "-" + service,
        rule,
        "v1",
        Alert.FIRING,
        severity,
        rule + " title",
        rule + " summary",
        Map.of("service", service),
        0.2,
        0.05,
        new Alert.Window("2026-11-28T11:55:00Z", "2026-11-28T12:00:00Z"),
        startsAt,
        null,
        "playbooks/x.md",
        "PT15M",
        Map.of("events", 20));
  }

  static Alert resolved(Alert a, String endsAt) {
    return new Alert(
        a.id(),
        a.fingerprint(),
        a.rule(),
        a.ruleVersion(),
        Alert.RESOLVED,
        a.severity(),
        a.title(),
        a.summary(),
        a.labels(),
        a.value(),
        a.threshold(),
        a.window(),
        a.startsAt(),
        endsAt,
        a.runbook(),
        a.responseTarget(),
        a.evidence());
  }
}
