package io.lightcat.alerts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertFilterTest {
  private static Alert alert(String rule, String status, String severity, String startsAt) {
    return new Alert(
        "id-" + rule,
        "fp-" + rule,
        rule,
        "v1",
        status,
        severity,
        rule,
        "s",
        Map.of(),
        1.0,
        0.5,
        null,
        startsAt,
        status.equals("resolved") ? "2026-11-28T13:00:00Z" : null,
        null,
        "PT15M",
        Map.of());
  }

  @ParameterizedTest
  @CsvSource({
    // status, severity, rule,    matches a firing P1 of rule "a"
    ",         ,         ,        true",
    "firing,   ,         ,        true",
    "FIRING,   p1,       a,       true",
    "resolved, ,         ,        false",
    ",         P2,       ,        false",
    ",         ,         b,       false",
  })
  void matchesWhenEveryGivenCriterionHolds(
      String status, String severity, String rule, boolean expected) {
    // given
    Alert a = alert("a", "firing", "P1", "2026-11-28T12:00:00Z");

    // when
    AlertFilter filter = AlertFilter.parse(status, severity, rule);

    // then
    assertThat(filter.matches(a)).isEqualTo(expected);
  }

  @Test
  void anUnknownStatusIsABadQueryNamingTheParameter() {
    assertThatThrownBy(() -> AlertFilter.parse("maybe", null, null))
        .isInstanceOf(BadQueryException.class)
        .hasMessage("status must be firing or resolved, not 'maybe'");
  }

  @Test
  void anUnknownSeverityIsABadQueryNamingTheParameter() {
    assertThatThrownBy(() -> AlertFilter.parse(null, "P9", null))
        .isInstanceOf(BadQueryException.class)
        .hasMessage("severity must be one of P1, P2, P3, P4, not 'P9'");
  }

  @Test
  void mergePutsTheNewestChangeFirst() {
    // given a resolved alert (ended 13:00) and two firing ones (started 12:00 and 12:30)
    Alert old = alert("old", "firing", "P1", "2026-11-28T12:00:00Z");
    Alert resolved = alert("resolved", "resolved", "P2", "2026-11-28T11:00:00Z");
    Alert recent = alert("recent", "firing", "P3", "2026-11-28T12:30:00Z");

    // when
    var merged =
        AlertQueries.merge(
            java.util.List.of(java.util.List.of(old, resolved), java.util.List.of(recent)));

    // then
    assertThat(merged).containsExactly(resolved, recent, old);
  }
}
