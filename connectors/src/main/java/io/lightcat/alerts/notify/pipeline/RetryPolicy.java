package io.lightcat.alerts.notify.pipeline;

import java.time.Duration;

/**
 * Retries of one receiver: up to {@code maxAttempts} attempts in all, waiting {@code
 * initialBackoff} times {@code multiplier}^n, randomized by ±{@code jitter} (0..1) and capped at
 * {@code maxBackoff}; each HTTP attempt times out after {@code timeout}.
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter,
    Duration timeout) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max_attempts must be >= 1");
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initial_backoff must be > 0");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("max_backoff must be >= initial_backoff");
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be >= 1");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(
        5, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.5, Duration.ofSeconds(10));
  }
}
