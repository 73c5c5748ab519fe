package io.lightcat.alerts.notify.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a route batches the alerts it takes (Alertmanager's {@code group_by}, {@code group_wait},
 * {@code group_interval}, {@code repeat_interval}).
 *
 * <p>Alerts with the same values of the {@code groupBy} labels form one group per route; the group
 * is first notified {@code groupWait} after its first alert, then at most every {@code
 * groupInterval} when its alerts changed, and again every {@code repeatInterval} while it has
 * firing alerts and nothing changed. A null {@code groupBy} (the default, or {@code ['...']}) keeps
 * every alert on its own, notified at once: each alert record is one notification.
 *
 * @param groupBy label names (as matchers name them: {@code alertname}, {@code severity}, labels);
 *     null: each alert alone
 * @param repeatInterval null: no repeats (P1 repeats come from the escalation policy)
 */
public record Grouping(
    List<String> groupBy, Duration groupWait, Duration groupInterval, Duration repeatInterval) {

  /** Alertmanager's defaults once {@code group_by} is set. */
  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);

  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);

  /** Each alert on its own, at once, without repeats. */
  public static final Grouping PER_ALERT = new Grouping(null, Duration.ZERO, Duration.ZERO, null);

  public Grouping {
    groupBy = groupBy == null ? null : List.copyOf(groupBy);
    Objects.requireNonNull(groupWait, "groupWait");
    Objects.requireNonNull(groupInterval, "groupInterval");
    if (groupWait.isNegative() || groupInterval.isNegative()) {
      throw new IllegalArgumentException("group_wait and group_interval must be >= 0");
    }
    if (repeatInterval != null && (repeatInterval.isNegative() || repeatInterval.isZero())) {
      throw new IllegalArgumentException("repeat_interval must be > 0");
    }
  }

  public boolean perAlert() {
    return groupBy == null;
  }
}
