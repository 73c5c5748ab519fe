package io.lightcat.alerts.app.simulator;

import io.lightcat.alerts.rule.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When incidents happen, relative to the start of a simulation: steady traffic for a warm-up, then
 * a cycle of incidents separated by steady gaps, repeated forever. Pure function of the elapsed
 * time.
 */
public final class IncidentSchedule {
  /** Steady traffic before the first incident, so the rules have a baseline. */
  public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(30);

  /** Steady traffic between two incidents. */
  public static final Duration DEFAULT_GAP = Duration.ofSeconds(60);

  private final Duration warmUp;
  private final List<Slot> cycle;
  private final Duration cycleLength;

  /** A stretch of the cycle: an incident, or steady traffic when {@code scenario} is empty. */
  private record Slot(Optional<Scenario> scenario, Duration length) {}

  private IncidentSchedule(Duration warmUp, List<Slot> cycle) {
    this.warmUp = requireNotNegative(warmUp, "warm-up");
    this.cycle = List.copyOf(cycle);
    this.cycleLength = cycle.stream().map(Slot::length).reduce(Duration.ZERO, Duration::plus);
  }

  /** Steady traffic only. */
  public static IncidentSchedule steady() {
    return new IncidentSchedule(Duration.ZERO, List.of());
  }

  /**
   * After {@code warmUp}, each of {@code scenarios} for its {@link Scenario#defaultLength()}, with
   * {@code gap} of steady traffic after each; then again from the first scenario.
   */
  public static IncidentSchedule cycle(Duration warmUp, Duration gap, List<Scenario> scenarios) {
    requireNotNegative(gap, "gap");
    List<Slot> slots = new ArrayList<>();
    for (Scenario s : scenarios) {
      slots.add(new Slot(Optional.of(s), s.defaultLength()));
      if (!gap.isZero()) {
        slots.add(new Slot(Optional.empty(), gap));
      }
    }
    return new IncidentSchedule(warmUp, slots);
  }

  /** Every scenario in declaration order: the demo's schedule. */
  public static IncidentSchedule all(Duration warmUp) {
    return cycle(warmUp, DEFAULT_GAP, List.of(Scenario.values()));
  }

  /** The incident in progress {@code sinceStart} after the simulation started, if any. */
  public Optional<ActiveIncident> at(Duration sinceStart) {
    Objects.requireNonNull(sinceStart, "sinceStart");
    if (cycle.isEmpty() || sinceStart.compareTo(warmUp) < 0) {
      return Optional.empty();
    }
    long intoCycle = sinceStart.minus(warmUp).toMillis() % cycleLength.toMillis();
    for (Slot slot : cycle) {
      if (intoCycle < slot.length().toMillis()) {
        Duration elapsed = Duration.ofMillis(intoCycle);
        return slot.scenario().map(s -> new ActiveIncident(s, elapsed, slot.length()));
      }
      intoCycle -= slot.length().toMillis();
    }
    return Optional.empty();
  }

  /** One line for the log, e.g. {@code steady 30s, then error-spike 1m30s, steady 1m, ...}. */
  public String describe() {
    if (cycle.isEmpty()) {
      return "steady traffic, no incidents";
    }
    String slots =
        cycle.stream()
            .map(
                s ->
                    s.scenario().map(Scenario::scenarioName).orElse("steady")
                        + " "
                        + Durations.format(s.length()))
            .collect(Collectors.joining(", "));
    return "steady " + Durations.format(warmUp) + ", then repeating: " + slots;
  }

  private static Duration requireNotNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + d);
    }
    return d;
  }
}
