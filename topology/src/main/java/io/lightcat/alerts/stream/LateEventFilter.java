package io.lightcat.alerts.stream;

import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * Tells late events apart: an event more than the grace period older than the newest event of its
 * stream this task has seen is late. Each stream is read from one input partition per task, so this
 * is the newest event of its partition: how far another topic has got — read ahead while this one
 * is still being fetched, say, in a backlog — makes no event late. One instance per processor
 * instance (per task), fed every event in order, so two processors on the same events agree on
 * which ones are late.
 */
final class LateEventFilter {
  private final long graceMs;
  private final long[] newestSeen = new long[EventStream.values().length];

  LateEventFilter(Duration grace) {
    this.graceMs = grace.toMillis();
    Arrays.fill(newestSeen, Long.MIN_VALUE);
  }

  /**
   * True, and moves its stream's newest time on, when an event of {@code stream} at {@code ts} is
   * within grace; false when late.
   */
  boolean admit(EventStream stream, long ts) {
    int i = stream.ordinal();
    if (newestSeen[i] != Long.MIN_VALUE && ts < newestSeen[i] - graceMs) {
      return false;
    }
    newestSeen[i] = Math.max(newestSeen[i], ts);
    return true;
  }
}
