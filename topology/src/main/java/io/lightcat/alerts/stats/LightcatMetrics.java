package io.lightcat.alerts.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleConsumer;

/**
 * The LIGHTCAT plan's own Prometheus metrics ("Custom Metrics Dashboard"), computed from the event
 * streams by the statistics stages: {@code lightcat_payments_total{status,tier}}, {@code
 * lightcat_payment_duration_seconds} (buckets 0.1, 0.5, 1, 2, 5, 10, 30) and {@code
 * lightcat_game_scores} (buckets 0, 10, 20, 30, 40, 50). The fourth, {@code
 * lightcat_game_sessions_active}, is a gauge over the session store and is registered where the
 * running Kafka Streams instance is known (the app's wiring).
 *
 * <p>Counted as events are processed, like any Micrometer metric: each instance counts what its
 * tasks process (sum over instances in PromQL), and counters start at zero on restart (which {@code
 * rate()} handles). A record processed again after a crash counts again here — the state stores,
 * not these counters, are exactly-once.
 *
 * <p>Thread-safe; one instance is shared by every stream thread.
 */
public final class LightcatMetrics {
  public static final String PAYMENTS = "lightcat.payments";
  public static final String PAYMENT_DURATION = "lightcat.payment.duration";
  public static final String GAME_SCORES = "lightcat.game.scores";
  public static final String GAME_SESSIONS_ACTIVE = "lightcat.game.sessions.active";

  private final MeterRegistry registry;
  private final Timer paymentDuration;
  private final DoubleConsumer gameScores;
  private final Map<String, Counter> payments = new ConcurrentHashMap<>();

  /**
   * Every metric in {@code registry}. Micrometer histograms cannot have a bucket at 0, so {@code
   * lightcat_game_scores} has the buckets 10 to 50 here; the Prometheus wiring passes a histogram
   * with the plan's exact buckets to {@link #LightcatMetrics(MeterRegistry, DoubleConsumer)}.
   */
  public LightcatMetrics(MeterRegistry registry) {
    this(
        registry,
        DistributionSummary.builder(GAME_SCORES)
                .description("Distribution of game scores")
                .serviceLevelObjectives(10, 20, 30, 40, 50)
                .register(registry)
            ::record);
  }

  /**
   * @param registry where the payment metrics go
   * @param gameScores records a game score into {@code lightcat_game_scores}
   */
  public LightcatMetrics(MeterRegistry registry, DoubleConsumer gameScores) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.gameScores = Objects.requireNonNull(gameScores, "gameScores");
    this.paymentDuration =
        Timer.builder(PAYMENT_DURATION)
            .description("Payment processing duration: invoice creation to confirmation")
            .serviceLevelObjectives(
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30))
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * One payment outcome: {@code status} is {@code confirmed}, {@code failed}, {@code expired} or
   * {@code rejected}; {@code tier} {@code bronze}, {@code silver}, {@code gold} or {@code unknown}.
   */
  public void payment(String status, String tier) {
    String t = tier == null ? "unknown" : tier;
    payments
        .computeIfAbsent(
            status + '|' + t,
            k ->
                Counter.builder(PAYMENTS)
                    .description("Total number of payments")
                    .tag("status", status)
                    .tag("tier", t)
                    .register(registry))
        .increment();
  }

  /** An invoice was confirmed {@code ms} after it was created. */
  public void paymentDuration(long ms) {
    paymentDuration.record(Duration.ofMillis(ms));
  }

  public void gameScore(double score) {
    gameScores.accept(score);
  }
}
