package io.lightcat.alerts.lifecycle;

import io.lightcat.alerts.rule.Severity;

/**
 * The lifecycle state of one fingerprint, all times in event-time milliseconds.
 *
 * @param severity the pending or firing severity; null when inactive
 * @param since when the condition started to hold (pending) or when the alert fired (firing)
 * @param lastHeld the last evaluation at which the condition held, for {@code keepFiringFor}
 * @param acknowledged whether someone acknowledged the current firing episode
 */
public record AlertState(
    AlertStatus status, Severity severity, long since, long lastHeld, boolean acknowledged) {

  public static final AlertState INACTIVE = new AlertState(AlertStatus.INACTIVE, null, 0, 0, false);

  public boolean firing() {
    return status == AlertStatus.FIRING;
  }

  public AlertState acknowledge() {
    return new AlertState(status, severity, since, lastHeld, true);
  }
}
