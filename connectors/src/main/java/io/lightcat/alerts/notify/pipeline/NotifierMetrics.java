package io.lightcat.alerts.notify.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * The notifier's Micrometer meters, by receiver (Prometheus names):
 *
 * <ul>
 *   <li>{@code notifier_notifications_sent_total} — notifications delivered
 *   <li>{@code notifier_notifications_failed_total} — failed delivery attempts (each retry that
 *       failed, and the last one)
 *   <li>{@code notifier_notifications_retried_total} — attempts after the first
 *   <li>{@code notifier_notifications_dead_lettered_total} — notifications that went to the
 *       dead-letter topic
 *   <li>{@code notifier_delivery_seconds} — time from the first attempt to the outcome, retries
 *       included, tagged {@code outcome} = {@code delivered} | {@code dead_lettered}
 *   <li>{@code notifier_alerts_suppressed_total} — alerts held back, tagged {@code reason} = {@code
 *       silence} | {@code mute}
 * </ul>
 */
public final class NotifierMetrics {
  private final MeterRegistry registry;

  public NotifierMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Meters kept in a registry nobody reads, for tests and tools. */
  public static NotifierMetrics unregistered() {
    return new NotifierMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One notification's delivery with all its attempts. */
  void delivered(ReliableNotifier.Outcome outcome, Duration took) {
    String receiver = outcome.receiver();
    int failedAttempts = outcome.attempts() - (outcome.delivered() ? 1 : 0);
    counter("notifier.notifications.sent", receiver).increment(outcome.delivered() ? 1 : 0);
    counter("notifier.notifications.failed", receiver).increment(failedAttempts);
    counter("notifier.notifications.retried", receiver)
        .increment(Math.max(0, outcome.attempts() - 1));
    counter("notifier.notifications.dead.lettered", receiver)
        .increment(outcome.delivered() ? 0 : 1);
    Timer.builder("notifier.delivery")
        .description("Time to deliver one notification, retries included")
        .tag("receiver", receiver)
        .tag("outcome", outcome.delivered() ? "delivered" : "dead_lettered")
        .register(registry)
        .record(took);
  }

  /**
   * An alert held back from {@code receiver} for {@code reason} ({@code silence}, {@code mute}).
   */
  void suppressed(String receiver, String reason) {
    Counter.builder("notifier.alerts.suppressed")
        .description("Alerts not notified because a silence or a mute time interval held them")
        .tag("receiver", receiver)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** What has been counted so far, for tests: the counter's value or 0. */
  public double count(String name, String receiver) {
    Counter c = registry.find(name).tag("receiver", receiver).counter();
    return c == null ? 0 : c.count();
  }

  private Counter counter(String name, String receiver) {
    return Counter.builder(name).tag("receiver", receiver).register(registry);
  }
}
