package io.lightcat.alerts.lifecycle;

/** Where a rule/group's alert stands. */
public enum AlertStatus {
  /** The condition does not hold. */
  INACTIVE,
  /** The condition holds but not yet for the rule's {@code for} duration; nothing is published. */
  PENDING,
  /** Published as firing. */
  FIRING
}
