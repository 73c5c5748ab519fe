package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.lifecycle.Alert;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code duration} measure end to end: rule-pair-match → rule-pairs → rule-pairing. */
class RulePairingTopologyTest {
  private static final String SLOW_PAYMENTS =
      """
      - id: slow-pay
        source: payments
        groupBy: [tier]
        window: 1h
        resolution: 1m
        measure:
          duration:
            from: kind == "invoice_created"
            to: kind == "payment_confirmed"
            by: invoiceId
            stat: %s
            timeout: 10m
        severity: { P2: "%s" }
      """;

  private static String rule(String stat, String condition) {
    return SLOW_PAYMENTS.formatted(stat, condition);
  }

  @Test
  void averagesPairsPerTierOfTheStart() {
    try (RuleEngineDriver d = new RuleEngineDriver(rule("avg", "> 10"))) {
      // given gold invoices paid after 8 s and 14 s, silver ones after 30 s; the confirmations
      // carry another tier: a pair is grouped by its start
      created(d, 0, "g-1", "gold");
      created(d, 1, "g-2", "gold");
      created(d, 2, "s-1", "silver");
      confirmed(d, 8, "g-1", "bronze");
      assertThat(d.alerts()).as("8 s on average").isEmpty();
      confirmed(d, 15, "g-2", "bronze");
      // then gold fires at (8 + 14) / 2 = 11 s
      List<Alert> alerts = d.alerts();
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).labels()).containsEntry("tier", "gold");
      assertThat(alerts.get(0).value()).isEqualTo(11.0);
      assertThat(alerts.get(0).severity()).isEqualTo("P2");
      // when silver's invoice is confirmed 30 s later
      confirmed(d, 32, "s-1", null);
      // then silver fires on its own
      assertThat(d.alerts())
          .extracting(a -> a.labels().get("tier"), Alert::value)
          .containsExactly(tuple("gold", 11.0), tuple("silver", 30.0));
    }
  }

  @Test
  void anEndThatArrivesBeforeItsStartStillPairs() {
    try (RuleEngineDriver d = new RuleEngineDriver(rule("avg", "> 10"))) {
      // given the confirmation (t = 20 s) arrives first, its invoice (t = 5 s, within grace) next
      confirmed(d, 20, "g-1", null);
      assertThat(d.alerts()).isEmpty();
      created(d, 5, "g-1", "gold");
      // then they pair: 15 s
      assertThat(d.alerts()).singleElement().extracting(Alert::value).isEqualTo(15.0);
    }
  }

  @Test
  void duplicatesPairOnceAndTheEarliestStartCounts() {
    String both =
        rule("avg", "> 11.5") + rule("count", ">= 2").replace("id: slow-pay", "id: paid-twice");
    try (RuleEngineDriver d = new RuleEngineDriver(both)) {
      // given an invoice created twice (3 s apart), then confirmed twice
      created(d, 0, "g-1", "gold");
      created(d, 3, "g-1", "gold");
      confirmed(d, 12, "g-1", null);
      confirmed(d, 20, "g-1", null);
      // a late duplicate start, earlier than both, after the pair was made
      created(d, 1, "g-1", "gold");
      // then one pair of 12 s: the average rule fires, the count of pairs stays at 1
      assertThat(d.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.rule()).isEqualTo("slow-pay");
                assertThat(a.value()).isEqualTo(12.0);
              });
    }
  }

  @Test
  void aStartWithoutAnEndWithinTheTimeoutIsDroppedAndForgotten() {
    try (RuleEngineDriver d = new RuleEngineDriver(rule("count", ">= 1"))) {
      // given an invoice that is not confirmed within the 10 m timeout
      created(d, 0, "g-1", "gold");
      assertThat(d.pendingPairKeys()).containsExactly(new PairKey("slow-pay", "g-1").encode());
      // when stream time passes the timeout plus grace and the expiry runs
      created(d, 11 * 60, "g-2", "gold");
      d.advanceWallClock(RulePairingProcessor.EXPIRY_INTERVAL);
      // then only the newer invoice is still waiting
      assertThat(d.pendingPairKeys()).containsExactly(new PairKey("slow-pay", "g-2").encode());
      // and a confirmation that comes too late pairs with nothing
      confirmed(d, 11 * 60 + 5, "g-1", null);
      assertThat(d.alerts()).isEmpty();
    }
  }

  @Test
  void halvesFurtherApartThanTheTimeoutDoNotPairEvenBeforeExpiry() {
    try (RuleEngineDriver d = new RuleEngineDriver(rule("count", ">= 1"))) {
      created(d, 0, "g-1", "gold");
      confirmed(d, 10 * 60 + 1, "g-1", null);
      assertThat(d.alerts()).isEmpty();
      // the end is kept: a start within the timeout before it still pairs
      created(d, 10 * 60 - 9, "g-1", "gold");
      assertThat(d.alerts()).singleElement().extracting(Alert::value).isEqualTo(1.0);
    }
  }

  @Test
  void p95OfTheDurations() {
    try (RuleEngineDriver d = new RuleEngineDriver(rule("p95", "> 18"))) {
      // given 20 invoices paid after 1, 2, ... 20 s
      for (int i = 1; i <= 20; i++) {
        created(d, i * 100, "g-" + i, "gold");
        confirmed(d, i * 100 + i, "g-" + i, null);
      }
      // then the 95th percentile first exceeds 18 s with the 19th pair
      assertThat(d.alerts()).singleElement().extracting(Alert::value).isEqualTo(19.0);
    }
  }

  @Test
  void pairsBypassTheFlushBufferOfTheOtherRules() {
    try (RuleEngineDriver d = new RuleEngineDriver(rule("max", "> 10"), EngineConfig.defaults())) {
      created(d, 0, "g-1", "gold");
      confirmed(d, 12, "g-1", null);
      assertThat(d.alerts()).singleElement().extracting(Alert::value).isEqualTo(12.0);
    }
  }

  private static void created(RuleEngineDriver d, int second, String invoice, String tier) {
    d.payment(Duration.ofSeconds(second), payment("invoice_created", invoice, tier));
  }

  private static void confirmed(RuleEngineDriver d, int second, String invoice, String tier) {
    d.payment(Duration.ofSeconds(second), payment("payment_confirmed", invoice, tier));
  }

  private static Map<String, Object> payment(String kind, String invoice, String tier) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", kind);
    f.put("invoiceId", invoice);
    if (tier != null) {
      f.put("tier", tier);
    }
    return f;
  }
}
