package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Multiwindow, multi-burn-rate levels: per-level window and confirmWindow, and scale. */
class BurnRateRuleTest {
  static final String SLO =
      """
      - id: availability-slo
        source: infra
        filter: kind == "health_check"
        groupBy: [target]
        window: 3d
        resolution: 1m
        measure: { ratio: "!ok" }
        scale: 1000
        severity:
          P1:
            - { when: ">= 14.4", window: 1h, confirmWindow: 5m }
            - { when: ">= 6", window: 6h, confirmWindow: 30m }
          P3: { when: ">= 1", window: 3d, confirmWindow: 6h }
      """;

  private static final long STEP = 10_000; // a health check every 10 s

  /** Health checks every 10 s from 0 until {@code untilMs}; those in {@code failing} fail. */
  private static List<Event> checks(long untilMs, java.util.function.LongPredicate failing) {
    List<Event> out = new ArrayList<>();
    for (long t = 0; t < untilMs; t += STEP) {
      out.add(
          new Event(
              EventStream.INFRA,
              t,
              "web",
              Map.of(
                  "eventId",
                  "c" + t,
                  "kind",
                  "health_check",
                  "target",
                  "web",
                  "ok",
                  !failing.test(t))));
    }
    return out;
  }

  private static Evaluation evaluate(List<Event> events, Severity current) {
    CompiledRule rule = RuleFixtures.compile(SLO);
    long now = events.get(events.size() - 1).timestampMs();
    return WindowEvaluator.evaluate(rule.rule(), RuleFixtures.window(rule, events), now, current);
  }

  @Test
  void parsesLevelWindowsAlternativesAndScale() {
    Rule r = RuleFixtures.compile(SLO).rule();
    assertThat(r.scale()).isEqualTo(1000.0);
    assertThat(r.levels()).hasSize(3);
    SeverityLevel fast = r.levels().get(0);
    assertThat(fast.severity()).isEqualTo(Severity.P1);
    assertThat(fast.window()).isEqualTo(Duration.ofHours(1));
    assertThat(fast.confirmWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(r.levels().get(1).window()).isEqualTo(Duration.ofHours(6));
    assertThat(r.levels().get(2).severity()).isEqualTo(Severity.P3);
    assertThat(r.retention()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void aFastBurnOverBothWindowsPages() {
    // given an hour of passing checks, then a minute of failures: 6 of the hour's 366 (16x budget)
    long hour = Duration.ofHours(1).toMillis();
    Evaluation e = evaluate(checks(hour + 60_000, t -> t >= hour), null);
    // then P1, by the 1h/5m pair, with the burn rate over 1h as the value
    assertThat(e.level()).isNotNull();
    assertThat(e.level().severity()).isEqualTo(Severity.P1);
    assertThat(e.level().window()).isEqualTo(Duration.ofHours(1));
    assertThat(e.window()).isEqualTo(Duration.ofHours(1));
    assertThat(e.value()).isGreaterThan(14.4).isLessThan(17.0);
    assertThat(e.confirmWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(e.confirmValue()).isGreaterThan(150.0);
  }

  @Test
  void aShortBlipInTheFiveMinuteWindowAloneDoesNotPage() {
    // given three days of passing checks and 3 failures in the last 30 s
    long days = Duration.ofDays(3).toMillis();
    Evaluation e = evaluate(checks(days, t -> t >= days - 30_000), null);
    // then the 5m window burns 100x, but the 1h one only 8x: nothing holds
    assertThat(e.level()).isNull();
  }

  @Test
  void aLongLowBurnTicketsButDoesNotPage() {
    // given three days at a steady 0.5% error ratio: 5x the budget everywhere
    long days = Duration.ofDays(3).toMillis();
    Evaluation e = evaluate(checks(days, t -> (t / STEP) % 200 == 0), null);
    // then a P3 ticket from the 3d/6h pair, not a page
    assertThat(e.level()).isNotNull();
    assertThat(e.level().severity()).isEqualTo(Severity.P3);
    assertThat(e.value()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.1));
    assertThat(e.window()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void theLongWindowAloneDoesNotPageEither() {
    // given the fast burn an hour ago, and 6 minutes of passing checks since: 1h still burns 15x,
    // but the 5m window is clean; the 6h/30m pair (6x) still holds: the page goes on for 30 m
    long hour = Duration.ofHours(1).toMillis();
    List<Event> events = checks(hour + 7 * 60_000, t -> t >= hour && t < hour + 60_000);
    Evaluation e = evaluate(events, Severity.P1);
    assertThat(e.level().severity()).isEqualTo(Severity.P1);
    assertThat(e.level().window()).isEqualTo(Duration.ofHours(6));
    // when the failures have left the 30m window too: down to the ticket
    events = checks(hour + 40 * 60_000, t -> t >= hour && t < hour + 60_000);
    e = evaluate(events, Severity.P1);
    assertThat(e.level().severity()).isEqualTo(Severity.P3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          confirm window not shorter | P3: { when: ">= 1", window: 3d, confirmWindow: 6h } | P3: { when: ">= 1", window: 1h, confirmWindow: 6h } | f.yaml:13: severity P3: confirmWindow must be shorter than the level's window (1h) in rule 'availability-slo'
          window below resolution    | P3: { when: ">= 1", window: 3d, confirmWindow: 6h } | P3: { when: ">= 1", window: 3d, confirmWindow: 30s } | f.yaml:13: severity P3: window 30s is shorter than the resolution 1m in rule 'availability-slo'
          too many buckets           | resolution: 1m | resolution: 10s | f.yaml:6: window / resolution must be at most 10000 buckets (for the longest window, 3d) in rule 'availability-slo'
          bad level window           | P3: { when: ">= 1", window: 3d, confirmWindow: 6h } | P3: { when: ">= 1", window: 3 days } | f.yaml:13: severity P3 window: bad duration '3 days': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m in rule 'availability-slo'
          bad scale                  | scale: 1000 | scale: -1 | f.yaml:8: scale must be a number > 0, e.g. 1000 in rule 'availability-slo'
          unknown level field        | P3: { when: ">= 1", window: 3d, confirmWindow: 6h } | P3: { when: ">= 1", short: 6h } | f.yaml:13: unknown field 'short' in severity P3 (expected when, recover, window, confirmWindow) in rule 'availability-slo'
          empty alternatives         | P3: { when: ">= 1", window: 3d, confirmWindow: 6h } | P3: [] | f.yaml:13: severity P3 needs at least one condition in rule 'availability-slo'
          """)
  void reportsLevelWindowProblemsWithTheirLine(
      String name, String line, String replaced, String problem) {
    String yaml = SLO.replace(line, replaced);
    assertThat(yaml).isNotEqualTo(SLO);
    RuleLoader.Result r = new RuleLoader().validate(Map.of("f.yaml", yaml));
    assertThat(r.problems()).extracting(RuleProblem::toString).containsExactly(problem);
  }

  @Test
  void levelWindowsCannotBeUsedWithAbsent() {
    RuleLoader.Result r =
        new RuleLoader()
            .validate(
                Map.of(
                    "f.yaml",
                    """
                    - id: x
                      source: infra
                      measure: absent
                      severity:
                        P1: { when: "> 60", window: 1h }
                    """));
    assertThat(r.problems())
        .extracting(RuleProblem::toString)
        .containsExactly(
            "f.yaml:5: severity P1: window and confirmWindow cannot be used with seconds since"
                + " last event in rule 'x'");
  }
}
