package io.lightcat.alerts.metrics;

import io.lightcat.alerts.stats.LightcatMetrics;
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
  private final LightcatMetrics lightcat;

  public EngineMetrics(MeterRegistry registry) {
    this(registry, new LightcatMetrics(registry));
  }

  /** With the LIGHTCAT metrics in {@code lightcat} (which should share {@code registry}). */
  public EngineMetrics(MeterRegistry registry, LightcatMetrics lightcat) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.lightcat = Objects.requireNonNull(lightcat, "lightcat");
  }

  /** Metrics that go nowhere in particular; for tests and tools. */
  public static EngineMetrics inMemory() {
    return new EngineMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The LIGHTCAT plan's metrics, computed by the statistics stages. */
  public LightcatMetrics lightcat() {
    return lightcat;
  }

  /** A record was read from an input topic. */
  public void eventIn(String stream) {
    counter("events.in", "Records read from an input topic, per stream", "stream", stream)
        .increment();
  }

  /** A record was rejected to the dead-letter topic; {@code reason} is a short category. */
  public void eventInvalid(String stream, String reason) {
    Counter.builder("events.invalid")
        .description("Records rejected to the dead-letter topic, per stream and reason")
        .tags("stream", stream, "reason", reason.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  /** An event arrived later than the grace period allows and was not counted. */
  public void eventLate(String stream) {
    counter("events.late", "Events later than the grace period, not counted", "stream", stream)
        .increment();
  }

  /** A rule threw while evaluating an event; the event was skipped for that rule. */
  public void ruleError(String ruleId) {
    counter("rule.errors", "Rule evaluations that threw, per rule", "rule", ruleId).increment();
  }

  /**
   * A partial aggregate built by another version of its rule reached the window stage and was
   * dropped: the two stages saw a rule change at slightly different moments.
   */
  public void partialStale(String ruleId) {
    counter(
            "rule.partials.stale",
            "Partials built by another version of their rule, dropped",
            "rule",
            ruleId)
        .increment();
  }

  /** A rule definition read from the rules topic was invalid and skipped. */
  public void ruleRejected(String ruleId) {
    counter(
            "rules.invalid",
            "Rule definitions on the rules topic that were invalid",
            "rule",
            ruleId)
        .increment();
  }

  /** A rule change read from the rules topic was applied ({@code added}, {@code changed}, ...). */
  public void ruleChanged(String change) {
    counter("rules.changes", "Rule changes applied from the rules topic", "change", change)
        .increment();
  }

  /** An alert record was written. */
  public void alertEmitted(String ruleId, String severity, String status) {
    Counter.builder("alerts.emitted")
        .description("Alert records written, per rule, severity and status")
        .tags("rule", ruleId, "severity", severity, "status", status)
        .register(registry)
        .increment();
  }

  /**
   * Time spent matching one event against every rule of its stream (rule stage 1), as {@code
   * rule_evaluation_seconds}.
   */
  public Timer ruleEvaluation() {
    return Timer.builder("rule.evaluation")
        .description("Time spent matching one event against the rules of its stream")
        .register(registry);
  }

  /** Current value of a counter, for tests and the REST layer. */
  public double count(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  private Counter counter(String name, String description, String tagKey, String tagValue) {
    return Counter.builder(name).description(description).tag(tagKey, tagValue).register(registry);
  }
}
