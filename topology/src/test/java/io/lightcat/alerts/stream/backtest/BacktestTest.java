package io.lightcat.alerts.stream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestTest {
  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  static final Duration BURST_EVERY = Duration.ofSeconds(30);
  static final TopicNames TOPICS = TopicNames.defaults();

  static final String RULE =
      """
      - id: checkout-errors
        source: requests
        groupBy: [service]
        window: 2m
        resolution: 30s
        measure: { ratio: status >= 500 }
        minEvents: 5
        severity: { P2: "%s" }
      """;

  static RuleSet rules(String threshold) {
    RuleLoader.Result loaded =
        new RuleLoader().validate(Map.of("r.yaml", RULE.formatted(threshold)));
    assertThat(loaded.problems()).isEmpty();
    return loaded.rules();
  }

  /** The time of burst {@code i}. */
  static Instant burst(int i) {
    return T0.plus(BURST_EVERY.multipliedBy(i));
  }

  /**
   * 36 bursts of 10 checkout requests, 30 s apart: calm, then 20% failing (bursts 8–11), calm, then
   * all failing (bursts 20–23), calm again. Every burst shares one timestamp at the start of a
   * bucket, so per-event and per-bucket evaluation agree.
   */
  static List<HistoryRecord> history() {
    List<HistoryRecord> out = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      int failing = i >= 8 && i <= 11 ? 2 : i >= 20 && i <= 23 ? 10 : 0;
      for (int j = 0; j < 10; j++) {
        Events.Builder e =
            Events.request().service("checkout").status(j < failing ? 500 : 200).at(burst(i));
        out.add(
            new HistoryRecord(
                TOPICS.requests(),
                "checkout".getBytes(StandardCharsets.UTF_8),
                e.bytes(),
                burst(i).toEpochMilli()));
      }
    }
    return out;
  }

  static BacktestResult run(String threshold) {
    return new Backtest(rules(threshold), TOPICS).run(T0, burst(36), history());
  }

  @Test
  void replaysTheHistoryIntoTheTransitionsTheRuleWouldHaveProduced() {
    BacktestResult result = run("> 0.1");

    assertThat(result.records()).isEqualTo(360);
    assertThat(result.transitions())
        .extracting(a -> a.status() + " " + a.severity() + " " + a.startsAt() + " " + a.endsAt())
        .containsExactly(
            "firing P2 " + burst(10) + " null",
            "resolved P2 " + burst(10) + " " + burst(14),
            "firing P2 " + burst(20) + " null",
            "resolved P2 " + burst(20) + " " + burst(28));
    assertThat(result.transitions())
        .extracting(Alert::labels)
        .containsOnly(Map.of("service", "checkout"));
  }

  @Test
  void aHigherThresholdRemovesTheMildEpisodeAndShortensTheOther() {
    List<Episode> baseline = Episode.of(run("> 0.1").transitions());
    List<Episode> candidate = Episode.of(run("> 0.4").transitions());

    List<AlertDifference> diff = AlertDifference.between(baseline, candidate);

    assertThat(diff).extracting(AlertDifference::change).containsExactly("removed", "shifted");
    assertThat(diff.get(0).before().startsAt()).isEqualTo(burst(10));
    assertThat(diff.get(0).after()).isNull();
    AlertDifference shifted = diff.get(1);
    assertThat(shifted.before().startsAt()).isEqualTo(burst(20));
    assertThat(shifted.before().endsAt()).isEqualTo(burst(28));
    assertThat(shifted.after().startsAt()).isEqualTo(burst(22));
    assertThat(shifted.after().endsAt()).isEqualTo(burst(26));
    assertThat(AlertDifference.between(baseline, baseline)).isEmpty();
    assertThat(AlertDifference.between(candidate, baseline))
        .extracting(AlertDifference::change)
        .containsExactly("added", "shifted");
  }

  @Test
  void aSeverityChangeWithinOneEpisodeIsAShift() {
    Episode p2 = new Episode("fp", "r", Map.of(), burst(1), burst(5), List.of("P2"));
    Episode p2ThenP1 = new Episode("fp", "r", Map.of(), burst(1), burst(5), List.of("P2", "P1"));
    assertThat(AlertDifference.between(List.of(p2), List.of(p2ThenP1)))
        .extracting(AlertDifference::change)
        .containsExactly("shifted");
  }
}
