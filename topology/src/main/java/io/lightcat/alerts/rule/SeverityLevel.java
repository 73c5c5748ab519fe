package io.lightcat.alerts.rule;

import java.time.Duration;
import java.util.Objects;

/**
 * One severity of a rule: the condition that raises it and, optionally, a recovery condition that
 * must hold before a firing alert at this severity lets go (value hysteresis: fire above 5%,
 * recover only below 3%).
 *
 * <p>A level may measure over its own {@code window} instead of the rule's, and may require its
 * condition to hold over a shorter {@code confirmWindow} as well (multiwindow burn-rate alerts: the
 * long window says the budget is really burning, the short one that it still is).
 *
 * @param recover null when the level recovers as soon as {@code when} stops holding
 * @param window the window this level's value is measured over; null: the rule's window
 * @param confirmWindow a second, shorter window over which the condition must hold too; null: none
 */
public record SeverityLevel(
    Severity severity, Condition when, Condition recover, Duration window, Duration confirmWindow) {
  public SeverityLevel {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(when, "when");
  }

  /** A level over the rule's window. */
  public SeverityLevel(Severity severity, Condition when, Condition recover) {
    this(severity, when, recover, null, null);
  }

  /**
   * Whether this level holds for {@code value}: its condition holds, or the alert is already at
   * this level and has not yet met its recovery condition.
   */
  public boolean holds(double value, boolean currentlyAtThisLevel) {
    if (when.holds(value)) {
      return true;
    }
    return currentlyAtThisLevel && recover != null && !Double.isNaN(value) && !recover.holds(value);
  }
}
