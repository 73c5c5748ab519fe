package io.lightcat.alerts.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * The engine's own counters (events in, invalid, late; rule errors; alerts emitted), named the way
 * Prometheus expects once the registry is a Prometheus one ({@code events_in_total{stream}} ...).
 *
 * <p>Thread-safe: Micrometer registries are, and every stream thread shares one instance.
 */
public final class EngineMetrics {
  private final MeterRegistry registry;

  public EngineMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Metrics that go nowhere in particular; for tests and tools. */
  public static EngineMetrics inMemory() {
    return new EngineMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A record was read from an input topic. */
  public void eventIn(String stream) {
    counter("events.in", "stream", stream).increment();
  }

  /** A record was rejected to the dead-letter topic; {@code reason} is a short category. */
  public void eventInvalid(String stream, String reason) {
    registry
        .counter("events.invalid", "stream", stream, "reason", reason.toLowerCase(Locale.ROOT))
        .increment();
  }

  /** An event arrived later than the grace period allows and was not counted. */
  public void eventLate(String stream) {
    counter("events.late", "stream", stream).increment();
  }

  /** A rule threw while evaluating an event; the event was skipped for that rule. */
  public void ruleError(String ruleId) {
    counter("rule.errors", "rule", ruleId).increment();
  }

  /**
   * A partial aggregate built by another version of its rule reached the window stage and was
   * dropped: the two stages saw a rule change at slightly different moments.
   */
  public void partialStale(String ruleId) {
    counter("rule.partials.stale", "rule", ruleId).increment();
  }

  /** A rule definition read from the rules topic was invalid and skipped. */
  public void ruleRejected(String ruleId) {
    counter("rules.invalid", "rule", ruleId).increment();
  }

  /** A rule change read from the rules topic was applied ({@code added}, {@code changed}, ...). */
  public void ruleChanged(String change) {
    counter("rules.changes", "change", change).increment();
  }

  /** An alert record was written. */
  public void alertEmitted(String ruleId, String severity, String status) {
    registry
        .counter("alerts.emitted", "rule", ruleId, "severity", severity, "status", status)
        .increment();
  }

  /** Time spent evaluating rules for one event. */
  public Timer ruleEvaluation() {
    return registry.timer("rule.evaluation");
  }

  /** Current value of a counter, for tests and the REST layer. */
  public double count(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  private Counter counter(String name, String tagKey, String tagValue) {
    return registry.counter(name, tagKey, tagValue);
  }
}
