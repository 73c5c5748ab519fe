package io.lightcat.alerts.stats;

import java.time.Duration;

/**
 * One statistics task's notion of "now" in event time: the newest event time it has seen, and what
 * it keeps. An event stamped more than {@link #FUTURE_TOLERANCE} ahead of the wall clock is not
 * counted at all — otherwise one wrong clock would move this task's time forward and expire every
 * bucket it holds.
 */
final class StreamTime {
  /** How far ahead of the wall clock an event may be stamped and still count. */
  static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

  /** Minute buckets are kept for an hour before the newest minute. */
  static final Duration MINUTES_KEPT = Duration.ofHours(1);

  /** Day buckets are kept for today and yesterday (UTC). */
  static final int DAYS_KEPT = 2;

  private long newest = Long.MIN_VALUE;

  /** Whether an event at {@code ts} counts; moves this task's time on when it does. */
  boolean admit(long ts, long wallClockMs) {
    if (ts > wallClockMs + FUTURE_TOLERANCE.toMillis()) {
      return false;
    }
    newest = Math.max(newest, ts);
    return true;
  }

  /** The newest event time seen, or {@link Long#MIN_VALUE}. */
  long newest() {
    return newest;
  }

  /** Whether the {@code key}'s bucket is still kept (false for buckets expired already). */
  boolean keeps(StatsKey key) {
    return newest == Long.MIN_VALUE || key.start() >= cutoff(key.span());
  }

  /** The start of the oldest bucket of {@code span} still kept. */
  long cutoff(StatsKey.Span span) {
    long newestBucket = span.bucketStart(newest);
    return span == StatsKey.Span.MINUTE
        ? newestBucket - MINUTES_KEPT.toMillis()
        : newestBucket - (DAYS_KEPT - 1) * span.millis();
  }
}
