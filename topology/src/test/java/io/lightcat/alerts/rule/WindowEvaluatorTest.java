package io.lightcat.alerts.rule;

import static io.lightcat.alerts.rule.RuleFixtures.millis;
import static io.lightcat.alerts.rule.RuleFixtures.request;
import static io.lightcat.alerts.rule.RuleFixtures.requestsRule;
import static io.lightcat.alerts.rule.RuleFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.lightcat.alerts.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WindowEvaluatorTest {
  private static final String ANY_LEVEL = "{ P4: \">= 0\" }";
  private static final double NOW = 100;

  /** Requests at 45..95 s (all inside the window ending at 100 s) with latencies 10..60. */
  private static List<Event> six() {
    return List.of(
        request(45, 200, 10, "alice"),
        request(55, 500, 20, "bob"),
        request(95, 200, 60, "alice"), // newest by event time, arrives third
        request(65, 503, 30, "carol"),
        request(75, 200, 40, "bob"),
        request(85, 200, 50, "alice"));
  }

  static Stream<Arguments> everyMeasure() {
    return Stream.of(
        arguments("count", six(), 6.0),
        arguments("{ rate: per_second }", six(), 0.1),
        arguments("{ rate: per_minute }", six(), 6.0),
        arguments("{ rate: per_hour }", six(), 360.0),
        arguments("{ ratio: status >= 500 }", six(), 2 / 6.0),
        arguments("{ sum: latencyMs }", six(), 210.0),
        arguments("{ avg: latencyMs }", six(), 35.0),
        arguments("{ min: latencyMs }", six(), 10.0),
        arguments("{ max: latencyMs }", six(), 60.0),
        arguments("{ p50: latencyMs }", six(), 30.0),
        arguments("{ distinct: userId }", six(), 3.0),
        arguments("{ last: latencyMs }", six(), 60.0),
        arguments("{ avg: \"latencyMs * 2.0\" }", six(), 70.0),
        arguments("count", List.of(), 0.0),
        arguments("{ ratio: status >= 500 }", List.of(), Double.NaN),
        arguments("{ sum: latencyMs }", List.of(), 0.0),
        arguments("{ avg: latencyMs }", List.of(), Double.NaN),
        arguments("{ max: latencyMs }", List.of(), Double.NaN),
        arguments("{ p95: latencyMs }", List.of(), Double.NaN),
        arguments("{ distinct: userId }", List.of(), 0.0),
        arguments("{ last: latencyMs }", List.of(), Double.NaN));
  }

  @ParameterizedTest(name = "{0} over {1} is {2}")
  @MethodSource
  void everyMeasure(String measure, List<Event> events, double expected) {
    // given
    CompiledRule rule = requestsRule(measure, ANY_LEVEL);
    GroupWindow w = window(rule, events);
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), w, millis(NOW), null);
    // then
    assertThat(e.value()).isCloseTo(expected, within(1e-9));
    assertThat(e.events()).isEqualTo(events.size());
    assertThat(e.windowStart()).isEqualTo(millis(NOW - 60));
    assertThat(e.windowEnd()).isEqualTo(millis(NOW));
    // an empty window never raises a level, even one that any value would satisfy
    assertThat(e.holds()).isEqualTo(!events.isEmpty());
  }

  @ParameterizedTest(name = "event at {0} s, window ending at {1} s: counted {2}")
  @CsvSource(
      textBlock =
          """
          40,     100, true
          39.999, 100, false
          35,     100, false
          49.999, 100, true
          100,    100, true
          40,     105, true
          40,     109.999, true
          40,     110, false
          99,     160, false
          150,    160, true
          """)
  void windowIsEveryBucketOverlappingTheInterval(double at, double now, boolean counted) {
    // given a 1m window in 10s buckets: the window at now is (now - 60 s, now]
    CompiledRule rule = requestsRule("count", ANY_LEVEL);
    GroupWindow w = window(rule, List.of(request(at, 200, 1)));
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), w, millis(now), null);
    // then
    assertThat(e.value()).isEqualTo(counted ? 1.0 : 0.0);
  }

  @ParameterizedTest(name = "{0} events with minEvents 10: level {1}")
  @CsvSource(
      textBlock =
          """
          0,  false
          9,  false
          10, true
          30, true
          """)
  void minEventsKeepsThinWindowsQuiet(int events, boolean holds) {
    // given every request failing
    CompiledRule rule =
        RuleFixtures.compile(
            """
            - id: r
              source: requests
              window: 1m
              measure: { ratio: status >= 500 }
              minEvents: 10
              severity: { P1: "> 0.5" }
            """);
    List<Event> failing =
        IntStream.range(0, events).mapToObj(i -> request(50 + i, 500, 1)).toList();
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), window(rule, failing), millis(90), null);
    // then
    assertThat(e.holds()).isEqualTo(holds);
    if (events > 0) {
      assertThat(e.value()).isEqualTo(1.0); // the value is still measured
    }
  }

  @ParameterizedTest(name = "{0} of 20 failing: {1}")
  @CsvSource(
      textBlock =
          """
          20, P1
          11, P1
          10, P2
          5,  P2
          4,  P3
          3,  P3
          2,  ''
          0,  ''
          """)
  void mostUrgentLevelThatHoldsWins(int failing, String expected) {
    // given
    CompiledRule rule =
        requestsRule(
            "{ ratio: status >= 500 }", "{ P3: \"> 0.1\", P1: \"> 0.5\", P2: \">= 0.25\" }");
    List<Event> events =
        IntStream.range(0, 20).mapToObj(i -> request(50 + i, i < failing ? 500 : 200, 1)).toList();
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), window(rule, events), millis(90), null);
    // then
    assertThat(e.holds() ? e.level().severity().name() : "").isEqualTo(expected);
  }

  @ParameterizedTest(name = "memPct {0}, firing at {1}: {2}")
  @CsvSource(
      textBlock =
          """
          85, '', P2
          75, '', ''
          75, P2, P2
          70, P2, P2
          69, P2, ''
          75, P1, ''
          95, P2, P1
          93, P1, P1
          88, P1, P2
          """)
  void recoveryThresholdsAddHysteresisPerLevel(double memPct, String current, String expected) {
    // given P1 above 90 (recovering below 90) and P2 above 80, recovering only below 70
    CompiledRule rule =
        RuleFixtures.compile(
            """
            - id: mem
              source: infra
              groupBy: [host]
              window: 1m
              measure: { last: memPct }
              severity:
                P1: "> 90"
                P2: { when: "> 80", recover: "< 70" }
            """);
    Event host =
        new Event(
            io.lightcat.alerts.event.EventStream.INFRA,
            millis(50),
            "h1",
            java.util.Map.of("kind", "host", "host", "h1", "memPct", memPct));
    Severity at = current.isEmpty() ? null : Severity.valueOf(current);
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), window(rule, List.of(host)), 60_000, at);
    // then
    assertThat(e.holds() ? e.level().severity().name() : "").isEqualTo(expected);
  }

  @ParameterizedTest(name = "when ''{0}'' recover ''{1}'': {2} at this level {3} holds {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          > 80 | < 70 | 81  | false | true
          > 80 | < 70 | 75  | false | false
          > 80 | < 70 | 75  | true  | true
          > 80 | < 70 | 70  | true  | true
          > 80 | < 70 | 69  | true  | false
          > 80 | < 70 | NaN | true  | false
          > 80 |      | 75  | true  | false
          < 5  | > 10 | 8   | true  | true
          < 5  | > 10 | 11  | true  | false
          < 5  | > 10 | 8   | false | false
          """)
  void severityLevelHolds(
      String when, String recover, double value, boolean atThisLevel, boolean expected) {
    // given
    SeverityLevel level =
        new SeverityLevel(
            Severity.P2, Condition.parse(when), recover == null ? null : Condition.parse(recover));
    // when / then
    assertThat(level.holds(value, atThisLevel)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "last event at {0} s, now {1} s: {2} s absent, level {3}")
  @CsvSource(
      textBlock =
          """
          10, 10,    0,    false
          10, 69.5,  59.5, false
          10, 70,    60,   true
          10, 3610,  3600, true
          """)
  void absentIsSecondsSinceTheGroupsLastEvent(
      double last, double now, double seconds, boolean holds) {
    // given
    CompiledRule rule =
        RuleFixtures.compile(
            """
            - id: gone
              source: requests
              measure: absent
              severity: { P1: ">= 60" }
            """);
    GroupWindow w = window(rule, List.of(request(last - 5, 200, 1), request(last, 200, 1)));
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), w, millis(now), null);
    // then
    assertThat(e.value()).isEqualTo(seconds);
    assertThat(e.holds()).isEqualTo(holds);
  }

  @Test
  void aGroupNeverSeenIsNotAbsent() {
    // given
    CompiledRule rule =
        RuleFixtures.compile(
            """
            - id: gone
              source: requests
              measure: absent
              severity: { P1: ">= 0" }
            """);
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), new GroupWindow(), 1_000_000, null);
    // then
    assertThat(e.value()).isNaN();
    assertThat(e.holds()).isFalse();
  }

  static Stream<Arguments> spike() {
    return Stream.of(
        arguments("3x the usual", new int[] {10, 10, 10}, 30, 3.0, "P2"),
        arguments("mean of the previous windows", new int[] {5, 10, 15}, 20, 2.0, "P2"),
        arguments("as usual", new int[] {10, 10, 10}, 10, 1.0, ""),
        arguments("a fifth of the usual", new int[] {10, 10, 10}, 2, 0.2, ""),
        arguments("baseline below minBaseline", new int[] {4, 4, 4}, 40, Double.NaN, ""),
        arguments("no baseline at all", new int[] {0, 0, 0}, 40, Double.NaN, ""),
        arguments("silent now", new int[] {10, 10, 10}, 0, 0.0, ""),
        arguments("older history is ignored", new int[] {10, 10, 10, 99}, 30, 3.0, "P2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void spike(String name, int[] previous, int current, double expected, String level) {
    // given a 1m window compared with the mean of the 3 before it, at least 5 events on average
    CompiledRule rule =
        requestsRule("{ spike: { of: count, baseline: 3, minBaseline: 5 } }", "{ P2: \">= 2\" }");
    long now = millis(600);
    // events sit in buckets 10-20 s into each window: a bucket starting exactly at a window's end
    // overlaps both that window and the next one
    List<Event> events = new ArrayList<>();
    for (int w = 0; w < previous.length; w++) {
      double windowEnd = 600 - 60.0 * (w + 1);
      for (int i = 0; i < previous[w]; i++) {
        events.add(request(windowEnd - 45 + i * 0.1, 200, 1));
      }
    }
    for (int i = 0; i < current; i++) {
      events.add(request(555 + i * 0.1, 200, 1));
    }
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), window(rule, events), now, null);
    // then
    assertThat(e.value()).isCloseTo(expected, within(1e-9));
    assertThat(e.holds() ? e.level().severity().name() : "").isEqualTo(level);
  }

  @ParameterizedTest(name = "p{0}")
  @CsvSource({"0.5", "0.95", "0.99"})
  void percentilesAreWithinTheSketchsRankError(double q) {
    // given 20 000 latencies 1..20000 in random order
    int n = 20_000;
    CompiledRule rule = requestsRule("{ p" + Math.round(q * 100) + ": latencyMs }", ANY_LEVEL);
    List<Event> events = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      events.add(request(50 + (i % 400) * 0.1, 200, i));
    }
    Collections.shuffle(events, new Random(7));
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), window(rule, events), millis(95), null);
    // then the value's rank is within the sketch's normalized rank error of q
    double rankError = KllDoublesSketch.getNormalizedRankError(Aggregate.KLL_K, false);
    assertThat(rankError).isLessThan(0.014);
    assertThat(e.value() / n).isCloseTo(q, within(rankError));
  }

  @Test
  void distinctIsWithinThreePercent() {
    // given 10 000 distinct users, each seen twice, one partial per event
    int n = 10_000;
    CompiledRule rule = requestsRule("{ distinct: userId }", ANY_LEVEL);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 2 * n; i++) {
      events.add(request(50 + (i % 400) * 0.1, 200, 1, "user-" + (i % n)));
    }
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), window(rule, events), millis(95), null);
    // then
    assertThat(e.value()).isCloseTo(n, within(0.03 * n));
  }

  @Test
  void lastIsTheLatestByEventTimeWhateverTheArrivalOrder() {
    // given values whose event times run backwards as they arrive
    CompiledRule rule = requestsRule("{ last: latencyMs }", ANY_LEVEL);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(request(90 - i, 200, 1000 + i)); // newest first
    }
    // when
    Evaluation e = WindowEvaluator.evaluate(rule.rule(), window(rule, events), millis(95), null);
    // then the value of the event at 90 s
    assertThat(e.value()).isEqualTo(1000.0);
  }

  @Test
  void eventsWithoutTheMeasuredFieldDoNotCount() {
    // given a request without a userId
    CompiledRule rule = requestsRule("{ distinct: userId }", ANY_LEVEL);
    Event noUser =
        new Event(
            io.lightcat.alerts.event.EventStream.REQUESTS,
            millis(50),
            "api",
            java.util.Map.of("service", "api", "route", "/", "status", 200L, "latencyMs", 1.0));
    // when
    Evaluation e =
        WindowEvaluator.evaluate(
            rule.rule(), window(rule, List.of(noUser, request(51, 200, 1))), millis(60), null);
    // then
    assertThat(e.events()).isEqualTo(1);
    assertThat(e.value()).isEqualTo(1.0);
  }
}
