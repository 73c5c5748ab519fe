package io.lightcat.alerts.notify.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * Escalation by severity (the LIGHTCAT plan): a firing P1 also goes to the escalation {@code
 * receiver} at once and is notified again every {@code repeatInterval} until acknowledged or
 * resolved; a P2 goes to the escalation receiver when it is not acknowledged within {@code
 * p2EscalateAfter}. P3 and P4 do not escalate.
 *
 * @param receiver the escalation receiver (e.g. the on-call lead's pager)
 */
public record EscalationPolicy(String receiver, Duration repeatInterval, Duration p2EscalateAfter) {
  public static final Duration DEFAULT_REPEAT = Duration.ofMinutes(15);
  public static final Duration DEFAULT_P2_ESCALATE_AFTER = Duration.ofHours(2);

  public EscalationPolicy {
    Objects.requireNonNull(receiver, "receiver");
    if (repeatInterval.isNegative() || repeatInterval.isZero()) {
      throw new IllegalArgumentException("repeat_interval must be > 0");
    }
    if (p2EscalateAfter.isNegative() || p2EscalateAfter.isZero()) {
      throw new IllegalArgumentException("p2_escalate_after must be > 0");
    }
  }
}
