package io.lightcat.alerts.stats;

import io.lightcat.alerts.stats.StatsKey.Figure;
import io.lightcat.alerts.stats.StatsKey.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The payment statistics, on partitions keyed by invoice id ({@code stats-payments}), so every
 * event of one invoice meets the others on one task whatever key its producer used.
 *
 * <p>Per invoice, {@value #INVOICES_STORE} remembers its times, tier, amount and which events were
 * counted: each invoice's creation and each outcome (confirmed, failed, expired, rejected) counts
 * once however often its event is repeated, and the invoice-to-confirmation time counts once, in
 * the minute of the confirmation, whichever of the two events arrives first. Confirmations earlier
 * than their invoice in event time count as confirmed but not as a processing time. {@value
 * #BUCKETS_STORE} holds a {@link PaymentTally} per minute and per UTC day. Outcomes and processing
 * times also feed {@code lightcat_payments_total} and {@code lightcat_payment_duration_seconds}.
 *
 * <p>An invoice is forgotten a day (event time) after its newest event.
 */
final class PaymentStatsProcessor implements Processor<String, PaymentFact, Void, Void> {
  static final String INVOICES_STORE = "stats-invoices";
  static final String BUCKETS_STORE = "stats-payment-buckets";

  /** How long an invoice is remembered after its newest event; also the pending horizon. */
  static final Duration INVOICE_KEPT = Duration.ofDays(1);

  private final LightcatMetrics metrics;
  private final StreamTime time = new StreamTime();
  private ProcessorContext<Void, Void> context;
  private TallyBuffer buckets;
  private KeyValueStore<String, InvoiceState> invoices;

  PaymentStatsProcessor(LightcatMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.buckets = new TallyBuffer(context.getStateStore(BUCKETS_STORE));
    this.invoices = context.getStateStore(INVOICES_STORE);
    context.schedule(
        EventStatsProcessor.EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> expire());
  }

  @Override
  public void process(Record<String, PaymentFact> record) {
    PaymentFact fact = record.value();
    if (record.key() == null || !time.admit(fact.ts(), context.currentSystemTimeMs())) {
      return;
    }
    InvoiceState held = invoices.get(record.key());
    InvoiceState state = (held == null ? InvoiceState.NEW : held).seen(fact);
    state = count(fact, state);
    state = pair(state);
    state = revenue(state);
    invoices.put(record.key(), state);
  }

  private InvoiceState count(PaymentFact fact, InvoiceState state) {
    long ts = fact.ts();
    switch (fact.kind()) {
      case "invoice_created" -> {
        if (!state.has(InvoiceState.CREATED)) {
          tally(ts, PaymentTally::invoiceCreated);
          return state.created(ts);
        }
      }
      case "payment_confirmed" -> {
        if (!state.has(InvoiceState.CONFIRMED)) {
          tally(ts, PaymentTally::confirmed);
          metrics.payment("confirmed", state.tier());
          return state.confirmed(ts);
        }
      }
      case "payment_failed" -> {
        if (!state.has(InvoiceState.FAILED)) {
          String reason = fact.reason() == null ? "unknown" : fact.reason();
          tally(ts, t -> t.failed(reason));
          metrics.payment("failed", state.tier());
          return state.with(InvoiceState.FAILED);
        }
      }
      case "invoice_expired" -> {
        if (!state.has(InvoiceState.EXPIRED)) {
          tally(ts, PaymentTally::expired);
          metrics.payment("expired", state.tier());
          return state.with(InvoiceState.EXPIRED);
        }
      }
      case "invoice_rejected" -> {
        if (!state.has(InvoiceState.REJECTED)) {
          tally(ts, PaymentTally::rejected);
          metrics.payment("rejected", state.tier());
          return state.with(InvoiceState.REJECTED);
        }
      }
      case "consignment_generated" -> {
        if (!state.has(InvoiceState.CONSIGNED) && !Double.isNaN(fact.durationMs())) {
          tally(ts, t -> t.consignment(fact.durationMs()));
          return state.with(InvoiceState.CONSIGNED);
        }
      }
      case "webhook_delivered" -> {
        if (!Double.isNaN(fact.durationMs())) {
          tally(ts, t -> t.webhook(fact.durationMs())); // every delivery, retries included
        }
      }
      default -> {}
    }
    return state;
  }

  /** Counts the invoice-to-confirmation time once both ends are known. */
  private InvoiceState pair(InvoiceState state) {
    if (!state.has(InvoiceState.CREATED | InvoiceState.CONFIRMED)
        || state.has(InvoiceState.PAIRED)
        || state.confirmedTs() < state.createdTs()) {
      return state;
    }
    long ms = state.confirmedTs() - state.createdTs();
    tally(state.confirmedTs(), t -> t.processed(ms));
    metrics.paymentDuration(ms);
    return state.with(InvoiceState.PAIRED);
  }

  /** Counts a confirmed payment's amount once it is known (from any of the invoice's events). */
  private InvoiceState revenue(InvoiceState state) {
    if (!state.has(InvoiceState.CONFIRMED)
        || state.has(InvoiceState.REVENUE)
        || state.amountSats() < 0) {
      return state;
    }
    long sats = state.amountSats();
    tally(state.confirmedTs(), t -> t.revenue(sats));
    return state.with(InvoiceState.REVENUE);
  }

  private void tally(long ts, Consumer<PaymentTally> change) {
    for (Span span : Span.values()) {
      StatsKey key = StatsKey.of(span, ts, Figure.PAYMENTS, "");
      if (time.keeps(key)) {
        buckets.update(key, PaymentTally::new, change);
      }
    }
  }

  private void expire() {
    buckets.expire(time);
    if (time.newest() == Long.MIN_VALUE) {
      return;
    }
    long cutoff = time.newest() - INVOICE_KEPT.toMillis();
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, InvoiceState> it = invoices.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value.lastTs() < cutoff) {
              gone.add(kv.key);
            }
          });
    }
    gone.forEach(invoices::delete);
  }
}
