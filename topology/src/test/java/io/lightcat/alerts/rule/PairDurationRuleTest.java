package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code duration} measure: parsing, validation with file:line, and what a pair adds. */
class PairDurationRuleTest {
  /** A valid duration rule; rows replace one of its lines. Line numbers: id is line 1. */
  private static final String VALID =
      """
      - id: slow-pay
        source: payments
        groupBy: [tier]
        window: 1h
        measure:
          duration:
            from: kind == "invoice_created"
            to: kind == "payment_confirmed"
            by: invoiceId
            stat: avg
            timeout: 1h
        severity: { P2: "> 10" }
      """;

  @Test
  void parsesAllParts() {
    // when
    Rule rule =
        parse(VALID.replace("stat: avg", "stat: p95").replace("timeout: 1h", "timeout: 30m"));
    // then
    assertThat(rule.measure())
        .isEqualTo(
            new Measure.PairDuration(
                "kind == \"invoice_created\"",
                "kind == \"payment_confirmed\"",
                "invoiceId",
                new Measure.Percentile(0.95, Measure.PairDuration.SECONDS),
                Duration.ofMinutes(30)));
  }

  @Test
  void statDefaultsToAvgAndTimeoutToOneHour() {
    // when
    Rule rule = parse(VALID.replace("      stat: avg\n", "").replace("      timeout: 1h\n", ""));
    // then
    Measure.PairDuration m = (Measure.PairDuration) rule.measure();
    assertThat(m.stat())
        .isEqualTo(new Measure.Stat(Measure.Stat.Kind.AVG, Measure.PairDuration.SECONDS));
    assertThat(m.timeout()).isEqualTo(Duration.ofHours(1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          missing from       | from: kind == "invoice_created" | | f.yaml:6: duration needs 'from': a bool expression that picks the start events, e.g. kind == "invoice_created" in rule 'slow-pay'
          missing to         | to: kind == "payment_confirmed" | | f.yaml:6: duration needs 'to': a bool expression that picks the end events, e.g. kind == "payment_confirmed" in rule 'slow-pay'
          missing by         | by: invoiceId | | f.yaml:6: duration needs 'by': the field that pairs a start with its end, e.g. invoiceId in rule 'slow-pay'
          empty by           | by: invoiceId | by: "" | f.yaml:9: duration by must be the field that pairs a start with its end, e.g. invoiceId in rule 'slow-pay'
          bad stat           | stat: avg | stat: median | f.yaml:10: duration stat 'median' must be avg, max, min, sum, count or a percentile p1..p99.9 in rule 'slow-pay'
          percentile p0      | stat: avg | stat: p0 | f.yaml:10: duration stat 'p0' must be avg, max, min, sum, count or a percentile p1..p99.9 in rule 'slow-pay'
          bad timeout        | timeout: 1h | timeout: an hour | f.yaml:11: duration timeout: bad duration 'an hour': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m in rule 'slow-pay'
          zero timeout       | timeout: 1h | timeout: 0 | f.yaml:11: duration timeout must be longer than zero in rule 'slow-pay'
          unknown part       | timeout: 1h | timout: 1h | f.yaml:11: unknown duration field 'timout' (expected from, to, by, stat, timeout) in rule 'slow-pay'
          """)
  void reportsParseProblemsWithTheirLine(
      String name, String line, String replacement, String problem) {
    // given
    String yaml =
        replacement == null
            ? VALID.replaceFirst("\\n *" + java.util.regex.Pattern.quote(line), "")
            : VALID.replace(line, replacement);
    assertThat(yaml).isNotEqualTo(VALID);
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", yaml);
    // then
    assertThat(r.problems()).extracting(RuleProblem::toString).containsExactly(problem);
  }

  @Test
  void durationMustBeAMapping() {
    // given
    String yaml =
        """
        - id: slow-pay
          source: payments
          window: 1h
          measure: { duration: invoiceId }
          severity: { P2: "> 10" }
        """;
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", yaml);
    // then
    assertThat(r.problems())
        .extracting(RuleProblem::toString)
        .containsExactly(
            "f.yaml:4: duration needs { from: <bool expr>, to: <bool expr>, by: <field>, stat: avg,"
                + " timeout: 1h } in rule 'slow-pay'");
  }

  @Test
  void spikeOfADurationIsRejected() {
    // given
    String yaml =
        """
        - id: s
          source: payments
          window: 1h
          measure: { spike: { of: { duration: { from: "true", to: "true", by: invoiceId } } } }
          severity: { P2: "> 3" }
        """;
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", yaml);
    // then
    assertThat(r.problems())
        .extracting(RuleProblem::toString)
        .singleElement()
        .asString()
        .startsWith("f.yaml:4: spike cannot be of avg seconds from true to true by invoiceId");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          from not a bool   | from: kind == "invoice_created" | from: amountSats | f.yaml:7: duration from: expression 'amountSats' must be a bool but is int in rule 'slow-pay'
          to not a bool     | to: kind == "payment_confirmed" | to: kind | f.yaml:8: duration to: expression 'kind' must be a bool but is string in rule 'slow-pay'
          undeclared in to  | to: kind == "payment_confirmed" | to: knd == "x" | f.yaml:8: duration to: expression 'knd == "x"' is invalid: at 1:1: undeclared reference to 'knd' (in container '') in rule 'slow-pay'
          undeclared by     | by: invoiceId | by: invoice | f.yaml:9: duration by: 'invoice' is not a field of payments events in rule 'slow-pay'
          """)
  void reportsCompileProblemsWithTheirLine(
      String name, String line, String replacement, String problem) {
    // when
    RuleLoader.Result r =
        new RuleLoader().validate(Map.of("f.yaml", VALID.replace(line, replacement)));
    // then
    assertThat(r.problems()).extracting(RuleProblem::toString).containsExactly(problem);
  }

  @Test
  void cannotPairByAMapField() {
    // given
    String yaml =
        """
        - id: r
          source: requests
          window: 1h
          measure: { duration: { from: status == 200, to: status == 500, by: headers } }
          severity: { P2: "> 10" }
        """;
    // when
    RuleLoader.Result r = new RuleLoader().validate(Map.of("f.yaml", yaml));
    // then
    assertThat(r.problems())
        .extracting(RuleProblem::toString)
        .containsExactly("f.yaml:4: duration by: cannot pair by map field 'headers' in rule 'r'");
  }

  @Test
  void describesTheStatAndThePair() {
    assertThat(parse(VALID).measure().describe())
        .isEqualTo(
            "avg seconds from kind == \"invoice_created\" to kind == \"payment_confirmed\" by"
                + " invoiceId (timeout 1h)");
    assertThat(parse(VALID.replace("stat: avg", "stat: p99")).measure().describe())
        .startsWith("p99 seconds from ");
    assertThat(parse(VALID.replace("stat: avg", "stat: count")).measure().describe())
        .startsWith("count of pairs from ");
  }

  @Test
  void tellsStartsFromEndsAndReadsThePairKey() {
    // given
    CompiledRule rule =
        RuleFixtures.compile(VALID.replace("groupBy: [tier]", "filter: tier != \"gold\""));
    Event created = payment("invoice_created", "inv-1", "silver");
    Event confirmed = payment("payment_confirmed", "inv-1", "silver");
    // then
    assertThat(rule.pairsEvents()).isTrue();
    assertThat(rule.pairHalf(created)).contains(CompiledRule.Half.START);
    assertThat(rule.pairHalf(confirmed)).contains(CompiledRule.Half.END);
    assertThat(rule.pairHalf(payment("payment_failed", "inv-1", "silver"))).isEmpty();
    assertThat(rule.pairHalf(payment("invoice_created", "inv-1", "gold"))).as("filtered").isEmpty();
    assertThat(rule.pairHalf(payment("invoice_created", null, "silver"))).as("no key").isEmpty();
    assertThat(rule.pairKey(created)).contains("inv-1");
    assertThat(rule.addTo(new Aggregate(), created)).as("no per-event partial").isFalse();
  }

  @Test
  void aPairAddsItsSecondsAtTheEnd() {
    // given
    CompiledRule avg = RuleFixtures.compile(VALID);
    CompiledRule p95 = RuleFixtures.compile(VALID.replace("stat: avg", "stat: p95"));
    // when
    Optional<Aggregate> pair = avg.pairContribution(1_000, 13_500, "inv-1");
    // then
    assertThat(pair).isPresent();
    assertThat(pair.get().count()).isEqualTo(1);
    assertThat(pair.get().sum()).isEqualTo(12.5);
    assertThat(pair.get().maxTimestamp()).isEqualTo(13_500);
    assertThat(pair.get().samples()).containsExactly("inv-1");
    assertThat(pair.get().quantile(0.5)).as("no sketch for avg").isNaN();
    assertThat(p95.pairContribution(1_000, 13_500, "inv-1").orElseThrow().quantile(0.95))
        .isEqualTo(12.5);
    assertThat(avg.pairContribution(13_500, 1_000, "x")).as("end before start").isEmpty();
    assertThat(avg.pairContribution(0, 3_600_000, "x")).as("exactly the timeout").isPresent();
    assertThat(avg.pairContribution(0, 3_600_001, "x")).as("beyond the timeout").isEmpty();
  }

  private static Rule parse(String yaml) {
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", yaml);
    assertThat(r.problems()).isEmpty();
    return r.rules().get(0);
  }

  private static Event payment(String kind, String invoiceId, String tier) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", kind);
    if (invoiceId != null) {
      f.put("invoiceId", invoiceId);
    }
    f.put("tier", tier);
    return new Event(EventStream.PAYMENTS, 0, null, f);
  }
}
