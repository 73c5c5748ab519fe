package io.lightcat.alerts.stream;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.CompiledRule;
import io.lightcat.alerts.rule.RuleBook;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule stage 1 for {@code duration} rules, beside {@link RuleMatchProcessor} on the same events:
 * turns each event that starts or ends a pair into a {@link PairHalf} keyed by rule and pair key
 * ({@link PairKey}), for the {@code rule-pairs} repartition topic. A start carries its group labels
 * (a start lacking a {@code groupBy} field is not counted); an end carries none.
 *
 * <p>Late events are skipped exactly as {@link RuleMatchProcessor} skips them (which counts them).
 * A rule that throws is counted in {@code rule_errors_total} and skipped for that event.
 */
final class RulePairMatchProcessor implements Processor<String, Event, String, PairHalf> {
  private static final Logger LOG = LoggerFactory.getLogger(RulePairMatchProcessor.class);

  private final RuleBook rules;
  private final EngineMetrics metrics;
  private final LateEventFilter lateEvents;
  private ProcessorContext<String, PairHalf> context;

  RulePairMatchProcessor(RuleBook rules, EngineConfig config, EngineMetrics metrics) {
    this.rules = rules;
    this.metrics = metrics;
    this.lateEvents = new LateEventFilter(config.grace());
  }

  @Override
  public void init(ProcessorContext<String, PairHalf> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Event> record) {
    Event event = record.value();
    if (!lateEvents.admit(event.stream(), event.timestampMs())) {
      return;
    }
    for (CompiledRule rule : rules.current().forSource(event.stream())) {
      if (!rule.pairsEvents()) {
        continue;
      }
      try {
        match(rule, event);
      } catch (RuntimeException e) {
        metrics.ruleError(rule.id());
        LOG.debug("rule {} failed on an event: {}", rule.id(), e.getMessage());
      }
    }
  }

  private void match(CompiledRule rule, Event event) {
    Optional<CompiledRule.Half> half = rule.pairHalf(event);
    Optional<String> pairKey = rule.pairKey(event);
    if (half.isEmpty() || pairKey.isEmpty()) {
      return;
    }
    Map<String, String> labels = Map.of();
    if (half.get() == CompiledRule.Half.START) {
      Optional<Map<String, String>> group = rule.groupOf(event);
      if (group.isEmpty()) {
        return;
      }
      labels = group.get();
    }
    long ts = event.timestampMs();
    context.forward(
        new Record<>(
            new PairKey(rule.id(), pairKey.get()).encode(),
            new PairHalf(half.get(), ts, labels),
            ts));
  }
}
