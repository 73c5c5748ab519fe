package io.lightcat.alerts.notify.pipeline;

import java.time.Duration;

/**
 * The circuit breaker of one receiver: it opens when at least {@code failureRatePercent} of the
 * last {@code slidingWindow} attempts (and at least {@code minimumCalls}) failed retryably, and
 * stays open for {@code openFor}; while open, notifications for the receiver are dead-lettered at
 * once instead of hammering a dead endpoint.
 */
public record BreakerPolicy(
    float failureRatePercent, int minimumCalls, int slidingWindow, Duration openFor) {
  public BreakerPolicy {
    if (failureRatePercent <= 0 || failureRatePercent > 100) {
      throw new IllegalArgumentException("failure_rate_threshold must be in (0, 100]");
    }
    if (minimumCalls < 1 || slidingWindow < 1) {
      throw new IllegalArgumentException("minimum_calls and sliding_window must be >= 1");
    }
    if (openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("open_for must be > 0");
    }
  }

  public static BreakerPolicy defaults() {
    return new BreakerPolicy(50, 20, 50, Duration.ofSeconds(60));
  }
}
