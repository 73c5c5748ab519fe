package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code schedule: daily} and {@code figures:}. */
class DailyDigestRuleTest {
  static final String DIGEST =
      """
      - id: daily-payment-summary
        source: payments
        schedule: daily
        measure: count
        figures:
          confirmed: { sum: "kind == 'payment_confirmed' ? 1 : 0" }
          successRate: { ratio: kind == "payment_confirmed" }
          revenueSats: { sum: "kind == 'payment_confirmed' ? amountSats : 0" }
          invoices: { distinct: invoiceId }
        severity: { P4: ">= 1" }
      """;

  private static Event payment(long ts, String kind, String invoice, long sats) {
    Map<String, Object> f = new HashMap<>();
    f.put("eventId", invoice + kind);
    f.put("kind", kind);
    f.put("invoiceId", invoice);
    if (sats > 0) {
      f.put("amountSats", sats);
    }
    return new Event(EventStream.PAYMENTS, ts, invoice, f);
  }

  @Test
  void parsesTheScheduleWithADayWindowAndHourBuckets() {
    Rule r = RuleFixtures.compile(DIGEST).rule();
    assertThat(r.daily()).isTrue();
    assertThat(r.window()).isEqualTo(Duration.ofDays(1));
    assertThat(r.resolution()).isEqualTo(Duration.ofHours(1));
    assertThat(r.figures()).containsOnlyKeys("confirmed", "successRate", "revenueSats", "invoices");
    assertThat(r.figures().keySet())
        .containsExactly("confirmed", "successRate", "revenueSats", "invoices");
  }

  @Test
  void theDayIsATumblingWindowWithEveryFigure() {
    // given payments on day 0 and one on day 1
    CompiledRule rule = RuleFixtures.compile(DIGEST);
    long day = Duration.ofDays(1).toMillis();
    GroupWindow w =
        RuleFixtures.window(
            rule,
            List.of(
                payment(1_000, "payment_confirmed", "i1", 5_000),
                payment(day - 1, "payment_confirmed", "i2", 7_000),
                payment(3_600_000, "payment_failed", "i3", 0),
                payment(day, "payment_confirmed", "i4", 100_000)));
    // when the day that ends at the first boundary is evaluated
    Evaluation e = WindowEvaluator.evaluateDay(rule.rule(), w, day);
    // then it holds exactly day 0's events
    assertThat(e.value()).isEqualTo(3.0);
    assertThat(e.level().severity()).isEqualTo(Severity.P4);
    assertThat(e.windowStart()).isZero();
    assertThat(e.windowEnd()).isEqualTo(day);
    assertThat(e.figures())
        .containsEntry("confirmed", 2.0)
        .containsEntry("revenueSats", 12_000.0)
        .containsEntry("invoices", 3.0);
    assertThat(e.figures().get("successRate"))
        .isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void figuresSurviveSerialization() {
    CompiledRule rule = RuleFixtures.compile(DIGEST);
    Aggregate a = new Aggregate();
    rule.addTo(a, payment(1, "payment_confirmed", "i1", 5_000));
    Aggregate back = Aggregate.fromBytes(a.toBytes());
    assertThat(back.figure(2).sum()).isEqualTo(5_000.0);
    assertThat(back.figure(3).distinct()).isEqualTo(1.0);
    assertThat(back.count()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unknown schedule         | schedule: daily | schedule: hourly | f.yaml:3: schedule must be 'daily' (leave it out for a sliding window) in rule 'daily-payment-summary'
          window on a daily rule   | schedule: daily | schedule: daily\\n  window: 1d | f.yaml:4: a daily rule has no window: it covers the UTC day in rule 'daily-payment-summary'
          for on a daily rule      | schedule: daily | schedule: daily\\n  for: 1m | f.yaml:4: for does not apply to a daily rule: its digest fires at the day boundary and resolves at the next in rule 'daily-payment-summary'
          resolution not dividing  | schedule: daily | schedule: daily\\n  resolution: 7h | f.yaml:4: a daily rule's resolution must divide a day evenly, e.g. 1h in rule 'daily-payment-summary'
          absent daily             | measure: count | measure: absent | f.yaml:4: a daily rule cannot measure seconds since last event in rule 'daily-payment-summary'
          spike figure             | invoices: { distinct: invoiceId } | invoices: { spike: { of: count } } | f.yaml:9: figure 'invoices' cannot be spike of count vs previous 6 windows in rule 'daily-payment-summary'
          bad figure name          | invoices: { distinct: invoiceId } | 9lives: count | f.yaml:9: figure name '9lives' must be a word (letters, digits, _) in rule 'daily-payment-summary'
          bad figure expression    | invoices: { distinct: invoiceId } | invoices: { distinct: invoiceID } | f.yaml:9: figure invoices: expression 'invoiceID' is invalid
          figures not a mapping    | figures: | figures: []\\n  x: | f.yaml:5: figures must map names to measures, e.g. { revenue: { sum: amountSats } } in rule 'daily-payment-summary'
          """)
  void reportsDigestProblemsWithTheirLine(
      String name, String line, String replaced, String problem) {
    String yaml = DIGEST.replace(line, replaced.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(DIGEST);
    RuleLoader.Result r = new RuleLoader().validate(Map.of("f.yaml", yaml));
    assertThat(r.problems()).extracting(RuleProblem::toString).anyMatch(p -> p.startsWith(problem));
  }
}
