package io.lightcat.alerts.rule;

import java.util.Objects;

/**
 * One severity of a rule: the condition that raises it and, optionally, a recovery condition that
 * must hold before a firing alert at this severity lets go (value hysteresis: fire above 5%,
 * recover only below 3%).
 *
 * @param recover null when the level recovers as soon as {@code when} stops holding
 */
public record SeverityLevel(Severity severity, Condition when, Condition recover) {
  public SeverityLevel {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(when, "when");
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
