package io.lightcat.alerts.stream;

import io.lightcat.alerts.rule.Aggregate;
import io.lightcat.alerts.rule.CompiledRule;
import io.lightcat.alerts.rule.GroupWindow;
import io.lightcat.alerts.rule.Measure;
import io.lightcat.alerts.rule.RuleBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The pairing stage of {@code duration} rules, on partitions keyed by rule and pair key: matches
 * the start and end halves of each key and emits one {@link Partial} per pair — the pair's duration
 * in seconds, in the bucket of its end, keyed by the {@link GroupKey} of its start — into the
 * ordinary {@code rule-partials} path, so the window stage treats it like any other partial.
 *
 * <p>Per key the changelogged store {@value #PENDING_STORE} keeps the earliest start and the
 * earliest end seen, whichever arrives first; a key pairs once (later duplicates of either half are
 * ignored). Two halves further apart than the rule's {@code timeout}, or an end before its start in
 * event time, do not pair. An entry expires when the stream time of this task passes its earliest
 * half by the timeout plus the grace period: an unpaired half is then dropped, counted nowhere.
 * Expiry runs on a wall-clock schedule but judges by stream time, so replays expire the same
 * halves.
 */
final class RulePairingProcessor implements Processor<String, PairHalf, String, Partial> {
  static final String PENDING_STORE = "rule-pairs-pending";

  /** How often expired entries are looked for. */
  static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(10);

  private final RuleBook rules;
  private final long graceMs;
  private ProcessorContext<String, Partial> context;
  private KeyValueStore<String, PendingPair> store;
  private long streamTime = Long.MIN_VALUE;

  RulePairingProcessor(RuleBook rules, Duration grace) {
    this.rules = rules;
    this.graceMs = grace.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Partial> context) {
    this.context = context;
    this.store = context.getStateStore(PENDING_STORE);
    try (KeyValueIterator<String, PendingPair> it = store.all()) {
      it.forEachRemaining(kv -> streamTime = Math.max(streamTime, kv.value.lastTs()));
    }
    context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> expire());
  }

  @Override
  public void process(Record<String, PairHalf> record) {
    PairKey key = PairKey.decode(record.key());
    Optional<CompiledRule> rule = rules.current().get(key.ruleId());
    if (rule.isEmpty() || !rule.get().pairsEvents()) {
      return;
    }
    PairHalf half = record.value();
    streamTime = Math.max(streamTime, half.ts());
    if (expired(half.ts(), rule.get())) {
      return; // too old to pair with anything this task still holds
    }
    PendingPair pending = store.get(record.key());
    if (pending != null && expired(pending.firstTs(), rule.get())) {
      pending = null;
    }
    store.put(record.key(), step(pending, half, rule.get(), key));
  }

  private PendingPair step(PendingPair pending, PairHalf half, CompiledRule rule, PairKey key) {
    boolean start = half.role() == CompiledRule.Half.START;
    PendingPair p;
    if (pending == null) {
      p = start ? new PendingPair(half, null, false) : new PendingPair(null, half, false);
    } else if (pending.paired()) {
      return pending; // a duplicate of a half that was paired already
    } else if (start) {
      p = new PendingPair(earlier(pending.start(), half), pending.end(), false);
    } else {
      p = new PendingPair(pending.start(), earlier(pending.end(), half), false);
    }
    if (p.start() == null || p.end() == null) {
      return p;
    }
    Optional<Aggregate> pair = rule.pairContribution(p.start().ts(), p.end().ts(), key.value());
    if (pair.isPresent()) {
      long end = p.end().ts();
      long bucket = GroupWindow.bucketStart(end, rule.rule().resolution());
      context.forward(
          new Record<>(
              new GroupKey(rule.id(), p.start().labels()).encode(),
              new Partial(bucket, pair.get(), rule.stateSignature()),
              end));
      return new PendingPair(p.start(), p.end(), true);
    }
    // These two cannot pair; keep the half that still can, with a half yet to come.
    return p.end().ts() < p.start().ts()
        ? new PendingPair(p.start(), null, false) // an end before its start: drop the end
        : new PendingPair(null, p.end(), false); // the start timed out before this end
  }

  private static PairHalf earlier(PairHalf held, PairHalf arrived) {
    return held == null || arrived.ts() < held.ts() ? arrived : held;
  }

  private boolean expired(long firstTs, CompiledRule rule) {
    if (!(rule.rule().measure() instanceof Measure.PairDuration pair)) {
      return true;
    }
    return streamTime != Long.MIN_VALUE
        && firstTs + pair.timeout().toMillis() + graceMs < streamTime;
  }

  private void expire() {
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, PendingPair> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, PendingPair> kv = it.next();
        Optional<CompiledRule> rule = rules.current().get(PairKey.decode(kv.key).ruleId());
        if (rule.isEmpty() || expired(kv.value.firstTs(), rule.get())) {
          gone.add(kv.key);
        }
      }
    }
    gone.forEach(store::delete);
  }
}
