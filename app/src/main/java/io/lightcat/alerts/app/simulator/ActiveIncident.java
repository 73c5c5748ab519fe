package io.lightcat.alerts.app.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * An incident in progress.
 *
 * @param elapsed time since the incident started
 * @param length how long it lasts in total
 */
public record ActiveIncident(Scenario scenario, Duration elapsed, Duration length) {
  public ActiveIncident {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(length, "length");
  }

  /** How far the incident has progressed, from 0 (just started) to 1 (about to end). */
  public double progress() {
    return length.isZero() ? 1 : Math.min(1, (double) elapsed.toMillis() / length.toMillis());
  }

  boolean is(Scenario other) {
    return scenario == other;
  }
}
