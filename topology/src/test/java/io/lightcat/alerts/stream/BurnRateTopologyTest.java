package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.lifecycle.Alert;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Multiwindow burn-rate levels in the production topology. */
class BurnRateTopologyTest {
  private static final String SLO =
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
        summary: "{{target}} burns its error budget at {{value | round}}x over {{window}}"
      """;

  private static void check(RuleEngineDriver d, Duration at, boolean ok) {
    d.infra(at, Map.of("kind", "health_check", "target", "web", "url", "https://x", "ok", ok));
  }

  @Test
  void aFastBurnPagesThenSettlesToATicketOnceTheShortWindowsAreClean() {
    try (RuleEngineDriver d = new RuleEngineDriver(SLO)) {
      // given six hours of passing checks every 30 s
      Duration t = Duration.ZERO;
      for (; t.compareTo(Duration.ofHours(6)) < 0; t = t.plusSeconds(30)) {
        check(d, t, true);
      }
      assertThat(d.alerts()).isEmpty();
      // when one check fails: 8x over 1h, 1.4x over 6h: a ticket (3d/6h), no page
      check(d, t, false);
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P3");
      // when a second fails: 2 of 122 in the hour (16x budget), 2 of 11 in 5 minutes: a page
      check(d, t.plusSeconds(30), false);
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P3", "P1");
      Alert page = d.alerts().get(1);
      assertThat(page.summary())
          .startsWith("web burns its error budget at 16.")
          .endsWith("x over 1h");
      assertThat(page.evidence()).containsEntry("confirmWindow", "5m");
      // when checks pass again for 40 minutes: the 5m and 30m windows are clean
      Duration end = t.plusMinutes(40);
      for (t = t.plusSeconds(60); t.compareTo(end) < 0; t = t.plusSeconds(30)) {
        check(d, t, true);
      }
      // then the page steps down to the ticket (the 3d/6h pair still burns > 1x)
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P3", "P1", "P3");
      assertThat(d.alerts()).extracting(Alert::status).containsOnly("firing");
    }
  }

  @Test
  void aBlipInTheShortWindowAloneNeverPages() {
    try (RuleEngineDriver d = new RuleEngineDriver(SLO)) {
      // given six hours of passing checks every 30 s with one failure at the end:
      // 5m burns ~100x, but 1h only 8x and 6h 1.4x
      Duration t = Duration.ZERO;
      for (; t.compareTo(Duration.ofHours(6)) < 0; t = t.plusSeconds(30)) {
        check(d, t, true);
      }
      check(d, t, false);
      check(d, t.plusSeconds(30), true);
      // then no page; the 3d/6h pair (1.4x over the six hours seen) opens a ticket
      assertThat(d.alerts()).extracting(Alert::severity).containsExactly("P3");
    }
  }
}
