package io.lightcat.alerts.stream;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.stats.StatsTopology;
import io.lightcat.alerts.store.WriteBehindStore;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The one entry point that builds the engine's Kafka Streams topology from configuration. Its shape
 * never depends on the rule set — rules are data, read per record from the {@link RuleBook} — so
 * adding, changing or removing rules needs no new internal topic and no new application id.
 *
 * <p>Pipeline: ingest (validate, redact, dead-letter) → rule-match (filter, group, pre-aggregate
 * per time bucket) → repartition by rule and group → rule-evaluate (sliding window, severity,
 * lifecycle) → {@code alerts}. Beside rule-match, {@code duration} rules take a fixed detour that
 * exists whether or not any such rule is loaded: rule-pair-match (start and end halves) →
 * repartition by rule and pair key ({@code rule-pairs}) → rule-pairing (one partial per pair) →
 * merged into the partials before their repartition. Beside the rule stages, the statistics stages
 * ({@link StatsTopology}) keep the dashboards' figures; they too are fixed (only a benchmark leaves
 * them out, {@link EngineConfig#stats()}). The {@code alert-actions} topic is read into a global
 * table ({@link #ALERT_ACTIONS_STORE}), so queries show which alerts were acknowledged.
 */
public final class EngineTopology {
  /** How often silent groups are re-evaluated on the wall clock. */
  public static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(1);

  /**
   * The queryable alert state: the latest published {@link Alert} of every (rule, group), keyed by
   * the same {@link GroupKey} string as {@code rule-windows} and written by rule-evaluate in the
   * same task and transaction as the alert record itself.
   *
   * <p>Why a store beside the lifecycle state rather than a table over the {@code alerts} topic:
   * the record and its queryable copy commit atomically (exactly-once: a query never shows an alert
   * the topic does not have, nor misses one it has), the group's window, lifecycle and alert live
   * on one partition so a later {@code /api/series} query and this one share one owner lookup, and
   * no extra source topic or repartition is needed. The store is changelogged, so it survives
   * restarts and moves with its task on a rebalance. Resolved records stay queryable for a day
   * (wall clock) after they ended, then are swept.
   */
  public static final String ALERT_STATE_STORE = "alert-state";

  /**
   * The {@code alert-actions} topic as a global table: the latest action under each key (an alert's
   * fingerprint, or {@code silence:<id>}), as the JSON written to the topic. Every instance holds
   * all of it, so a query marks the alerts it reads as acknowledged without asking another
   * instance, although acknowledgements are keyed by fingerprint and the alert state by rule and
   * group. A global table has no changelog of its own: it is restored from the topic (compacted,
   * written with idempotent producers), so it neither loses nor doubles an action.
   */
  public static final String ALERT_ACTIONS_STORE = "alert-actions-table";

  /** Each (rule, group)'s window buckets and lifecycle ({@link GroupState}), by group key. */
  public static final String RULE_WINDOWS_STORE = RuleWindowProcessor.WINDOW_STORE;

  private EngineTopology() {}

  /** Builds the production topology, for a run that never falls behind its input (tests, tools). */
  public static Topology build(EngineConfig config, RuleBook rules, EngineMetrics metrics) {
    return build(config, rules, metrics, Backlog.none());
  }

  /**
   * Builds the production topology.
   *
   * @param backlog whether the instance is working through a backlog; while it is, silent groups
   *     are not moved on the wall clock
   */
  public static Topology build(
      EngineConfig config, RuleBook rules, EngineMetrics metrics, Backlog backlog) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, Event> events = EventIngestTopology.addTo(builder, config, metrics);
    if (config.stats()) {
      StatsTopology.addTo(builder, events, metrics.lightcat());
    }
    KStream<String, Alert> alerts = addRuleStages(builder, events, config, rules, metrics, backlog);
    alerts.to(
        config.topics().alerts(),
        Produced.with(Serdes.String(), AlertSerde.serde()).withName("alerts-sink"));
    addAlertActions(builder, config);
    return builder.build();
  }

  /**
   * Reads {@code alert-actions} into {@link #ALERT_ACTIONS_STORE}. Values are kept as text and read
   * by the queries ({@link io.lightcat.alerts.lifecycle.AlertAction#parse}), so a record the engine
   * does not understand is ignored there instead of stopping the global thread.
   */
  private static void addAlertActions(StreamsBuilder builder, EngineConfig config) {
    builder.globalTable(
        config.topics().actions(),
        Consumed.with(Serdes.String(), Serdes.String()).withName("alert-actions-source"),
        Materialized.<String, String>as(Stores.inMemoryKeyValueStore(ALERT_ACTIONS_STORE))
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.String())
            .withCachingDisabled());
  }

  static KStream<String, Alert> addRuleStages(
      StreamsBuilder builder,
      KStream<String, Event> events,
      EngineConfig config,
      RuleBook rules,
      EngineMetrics metrics,
      Backlog backlog) {
    KStream<String, Partial> partials;
    if (config.flushInterval().isZero()) {
      partials =
          events.process(
              () -> new RuleMatchProcessor(rules, config, metrics), Named.as("rule-match"));
    } else {
      builder.addStateStore(
          WriteBehindStore.builder(RuleMatchProcessor.BUFFER_STORE, Partial.serde()));
      partials =
          events.process(
              () -> new RuleMatchProcessor(rules, config, metrics),
              Named.as("rule-match"),
              RuleMatchProcessor.BUFFER_STORE);
    }
    partials =
        partials.merge(
            addPairingStage(builder, events, config, rules, metrics),
            Named.as("rule-partials-merge"));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RuleWindowProcessor.WINDOW_STORE),
                Serdes.String(),
                GroupState.serde())
            .withCachingDisabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ALERT_STATE_STORE),
                Serdes.String(),
                AlertSerde.serde())
            .withCachingDisabled());
    return partials
        .repartition(Repartitioned.with(Serdes.String(), Partial.serde()).withName("rule-partials"))
        .process(
            () ->
                new RuleWindowProcessor(
                    rules, metrics, EVALUATION_INTERVAL, backlog, config.grace()),
            Named.as("rule-evaluate"),
            RuleWindowProcessor.WINDOW_STORE,
            ALERT_STATE_STORE);
  }

  /**
   * Pairs the start and end events of {@code duration} rules: halves are repartitioned by rule and
   * pair key, so both halves of a pair meet on one task, and each pair becomes one {@link Partial}.
   */
  private static KStream<String, Partial> addPairingStage(
      StreamsBuilder builder,
      KStream<String, Event> events,
      EngineConfig config,
      RuleBook rules,
      EngineMetrics metrics) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RulePairingProcessor.PENDING_STORE),
                Serdes.String(),
                PendingPair.serde())
            .withCachingDisabled());
    return events
        .process(
            () -> new RulePairMatchProcessor(rules, config, metrics), Named.as("rule-pair-match"))
        .repartition(Repartitioned.with(Serdes.String(), PairHalf.serde()).withName("rule-pairs"))
        .process(
            () -> new RulePairingProcessor(rules, config.grace()),
            Named.as("rule-pairing"),
            RulePairingProcessor.PENDING_STORE);
  }
}
