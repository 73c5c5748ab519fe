package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles rules from YAML and feeds events into a group window, without Kafka. */
final class RuleFixtures {
  private RuleFixtures() {}

  /** The one rule in {@code yaml}, compiled; fails the test if it does not validate. */
  static CompiledRule compile(String yaml) {
    RuleLoader.Result r = new RuleLoader().validate(Map.of("test.yaml", yaml));
    assertThat(r.problems()).isEmpty();
    assertThat(r.rules().size()).isEqualTo(1);
    return r.rules().all().iterator().next();
  }

  /** A requests rule over a 1m window in 10s buckets, measuring {@code measure}. */
  static CompiledRule requestsRule(String measure, String severity) {
    return compile(
        """
        - id: r
          source: requests
          window: 1m
          resolution: 10s
          measure: %s
          severity: %s
        """
            .formatted(measure, severity));
  }

  /** A request at {@code seconds} with the given status, latency and user. */
  static Event request(double seconds, int status, double latencyMs, String user) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("eventId", "e-" + (long) (seconds * 1000) + "-" + user);
    f.put("service", "api");
    f.put("route", "/");
    f.put("status", (long) status);
    f.put("latencyMs", latencyMs);
    f.put("userId", user);
    return new Event(EventStream.REQUESTS, millis(seconds), "api", f);
  }

  static Event request(double seconds, int status, double latencyMs) {
    return request(seconds, status, latencyMs, "u");
  }

  static long millis(double seconds) {
    return Math.round(seconds * 1000);
  }

  /** A window holding what {@code rule} takes from each event, one partial per event. */
  static GroupWindow window(CompiledRule rule, List<Event> events) {
    GroupWindow w = new GroupWindow();
    Duration res = rule.rule().resolution();
    for (Event e : events) {
      Aggregate a = new Aggregate();
      if (rule.matches(e) && rule.addTo(a, e)) {
        w.add(GroupWindow.bucketStart(e.timestampMs(), res), a);
      }
    }
    return w;
  }
}
