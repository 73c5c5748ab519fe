package io.lightcat.alerts.app.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Runs a {@link TrafficModel} over simulated time, one tick per second, for tests. */
final class Simulation {
  static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
  static final int DRAWS_PER_SECOND = 40;

  private Simulation() {}

  /** {@code length} of traffic with {@code scenario} in progress the whole time (or steady). */
  static List<SimEvent> run(long seed, Optional<Scenario> scenario, Duration length) {
    TrafficModel model = new TrafficModel(seed);
    List<SimEvent> events = new ArrayList<>();
    for (long s = 0; s < length.toSeconds(); s++) {
      Duration elapsed = Duration.ofSeconds(s);
      Optional<ActiveIncident> incident =
          scenario.map(sc -> new ActiveIncident(sc, elapsed, length));
      events.addAll(model.tick(START.plus(elapsed), DRAWS_PER_SECOND, incident));
    }
    return events;
  }

  static List<SimEvent> steady(Duration length) {
    return run(42, Optional.empty(), length);
  }

  static List<SimEvent> during(Scenario scenario) {
    return run(42, Optional.of(scenario), scenario.defaultLength());
  }

  static List<Map<String, Object>> fields(List<SimEvent> events, Predicate<SimEvent> which) {
    return events.stream().filter(which).map(SimEvent::fields).toList();
  }

  static Predicate<SimEvent> requestsTo(String service) {
    return e -> e.kind() == null && service.equals(e.fields().get("service"));
  }

  static Predicate<SimEvent> kind(String kind) {
    return e -> kind.equals(e.kind());
  }

  static double number(Map<String, Object> fields, String name) {
    return ((Number) fields.get(name)).doubleValue();
  }
}
