package io.lightcat.alerts.app.simulator;

import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RGB token purchases through BTCPay: an invoice, then (scheduled as follow-ups) its confirmation
 * after 2–6 s in about 98% of cases, consignment and webhook; or a failure or expiry. Also the
 * periodic token {@code supply} report, slowly falling from about 5000 batches, and the payment
 * side of the BTCPay outage and low-supply incidents.
 */
final class PaymentTraffic {
  static final double CONFIRMED = 0.98;
  static final double FAILED = 0.012;
  static final double REJECTED = 0.003;
  static final double OUTAGE_FAILURES = 0.85;
  static final String UNREACHABLE = "btcpay_unreachable";
  static final Duration EXPIRY = Duration.ofMinutes(15);

  private static final List<String> FAILURE_REASONS =
      List.of("insufficient_funds", "insufficient_funds", "expired", "underpaid");

  private record Tier(String name, int batches, long satsPerBatch) {}

  private static final Tier BRONZE = new Tier("bronze", 1, 10_000);
  private static final Tier SILVER = new Tier("silver", 5, 9_000);
  private static final Tier GOLD = new Tier("gold", 10, 8_500);

  private final Dice dice;
  private int remainingBatches = 5000;

  PaymentTraffic(Dice dice) {
    this.dice = dice;
  }

  /**
   * A new purchase at {@code now}: its first event, with its outcome scheduled in {@code later}.
   */
  SimEvent purchase(Instant now, Optional<ActiveIncident> incident, FollowUps later) {
    String invoiceId = "inv-" + dice.hex(16);
    Tier tier = tier();
    if (dice.chance(REJECTED)) {
      Map<String, Object> f = base("invoice_rejected", invoiceId, tier);
      f.put("reason", "invalid_rgb_invoice");
      f.put("rgbInvoice", "rgb:" + dice.hex(12)); // malformed on purpose; a secret all the same
      return event(now, f);
    }
    Map<String, Object> created = base("invoice_created", invoiceId, tier);
    if (dice.chance(0.5)) {
      created.put("rgbInvoice", "rgb:utxob:" + dice.hex(48));
    }
    boolean outage = incident.filter(i -> i.is(Scenario.BTCPAY_OUTAGE)).isPresent();
    if (outage && dice.chance(OUTAGE_FAILURES)) {
      later.schedule(failure(seconds(now, 0.5, 2), invoiceId, tier, UNREACHABLE));
    } else {
      scheduleOutcome(now, invoiceId, tier, later);
    }
    return event(now, created);
  }

  private void scheduleOutcome(Instant now, String invoiceId, Tier tier, FollowUps later) {
    double outcome = dice.uniform(0, 1);
    if (outcome < CONFIRMED) {
      Instant confirmed = seconds(now, 2, 6);
      later.schedule(event(confirmed, base("payment_confirmed", invoiceId, tier)));
      double consignmentMs = dice.uniform(1000, 3000);
      Instant consigned = confirmed.plusMillis((long) consignmentMs);
      later.schedule(timed(consigned, "consignment_generated", invoiceId, tier, consignmentMs));
      double webhookMs = dice.uniform(100, 400);
      Instant delivered = consigned.plusMillis((long) webhookMs);
      later.schedule(timed(delivered, "webhook_delivered", invoiceId, tier, webhookMs));
    } else if (outcome < CONFIRMED + FAILED) {
      later.schedule(failure(seconds(now, 3, 10), invoiceId, tier, dice.pick(FAILURE_REASONS)));
    } else {
      later.schedule(event(now.plus(EXPIRY), base("invoice_expired", invoiceId, tier)));
    }
  }

  /** The periodic supply report; during {@code token-supply-low} it is below 1000. */
  SimEvent supply(Instant now, Optional<ActiveIncident> incident) {
    remainingBatches -= dice.between(0, 2);
    if (remainingBatches < 1500) {
      remainingBatches = 5000; // restocked long before the alert would be right to fire
    }
    int reported =
        incident
            .filter(i -> i.is(Scenario.TOKEN_SUPPLY_LOW))
            .map(i -> 980 - (int) Math.round(i.progress() * 200))
            .orElse(remainingBatches);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("eventId", "pay-" + dice.hex(16));
    f.put("kind", "supply");
    f.put("remainingBatches", reported);
    return new SimEvent(EventStream.PAYMENTS, null, now, f);
  }

  private Tier tier() {
    double x = dice.uniform(0, 1);
    return x < 0.6 ? BRONZE : x < 0.9 ? SILVER : GOLD;
  }

  private Map<String, Object> base(String kind, String invoiceId, Tier tier) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("eventId", "pay-" + dice.hex(16));
    f.put("kind", kind);
    f.put("invoiceId", invoiceId);
    f.put("tier", tier.name());
    f.put("batchCount", tier.batches());
    f.put("amountSats", tier.batches() * tier.satsPerBatch());
    return f;
  }

  private SimEvent failure(Instant at, String invoiceId, Tier tier, String reason) {
    Map<String, Object> f = base("payment_failed", invoiceId, tier);
    f.put("reason", reason);
    return event(at, f);
  }

  private SimEvent timed(Instant at, String kind, String invoiceId, Tier tier, double ms) {
    Map<String, Object> f = base(kind, invoiceId, tier);
    f.put("durationMs", Dice.tenth(ms));
    return event(at, f);
  }

  private Instant seconds(Instant now, double low, double high) {
    return now.plusMillis((long) (dice.uniform(low, high) * 1000));
  }

  private static SimEvent event(Instant at, Map<String, Object> fields) {
    return new SimEvent(EventStream.PAYMENTS, (String) fields.get("invoiceId"), at, fields);
  }
}
