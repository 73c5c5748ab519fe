package io.lightcat.alerts.app.bench;

import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleSet;
import java.util.List;
import java.util.Map;

/**
 * The memory phase's three per-client-IP rules, one rule set each: the three kinds of per-group
 * state the engine keeps — counters (ratio), a KLL quantile sketch per bucket (percentile) and a
 * HyperLogLog sketch per bucket (distinct count). Their thresholds cannot be reached by the phase's
 * traffic, so no group fires and every group stays an ordinary, unwatched window.
 */
final class MemoryRules {
  /** One rule set of the phase. */
  record Named(String rule, String measure, RuleSet rules) {}

  private static final String RATIO =
      """
      - id: per-ip-error-ratio
        title: Error ratio per client IP
        source: requests
        groupBy: [clientIp]
        window: 5m
        resolution: 10s
        measure: { ratio: status >= 500 }
        minEvents: 20
        severity: { P3: "> 50%" }
        runbook: playbooks/high-load.md
        summary: "{{clientIp}}: {{value | percent}} of requests failed"
      """;

  private static final String PERCENTILE =
      """
      - id: per-ip-p95-latency
        title: p95 latency per client IP
        source: requests
        groupBy: [clientIp]
        window: 5m
        resolution: 10s
        measure: { p95: latencyMs }
        minEvents: 20
        severity: { P3: "> 60000" }
        runbook: playbooks/high-load.md
        summary: "{{clientIp}}: p95 latency {{value | ms}}"
      """;

  private static final String DISTINCT =
      """
      - id: per-ip-distinct-routes
        title: Distinct routes per client IP
        source: requests
        groupBy: [clientIp]
        window: 5m
        resolution: 10s
        measure: { distinct: route }
        severity: { P3: ">= 10000" }
        runbook: playbooks/security-incident.md
        summary: "{{clientIp}} requested {{value | int}} distinct routes"
      """;

  private MemoryRules() {}

  /** The three rule sets, each holding one rule. */
  static List<Named> all() {
    return List.of(
        named("per-ip-error-ratio", "ratio", RATIO),
        named("per-ip-p95-latency", "p95", PERCENTILE),
        named("per-ip-distinct-routes", "distinct", DISTINCT));
  }

  private static Named named(String id, String measure, String yaml) {
    RuleLoader.Result loaded = new RuleLoader().validate(Map.of(id + ".yaml", yaml));
    if (!loaded.ok()) {
      throw new IllegalStateException(
          "the memory rule " + id + " is invalid: " + loaded.problems());
    }
    return new Named(id, measure, loaded.rules());
  }
}
