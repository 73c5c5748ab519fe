package io.lightcat.alerts.rule;

import java.time.Duration;
import java.util.Optional;

/**
 * Alert severities of the LIGHTCAT monitoring plan, most urgent first. Each carries the plan's
 * response target, which alerts publish as {@code responseTarget}.
 */
public enum Severity {
  /** Critical: respond within 15 minutes, escalate at once. */
  P1(Duration.ofMinutes(15)),
  /** High: respond within an hour, escalate within two. */
  P2(Duration.ofHours(1)),
  /** Medium: respond within four hours, next business day. */
  P3(Duration.ofHours(4)),
  /** Low / info: best effort, reviewed daily. */
  P4(Duration.ofDays(1));

  private final Duration responseTarget;

  Severity(Duration responseTarget) {
    this.responseTarget = responseTarget;
  }

  public Duration responseTarget() {
    return responseTarget;
  }

  /** True when this severity is more urgent than {@code other}. */
  public boolean moreUrgentThan(Severity other) {
    return ordinal() < other.ordinal();
  }

  public static Optional<Severity> parse(String text) {
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
