package io.lightcat.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.lifecycle.Transition.Kind;
import io.lightcat.alerts.rule.Severity;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertLifecycleTest {

  /**
   * One step of the state machine. Times are seconds of event time; an empty severity is null.
   * Columns: state before (status, severity, since, lastHeld, acknowledged), the severity that
   * holds now, now, for, keepFiringFor → state after (status, severity, since, lastHeld,
   * acknowledged) and the transition kind.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          inactive stays inactive                | INACTIVE |    |   0 |   0 | false |    | 100 | 60 |  0 | INACTIVE |    |   0 |   0 | false | NONE
          inactive -> pending                    | INACTIVE |    |   0 |   0 | false | P2 | 100 | 60 |  0 | PENDING  | P2 | 100 | 100 | false | PENDING
          inactive -> firing at once with for=0  | INACTIVE |    |   0 |   0 | false | P2 | 100 |  0 |  0 | FIRING   | P2 | 100 | 100 | false | FIRED
          pending waits for 'for'                | PENDING  | P2 | 100 | 120 | false | P2 | 159 | 60 |  0 | PENDING  | P2 | 100 | 159 | false | NONE
          pending follows the severity           | PENDING  | P2 | 100 | 120 | false | P1 | 130 | 60 |  0 | PENDING  | P1 | 100 | 130 | false | NONE
          pending -> firing after 'for'          | PENDING  | P2 | 100 | 150 | false | P2 | 160 | 60 |  0 | FIRING   | P2 | 160 | 160 | false | FIRED
          pending -> firing at the held severity | PENDING  | P2 | 100 | 150 | false | P1 | 200 | 60 |  0 | FIRING   | P1 | 200 | 200 | false | FIRED
          pending -> inactive (cancelled)        | PENDING  | P2 | 100 | 150 | false |    | 159 | 60 |  0 | INACTIVE |    |   0 |   0 | false | CANCELLED
          firing holds                           | FIRING   | P2 | 100 | 150 | false | P2 | 170 | 60 |  0 | FIRING   | P2 | 100 | 170 | false | NONE
          firing escalates P3 -> P1              | FIRING   | P3 | 100 | 150 | false | P1 | 170 |  0 |  0 | FIRING   | P1 | 100 | 170 | false | SEVERITY_CHANGED
          firing de-escalates P1 -> P3           | FIRING   | P1 | 100 | 150 | false | P3 | 170 |  0 |  0 | FIRING   | P3 | 100 | 170 | false | SEVERITY_CHANGED
          severity change keeps acknowledged     | FIRING   | P3 | 100 | 150 | true  | P1 | 170 |  0 |  0 | FIRING   | P1 | 100 | 170 | true  | SEVERITY_CHANGED
          holding keeps acknowledged             | FIRING   | P3 | 100 | 150 | true  | P3 | 170 |  0 |  0 | FIRING   | P3 | 100 | 170 | true  | NONE
          firing held through keepFiringFor      | FIRING   | P2 | 100 | 150 | true  |    | 209 |  0 | 60 | FIRING   | P2 | 100 | 150 | true  | NONE
          firing -> resolved after keepFiringFor | FIRING   | P2 | 100 | 150 | true  |    | 210 |  0 | 60 | INACTIVE |    |   0 |   0 | false | RESOLVED
          firing -> resolved at once             | FIRING   | P2 | 100 | 150 | false |    | 151 | 60 |  0 | INACTIVE |    |   0 |   0 | false | RESOLVED
          held again within keepFiringFor        | FIRING   | P2 | 100 | 150 | false | P2 | 200 |  0 | 60 | FIRING   | P2 | 100 | 200 | false | NONE
          """)
  void step(
      String name,
      AlertStatus status,
      Severity severity,
      long since,
      long lastHeld,
      boolean acknowledged,
      Severity held,
      long now,
      long forSeconds,
      long keepSeconds,
      AlertStatus nextStatus,
      Severity nextSeverity,
      long nextSince,
      long nextLastHeld,
      boolean nextAcknowledged,
      Kind kind) {
    // given
    AlertState before = new AlertState(status, severity, ms(since), ms(lastHeld), acknowledged);
    AlertLifecycle lifecycle =
        new AlertLifecycle(Duration.ofSeconds(forSeconds), Duration.ofSeconds(keepSeconds));
    // when
    Transition t = lifecycle.step(before, held, ms(now));
    // then
    assertThat(t.kind()).isEqualTo(kind);
    assertThat(t.next())
        .isEqualTo(
            new AlertState(
                nextStatus, nextSeverity, ms(nextSince), ms(nextLastHeld), nextAcknowledged));
  }

  @ParameterizedTest(name = "{0} publishes: {1}")
  @CsvSource({
    "NONE, false",
    "PENDING, false",
    "CANCELLED, false",
    "FIRED, true",
    "SEVERITY_CHANGED, true",
    "RESOLVED, true"
  })
  void onlyFiringSeverityChangesAndResolutionsArePublished(Kind kind, boolean publishes) {
    // when / then
    assertThat(new Transition(AlertState.INACTIVE, kind).publishes()).isEqualTo(publishes);
  }

  private static long ms(long seconds) {
    return seconds * 1000;
  }
}
