package io.lightcat.alerts.query;

import io.lightcat.alerts.rule.Durations;
import io.lightcat.alerts.stats.StatsKey.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The time a statistics query is about: the instant {@code at} (default now) and the window the
 * averages and rates cover, whole minutes from 1 to 60 (default an hour). Buckets are minutes of
 * event time; the window is the minute holding {@code at} and the {@code window - 1} before it.
 * "Active" figures cover the last {@link #ACTIVE} of minutes, "last hour" figures the last 60,
 * "today" figures the UTC day of {@code at}.
 *
 * @param at the instant the figures are for
 * @param window how far back averages and rates reach
 */
public record StatsWindow(Instant at, Duration window) {
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  public static final Duration MAX_WINDOW = Duration.ofHours(1);

  /** What "active" users, players and sessions' activity means: seen in the last 5 minutes. */
  public static final Duration ACTIVE = Duration.ofMinutes(5);

  public StatsWindow {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(window, "window");
    at = at.truncatedTo(ChronoUnit.MILLIS); // what crosses the wire between instances
    if (window.toMillis() % 60_000 != 0
        || window.compareTo(Duration.ofMinutes(1)) < 0
        || window.compareTo(MAX_WINDOW) > 0) {
      throw new BadQueryException(
          "window must be whole minutes from 1m to 1h, not " + Durations.format(window));
    }
  }

  /** The default window ending now. */
  public static StatsWindow now(Clock clock) {
    return new StatsWindow(clock.instant(), DEFAULT_WINDOW);
  }

  /**
   * Parses the query parameters; null or blank means the default.
   *
   * @param at an ISO-8601 instant, e.g. {@code 2026-11-28T12:00:00Z}
   * @param window a duration such as {@code 5m} or {@code 1h}
   * @throws BadQueryException naming the parameter that is wrong
   */
  public static StatsWindow parse(String at, String window, Clock clock) {
    Instant when = clock.instant();
    if (at != null && !at.isBlank()) {
      try {
        when = Instant.parse(at.strip());
      } catch (DateTimeParseException e) {
        throw new BadQueryException(
            "at must be an ISO-8601 instant such as 2026-11-28T12:00:00Z, not '" + at + "'");
      }
    }
    Duration length = DEFAULT_WINDOW;
    if (window != null && !window.isBlank()) {
      try {
        length = Durations.parse(window);
      } catch (IllegalArgumentException e) {
        throw new BadQueryException(
            "window must be a duration such as 5m or 1h, not '" + window.strip() + "'");
      }
    }
    return new StatsWindow(when, length);
  }

  /** Start of the minute holding {@code at}, in epoch milliseconds. */
  public long currentMinute() {
    return Span.MINUTE.bucketStart(at.toEpochMilli());
  }

  /** Whether the minute bucket starting at {@code start} is among the last {@code length}. */
  public boolean inLast(Duration length, long start) {
    long current = currentMinute();
    return start <= current && start > current - length.toMillis();
  }

  /** Whether the minute bucket starting at {@code start} is in the window. */
  public boolean inWindow(long start) {
    return inLast(window, start);
  }

  /** Start of the UTC day holding {@code at}, in epoch milliseconds. */
  public long today() {
    return Span.DAY.bucketStart(at.toEpochMilli());
  }
}
