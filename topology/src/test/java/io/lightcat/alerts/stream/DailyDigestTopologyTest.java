package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.lifecycle.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Daily digests in the production topology. The driver's T0 is 12:00 UTC, so the first day boundary
 * is 12 hours in.
 */
class DailyDigestTopologyTest {
  private static final String DIGEST =
      """
      - id: daily-payment-summary
        title: Daily payment summary
        source: payments
        filter: kind == "payment_confirmed" || kind == "payment_failed"
        schedule: daily
        measure: count
        figures:
          confirmed: { sum: "kind == 'payment_confirmed' ? 1 : 0" }
          revenueSats: { sum: "kind == 'payment_confirmed' ? amountSats : 0" }
        severity: { P4: ">= 1" }
        summary: "{{value | int}} payments, {{figures.confirmed | int}} confirmed, {{figures.revenueSats | int}} sats"
      """;
  private static final Duration TO_MIDNIGHT = Duration.ofHours(12);
  private static final String DAY1 = "2026-11-29T00:00:00Z";

  private static Map<String, Object> confirmed(String invoice, long sats) {
    return Map.of("kind", "payment_confirmed", "invoiceId", invoice, "amountSats", sats);
  }

  private static Map<String, Object> failed(String invoice) {
    return Map.of("kind", "payment_failed", "invoiceId", invoice, "reason", "expired");
  }

  @Test
  void firesOnceWhenEventsCrossTheBoundaryWithTheDaysFigures() {
    try (RuleEngineDriver d = new RuleEngineDriver(DIGEST)) {
      // given three payments during the day
      d.payment(Duration.ofHours(1), confirmed("i1", 5_000));
      d.payment(Duration.ofHours(2), failed("i2"));
      d.payment(Duration.ofHours(11), confirmed("i3", 7_000));
      assertThat(d.alerts()).isEmpty();
      // when events of the next day arrive
      d.payment(TO_MIDNIGHT.plusMinutes(1), confirmed("i4", 1_000_000));
      d.payment(TO_MIDNIGHT.plusMinutes(2), confirmed("i5", 1_000_000));
      // then exactly one P4 digest of the day just ended
      List<Alert> alerts = d.alerts();
      assertThat(alerts).hasSize(1);
      Alert digest = alerts.get(0);
      assertThat(digest.status()).isEqualTo("firing");
      assertThat(digest.severity()).isEqualTo("P4");
      assertThat(digest.rule()).isEqualTo("daily-payment-summary");
      assertThat(digest.summary()).isEqualTo("3 payments, 2 confirmed, 12000 sats");
      assertThat(digest.startsAt()).isEqualTo(DAY1);
      assertThat(digest.window().start()).isEqualTo("2026-11-28T00:00:00Z");
      assertThat(digest.window().end()).isEqualTo(DAY1);
      @SuppressWarnings("unchecked")
      Map<String, Object> figures = (Map<String, Object>) digest.evidence().get("figures");
      assertThat(figures).containsEntry("confirmed", 2.0).containsEntry("revenueSats", 12_000.0);
      assertThat(digest.responseTarget()).isEqualTo("PT24H");
    }
  }

  @Test
  void firesFromTheWallClockWhenTheStreamIsSilentAndTheNextDigestReplacesIt() {
    try (RuleEngineDriver d = new RuleEngineDriver(DIGEST)) {
      // given one payment, then silence
      d.payment(Duration.ofHours(1), confirmed("i1", 5_000));
      d.advanceWallClock(Duration.ofHours(10));
      assertThat(d.alerts()).isEmpty();
      // when the wall clock passes midnight
      d.advanceWallClock(Duration.ofHours(1).plusMinutes(1));
      // then the digest fires, once
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing");
      Alert first = d.alerts().get(0);
      assertThat(first.summary()).isEqualTo("1 payments, 1 confirmed, 5000 sats");
      d.advanceWallClock(Duration.ofHours(1));
      assertThat(d.alerts()).hasSize(1);
      // when a payment comes the next day and that day ends too
      d.payment(Duration.ofHours(20), confirmed("i2", 9_000));
      d.advanceWallClock(Duration.ofHours(17));
      // then the first digest resolves at the boundary and the second fires
      List<Alert> alerts = d.alerts();
      assertThat(alerts).extracting(Alert::status).containsExactly("firing", "resolved", "firing");
      assertThat(alerts.get(1).id()).isEqualTo(first.id());
      assertThat(alerts.get(1).endsAt()).isEqualTo("2026-11-30T00:00:00Z");
      assertThat(alerts.get(2).id()).isNotEqualTo(first.id());
      assertThat(alerts.get(2).fingerprint()).isEqualTo(first.fingerprint());
      assertThat(alerts.get(2).summary()).isEqualTo("1 payments, 1 confirmed, 9000 sats");
      assertThat(Instant.parse(alerts.get(2).startsAt()))
          .isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
    }
  }

  @Test
  void aDayWithoutEventsResolvesTheDigestAndFiresNone() {
    try (RuleEngineDriver d = new RuleEngineDriver(DIGEST)) {
      d.payment(Duration.ofHours(1), confirmed("i1", 5_000));
      d.advanceWallClock(Duration.ofHours(12));
      d.advanceWallClock(Duration.ofHours(24));
      assertThat(d.alerts()).extracting(Alert::status).containsExactly("firing", "resolved");
    }
  }
}
