package io.lightcat.alerts.notify;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test data builder for alert records with sensible defaults. */
public final class Alerts {
  private String id = "a-1";
  private String fingerprint = "api-error-rate|service=api";
  private String rule = "api-error-rate";
  private String status = Alert.FIRING;
  private String severity = "P1";
  private Map<String, String> labels = new LinkedHashMap<>(Map.of("service", "api"));
  private String endsAt;
  private String runbook = "alert-rules/playbooks/high-load.md";

  public static Alerts alert() {
    return new Alerts();
  }

  public Alerts id(String id) {
    this.id = id;
    return this;
  }

  public Alerts fingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
    return this;
  }

  public Alerts rule(String rule) {
    this.rule = rule;
    return this;
  }

  public Alerts severity(String severity) {
    this.severity = severity;
    return this;
  }

  public Alerts label(String k, String v) {
    labels.put(k, v);
    return this;
  }

  public Alerts runbook(String runbook) {
    this.runbook = runbook;
    return this;
  }

  public Alerts resolved(String endsAt) {
    this.status = Alert.RESOLVED;
    this.endsAt = endsAt;
    return this;
  }

  public Alert build() {
    return new Alert(
        id,
        fingerprint,
        rule,
        "1",
        status,
        severity,
        "API error rate high",
        "api error rate 6.2% > 5% over 5m",
        Map.copyOf(labels),
        0.062,
        0.05,
        new Alert.Window("2026-11-28T11:55:00Z", "2026-11-28T12:00:00Z"),
        "2026-11-28T12:00:00Z",
        endsAt,
        runbook,
        "PT15M",
        Map.of());
  }
}
