package io.lightcat.alerts.app.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A periodic schedule, first due at the first time it is asked. After a long pause (more than ten
 * periods) it restarts at the current time instead of catching up with a burst of stale events.
 */
final class Every {
  private static final int MAX_CATCH_UP = 10;

  private final Duration period;
  private Instant next;

  Every(Duration period) {
    this.period = period;
  }

  /** The due times up to and including {@code now}, oldest first. */
  List<Instant> dueBy(Instant now) {
    if (next == null || next.plus(period.multipliedBy(MAX_CATCH_UP)).isBefore(now)) {
      next = now;
    }
    List<Instant> due = new ArrayList<>();
    while (!next.isAfter(now)) {
      due.add(next);
      next = next.plus(period);
    }
    return due;
  }
}
