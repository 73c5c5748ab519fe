package io.lightcat.alerts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightcat.alerts.lifecycle.AlertState;
import io.lightcat.alerts.rule.Aggregate;
import io.lightcat.alerts.rule.GroupWindow;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.GroupKey;
import io.lightcat.alerts.stream.GroupState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesRequestTest {
  private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  private static final RuleSet RULES =
      new RuleLoader()
          .validate(
              Map.of(
                  "test.yaml",
                  """
                  - id: errors
                    source: requests
                    groupBy: [service, route]
                    window: 1m
                    resolution: 10s
                    measure: { ratio: status >= 500 }
                    severity: { P2: "> 0.5" }
                  """))
          .rules();

  @Test
  void parsesGroupLabelsRepeatedOrCommaSeparatedAndTheTimeRange() {
    // when
    SeriesRequest r =
        SeriesRequest.parse(
            RULES,
            "errors",
            List.of("service=api,route=/x"),
            "2026-11-28T12:00:00Z",
            "2026-11-28T13:00:00Z");
    SeriesRequest repeated =
        SeriesRequest.parse(RULES, "errors", List.of("route=/x", "service=api"), null, null);

    // then
    assertThat(r.key()).isEqualTo(new GroupKey("errors", Map.of("service", "api", "route", "/x")));
    assertThat(repeated.key()).isEqualTo(r.key());
    assertThat(r.from()).isEqualTo(T0);
    assertThat(r.to()).isEqualTo(T0.plusSeconds(3600));
  }

  @Test
  void anUnknownRuleIsNoSuchRule() {
    assertThatThrownBy(() -> SeriesRequest.parse(RULES, "nope", List.of(), null, null))
        .isInstanceOf(NoSuchRuleException.class)
        .hasMessage("no rule with id nope");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "service                 | ''   | ''   | group must be label=value pairs, not 'service'",
        "service=api             | ''   | ''   | group must give exactly the labels [service, route] of rule errors, not [service]",
        "service=api,route=/x,a=b | ''  | ''   | group must give exactly the labels [service, route] of rule errors, not [a, route, service]",
        "service=api,route=/x    | noon | ''   | from must be an ISO-8601 instant such as 2026-11-28T12:00:00Z, not 'noon'",
        "service=api,route=/x    | 2026-11-28T13:00:00Z | 2026-11-28T12:00:00Z | from must not be after to",
      })
  void badParametersAreBadQueriesNamingTheParameter(
      String group, String from, String to, String message) {
    assertThatThrownBy(() -> SeriesRequest.parse(RULES, "errors", List.of(group), from, to))
        .isInstanceOf(BadQueryException.class)
        .hasMessage(message);
  }

  @Test
  void pointsAreTheRuleValueAtEachRetainedBucketWithinTheRange() {
    // given buckets at T0 (2 of 2 failing), T0+10s (0 of 2 failing), T0+20s (none)
    long t0 = T0.toEpochMilli();
    TreeMap<Long, Aggregate> buckets = new TreeMap<>();
    buckets.put(
        t0, new Aggregate().addEvent(t0, null).addMatch().addEvent(t0 + 1, null).addMatch());
    buckets.put(
        t0 + 10_000, new Aggregate().addEvent(t0 + 10_000, null).addEvent(t0 + 10_001, null));
    GroupState state =
        new GroupState(new GroupWindow(buckets, t0 + 10_001), AlertState.INACTIVE, Double.NaN);
    SeriesRequest all =
        SeriesRequest.parse(RULES, "errors", List.of("service=api,route=/x"), null, null);
    SeriesRequest from10s =
        SeriesRequest.parse(
            RULES, "errors", List.of("service=api,route=/x"), "2026-11-28T12:00:05Z", null);

    // when / then: the window ending at each bucket
    assertThat(SeriesQueries.points(all, state))
        .containsExactly(
            new SeriesQueries.Point("2026-11-28T12:00:00Z", 1.0),
            new SeriesQueries.Point("2026-11-28T12:00:10Z", 0.5));
    assertThat(SeriesQueries.points(from10s, state))
        .containsExactly(new SeriesQueries.Point("2026-11-28T12:00:10Z", 0.5));
  }
}
