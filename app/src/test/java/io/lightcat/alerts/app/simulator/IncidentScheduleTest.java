package io.lightcat.alerts.app.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentScheduleTest {
  private static final IncidentSchedule DEMO = IncidentSchedule.all(Duration.ofSeconds(30));

  private static Optional<Scenario> at(IncidentSchedule schedule, Duration d) {
    return schedule.at(d).map(ActiveIncident::scenario);
  }

  @Test
  void demoStartsSteadyThenRaisesTheErrorSpikeFirst() {
    assertThat(at(DEMO, Duration.ZERO)).isEmpty();
    assertThat(at(DEMO, Duration.ofSeconds(29))).isEmpty();
    assertThat(at(DEMO, Duration.ofSeconds(30))).contains(Scenario.ERROR_SPIKE);
    assertThat(DEMO.at(Duration.ofSeconds(75)).orElseThrow().progress()).isEqualTo(0.5);
    assertThat(at(DEMO, Duration.ofSeconds(120))).isEmpty(); // steady gap after 90 s
    assertThat(at(DEMO, Duration.ofSeconds(180))).contains(Scenario.SLOW_API);
  }

  @Test
  void demoRaisesTheRulesOfTheBundledPackEarly() {
    assertThat(at(DEMO, Duration.ofMinutes(1))).contains(Scenario.ERROR_SPIKE);
    assertThat(at(DEMO, Duration.ofMinutes(4))).contains(Scenario.SLOW_API);
    assertThat(at(DEMO, Duration.ofMinutes(8))).contains(Scenario.SERVER_DOWN);
  }

  @Test
  void theCycleRepeats() {
    Duration cycle =
        List.of(Scenario.values()).stream()
            .map(s -> s.defaultLength().plus(IncidentSchedule.DEFAULT_GAP))
            .reduce(Duration.ZERO, Duration::plus);
    assertThat(at(DEMO, Duration.ofSeconds(30).plus(cycle))).contains(Scenario.ERROR_SPIKE);
    assertThat(at(DEMO, Duration.ofSeconds(29).plus(cycle))).isEmpty();
  }

  @Test
  void steadyHasNoIncidents() {
    assertThat(at(IncidentSchedule.steady(), Duration.ofHours(3))).isEmpty();
    assertThat(IncidentSchedule.steady().describe()).contains("no incidents");
  }

  @Test
  void aCompressedWarmUpStartsTheFirstIncidentSooner() {
    IncidentSchedule fast = IncidentSchedule.all(Duration.ofSeconds(2));
    assertThat(at(fast, Duration.ofSeconds(2))).contains(Scenario.ERROR_SPIKE);
    assertThat(fast.describe())
        .startsWith("steady 2s, then repeating: error-spike 1m30s, steady 1m");
  }
}
