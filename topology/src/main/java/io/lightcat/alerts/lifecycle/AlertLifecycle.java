package io.lightcat.alerts.lifecycle;

import io.lightcat.alerts.rule.Severity;
import java.time.Duration;

/**
 * The alert state machine: inactive → pending ({@code for}) → firing → severity changes → resolved
 * (after {@code keepFiringFor}). Pure and deterministic: the same evaluations at the same event
 * times give the same transitions, which is what makes replays and backtests exact.
 */
public final class AlertLifecycle {
  private final Duration forDuration;
  private final Duration keepFiringFor;

  public AlertLifecycle(Duration forDuration, Duration keepFiringFor) {
    this.forDuration = forDuration;
    this.keepFiringFor = keepFiringFor;
  }

  /**
   * Advances {@code state} by one evaluation at event time {@code now}.
   *
   * @param held the most urgent severity whose condition holds now, or null
   */
  public Transition step(AlertState state, Severity held, long now) {
    return switch (state.status()) {
      case INACTIVE -> fromInactive(held, now);
      case PENDING -> fromPending(state, held, now);
      case FIRING -> fromFiring(state, held, now);
    };
  }

  private Transition fromInactive(Severity held, long now) {
    if (held == null) {
      return new Transition(AlertState.INACTIVE, Transition.Kind.NONE);
    }
    if (forDuration.isZero()) {
      return fire(held, now);
    }
    return new Transition(
        new AlertState(AlertStatus.PENDING, held, now, now, false), Transition.Kind.PENDING);
  }

  private Transition fromPending(AlertState state, Severity held, long now) {
    if (held == null) {
      return new Transition(AlertState.INACTIVE, Transition.Kind.CANCELLED);
    }
    if (now - state.since() >= forDuration.toMillis()) {
      return fire(held, now);
    }
    return new Transition(
        new AlertState(AlertStatus.PENDING, held, state.since(), now, false), Transition.Kind.NONE);
  }

  private Transition fromFiring(AlertState state, Severity held, long now) {
    if (held == null) {
      if (now - state.lastHeld() >= keepFiringFor.toMillis()) {
        return new Transition(AlertState.INACTIVE, Transition.Kind.RESOLVED);
      }
      return new Transition(state, Transition.Kind.NONE);
    }
    AlertState next =
        new AlertState(AlertStatus.FIRING, held, state.since(), now, state.acknowledged());
    return new Transition(
        next, held == state.severity() ? Transition.Kind.NONE : Transition.Kind.SEVERITY_CHANGED);
  }

  private static Transition fire(Severity held, long now) {
    return new Transition(
        new AlertState(AlertStatus.FIRING, held, now, now, false), Transition.Kind.FIRED);
  }
}
