package io.lightcat.alerts.stream;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.Aggregate;
import io.lightcat.alerts.rule.CompiledRule;
import io.lightcat.alerts.rule.GroupWindow;
import io.lightcat.alerts.rule.RuleBook;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule stage 1, on the input partitions: matches each event against the rules of its stream and
 * turns every match into a small {@link Partial} for (rule, group, time bucket). With a flush
 * interval the partials are combined in a changelogged buffer and shipped on a wall-clock schedule,
 * so the repartition topic carries a few records per group and interval instead of one per event
 * and rule; the buffer is a changelogged {@link io.lightcat.alerts.store.WriteBehindStore}, written
 * at each commit, so exactly-once holds for what it has not shipped yet. With a zero interval each
 * match is shipped at once.
 *
 * <p>Rules that measure durations between pairs of events are left to {@link
 * RulePairMatchProcessor}, which runs beside this processor on the same events.
 *
 * <p>Events older than the grace period behind the newest event of their stream seen are counted as
 * late and skipped. A rule that throws is counted in {@code rule_errors_total} and skipped for that
 * event. The time spent matching one event against every rule of its stream is {@code
 * rule_evaluation_seconds}.
 */
final class RuleMatchProcessor implements Processor<String, Event, String, Partial> {
  static final String BUFFER_STORE = "rule-partials-buffer";
  private static final Logger LOG = LoggerFactory.getLogger(RuleMatchProcessor.class);
  private static final char BUCKET_SEPARATOR = '\n';

  private final RuleBook rules;
  private final EngineMetrics metrics;
  private final LateEventFilter lateEvents;
  private final Duration flushInterval;
  private final Timer evaluation;
  private ProcessorContext<String, Partial> context;
  private KeyValueStore<String, Partial> buffer;

  RuleMatchProcessor(RuleBook rules, EngineConfig config, EngineMetrics metrics) {
    this.rules = rules;
    this.metrics = metrics;
    this.lateEvents = new LateEventFilter(config.grace());
    this.flushInterval = config.flushInterval();
    this.evaluation = metrics.ruleEvaluation();
  }

  @Override
  public void init(ProcessorContext<String, Partial> context) {
    this.context = context;
    if (!flushInterval.isZero()) {
      buffer = context.getStateStore(BUFFER_STORE);
      context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }
  }

  @Override
  public void process(Record<String, Event> record) {
    Event event = record.value();
    if (!lateEvents.admit(event.stream(), event.timestampMs())) {
      metrics.eventLate(event.stream().ruleName());
      return;
    }
    long start = System.nanoTime();
    for (CompiledRule rule : rules.current().forSource(event.stream())) {
      if (rule.pairsEvents()) {
        continue; // RulePairMatchProcessor's: a pair, not an event, is what such a rule counts
      }
      try {
        match(rule, event);
      } catch (RuntimeException e) {
        metrics.ruleError(rule.id());
        LOG.debug("rule {} failed on an event: {}", rule.id(), e.getMessage());
      }
    }
    evaluation.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  private void match(CompiledRule rule, Event event) {
    if (!rule.matches(event)) {
      return;
    }
    Optional<Map<String, String>> group = rule.groupOf(event);
    if (group.isEmpty()) {
      return;
    }
    Aggregate contribution = new Aggregate();
    if (!rule.addTo(contribution, event)) {
      return;
    }
    long bucket = GroupWindow.bucketStart(event.timestampMs(), rule.rule().resolution());
    String key = new GroupKey(rule.id(), group.get()).encode();
    Partial partial = new Partial(bucket, contribution, rule.stateSignature());
    if (buffer == null) {
      context.forward(new Record<>(key, partial, event.timestampMs()));
      return;
    }
    String bufferKey = key + BUCKET_SEPARATOR + bucket;
    Partial pending = buffer.get(bufferKey);
    if (pending != null && !partial.signature().equals(pending.signature())) {
      pending = null; // buffered under an earlier version of the rule: it measured something else
    }
    if (pending != null) {
      pending.aggregate().merge(contribution);
      partial = pending;
    }
    buffer.put(bufferKey, partial);
  }

  private void flush() {
    List<KeyValue<String, Partial>> drained = new ArrayList<>();
    try (KeyValueIterator<String, Partial> it = buffer.all()) {
      it.forEachRemaining(drained::add);
    }
    for (KeyValue<String, Partial> kv : drained) {
      String key = kv.key.substring(0, kv.key.lastIndexOf(BUCKET_SEPARATOR));
      Partial p = kv.value;
      context.forward(new Record<>(key, p, p.aggregate().maxTimestamp()));
      buffer.delete(kv.key);
    }
  }
}
