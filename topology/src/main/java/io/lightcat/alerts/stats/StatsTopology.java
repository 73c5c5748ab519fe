package io.lightcat.alerts.stats;

import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.store.WriteBehindStore;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The statistics stages behind {@code /api/metrics/*}, {@code /api/dashboards/*} and the {@code
 * lightcat_*} Prometheus metrics: a fixed sub-topology beside the rule stages, fed the validated
 * events, whose shape never depends on the rules.
 *
 * <pre>
 * valid events ─┬─ stats-events ─────────────────────────────────▶ stats-buckets, stats-latest
 *               ├─ stats-payment-facts → stats-payments (by invoice) → stats-payments-count
 *               │                                        ▶ stats-invoices, stats-payment-buckets
 *               └─ stats-session-facts → stats-sessions (by session) → stats-sessions-track
 *                                                        ▶ stats-sessions
 * </pre>
 *
 * <p>Requests, game and infra figures are per-partition partials on the input partitions: no
 * shuffle for the bulk of the traffic. Only payment events (to pair invoices with their outcomes)
 * and session starts and ends (to know which sessions run) are repartitioned, by their id, as small
 * binary facts. Every store is changelogged and written in the task's transaction, so the figures
 * are exactly-once like the alerts; the stores hold mergeable tallies per minute (an hour's worth)
 * and per UTC day (today and yesterday), which queries merge across partitions and instances
 * ({@code io.lightcat.alerts.query.StatsQueries}).
 */
public final class StatsTopology {
  public static final String BUCKETS_STORE = EventStatsProcessor.BUCKETS_STORE;
  public static final String LATEST_STORE = EventStatsProcessor.LATEST_STORE;
  public static final String PAYMENT_BUCKETS_STORE = PaymentStatsProcessor.BUCKETS_STORE;
  public static final String INVOICES_STORE = PaymentStatsProcessor.INVOICES_STORE;
  public static final String SESSIONS_STORE = SessionStatsProcessor.SESSIONS_STORE;

  /** Every store the statistics live in. */
  public static final List<String> STORES =
      List.of(BUCKETS_STORE, LATEST_STORE, PAYMENT_BUCKETS_STORE, INVOICES_STORE, SESSIONS_STORE);

  private StatsTopology() {}

  /** Adds the statistics stages, fed {@code events}, to {@code builder}. */
  public static void addTo(
      StreamsBuilder builder, KStream<String, Event> events, LightcatMetrics metrics) {
    addStore(builder, BUCKETS_STORE, TallySerde.serde());
    addStore(builder, LATEST_STORE, InfraReading.serde());
    events.process(
        () -> new EventStatsProcessor(metrics),
        Named.as("stats-events"),
        BUCKETS_STORE,
        LATEST_STORE);

    addStore(builder, INVOICES_STORE, InvoiceState.serde());
    addStore(builder, PAYMENT_BUCKETS_STORE, TallySerde.serde());
    events
        .flatMap(
            (key, event) -> pair(event, EventStream.PAYMENTS, "invoiceId", e -> PaymentFact.of(e)),
            Named.as("stats-payment-facts"))
        .repartition(
            Repartitioned.with(Serdes.String(), PaymentFact.serde()).withName("stats-payments"))
        .process(
            () -> new PaymentStatsProcessor(metrics),
            Named.as("stats-payments-count"),
            INVOICES_STORE,
            PAYMENT_BUCKETS_STORE);

    addStore(builder, SESSIONS_STORE, SessionState.serde());
    events
        .flatMap(
            (key, event) -> pair(event, EventStream.GAME, "sessionId", SessionFact::of),
            Named.as("stats-session-facts"))
        .repartition(
            Repartitioned.with(Serdes.String(), SessionFact.serde()).withName("stats-sessions"))
        .process(SessionStatsProcessor::new, Named.as("stats-sessions-track"), SESSIONS_STORE);
  }

  /** The event's fact keyed by its {@code idField}, when it is of {@code stream} and has one. */
  private static <F> List<KeyValue<String, F>> pair(
      Event event,
      EventStream stream,
      String idField,
      java.util.function.Function<Event, Optional<F>> fact) {
    if (event.stream() != stream || !(event.get(idField) instanceof String id)) {
      return List.of();
    }
    return fact.apply(event).map(f -> List.of(KeyValue.pair(id, f))).orElse(List.of());
  }

  private static <V> void addStore(StreamsBuilder builder, String name, Serde<V> serde) {
    builder.addStateStore(WriteBehindStore.builder(name, serde));
  }
}
