package io.lightcat.alerts.stream;

import java.time.Duration;

/**
 * Tells late events apart: an event more than the grace period older than the newest event this
 * task has seen is late. One instance per processor instance (per task), fed every event in order,
 * so two processors on the same events agree on which ones are late.
 */
final class LateEventFilter {
  private final long graceMs;
  private long newestSeen = Long.MIN_VALUE;

  LateEventFilter(Duration grace) {
    this.graceMs = grace.toMillis();
  }

  /** True, and moves the newest time seen on, when {@code ts} is within grace; false when late. */
  boolean admit(long ts) {
    if (newestSeen != Long.MIN_VALUE && ts < newestSeen - graceMs) {
      return false;
    }
    newestSeen = Math.max(newestSeen, ts);
    return true;
  }
}
