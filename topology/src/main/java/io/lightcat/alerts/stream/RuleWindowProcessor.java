package io.lightcat.alerts.stream;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.lifecycle.AlertFactory;
import io.lightcat.alerts.lifecycle.AlertLifecycle;
import io.lightcat.alerts.lifecycle.AlertState;
import io.lightcat.alerts.lifecycle.Transition;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.CompiledRule;
import io.lightcat.alerts.rule.Evaluation;
import io.lightcat.alerts.rule.Measure;
import io.lightcat.alerts.rule.Rule;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.Severity;
import io.lightcat.alerts.rule.WindowEvaluator;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Rule stage 2, on partitions keyed by rule and group: merges partials into each group's sliding
 * window, evaluates the rule, steps the alert lifecycle, and emits one alert record per published
 * transition, keyed by fingerprint.
 *
 * <p>Time is event time, per group: a group is evaluated at the newest event time it has seen, so
 * its transitions depend only on its own events — not on how far other partitions have got, which
 * differs from run to run (a backlog after a restart, say) — and replaying the same events gives
 * the same transitions. While a group is silent, a wall-clock punctuation moves its time on by the
 * wall time elapsed since it last heard from its events, so absence fires and quiet alerts resolve
 * without new events — but not while the instance works through a {@link Backlog}: a group whose
 * events are still queued is behind, not silent.
 */
final class RuleWindowProcessor implements Processor<String, Partial, String, Alert> {
  static final String WINDOW_STORE = "rule-windows";

  /** How long a resolved alert stays queryable after it ended (wall clock). */
  static final Duration RESOLVED_RETENTION = Duration.ofHours(24);

  /**
   * How often groups that went quiet are dropped, and resolved alerts past their retention are
   * swept from the alert-state store.
   */
  static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(RuleWindowProcessor.class);

  private final RuleBook rules;
  private final EngineMetrics metrics;
  private final Duration evaluationInterval;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, GroupState> store;
  private KeyValueStore<String, Alert> published;
  private final Set<String> watched = new HashSet<>();

  /** Wall-clock time each group last received events; silence is measured from here. */
  private final Map<String, Long> heardFrom = new HashMap<>();

  private long silenceCountsFrom;

  /** The newest event time any group of this task has seen; only used to evict idle groups. */
  private long newestEventTs = Long.MIN_VALUE;

  private long lastSweep;

  private final Backlog backlog;

  /**
   * After a start, restore or rebalance, how long a group that has not heard from its events yet is
   * not counted as silent: its events may still be on their way through an upstream task that is
   * restoring, which the backlog check cannot see.
   */
  private final Duration quietStart;

  RuleWindowProcessor(
      RuleBook rules,
      EngineMetrics metrics,
      Duration evaluationInterval,
      Backlog backlog,
      Duration quietStart) {
    this.rules = rules;
    this.metrics = metrics;
    this.evaluationInterval = evaluationInterval;
    this.backlog = backlog;
    this.quietStart = quietStart;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(WINDOW_STORE);
    this.published = context.getStateStore(EngineTopology.ALERT_STATE_STORE);
    try (KeyValueIterator<String, GroupState> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, GroupState> kv = it.next();
        if (needsWatching(kv.key, kv.value)) {
          watched.add(kv.key);
        }
      }
    }
    // After a restart a group's silence counts from now plus the quiet start: conservative, never
    // early.
    lastSweep = context.currentSystemTimeMs();
    silenceCountsFrom = lastSweep + quietStart.toMillis();
    context.schedule(evaluationInterval, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
  }

  @Override
  public void process(Record<String, Partial> record) {
    GroupKey key = GroupKey.decode(record.key());
    Optional<CompiledRule> found = rules.current().get(key.ruleId());
    if (found.isEmpty()) {
      return;
    }
    CompiledRule rule = found.get();
    Partial partial = record.value();
    if (partial.signature() != null && !partial.signature().equals(rule.stateSignature())) {
      // Built by another version of the rule: the match stage saw a rule change before or after
      // this task did. Merging it would mix two measures in one window.
      metrics.partialStale(key.ruleId());
      return;
    }
    GroupState stored = store.get(record.key());
    GroupState state =
        stored == null
            ? null
            : adopt(record.key(), key, rule, stored, stored.window().lastEventTs());
    if (state == null) {
      state = GroupState.fresh(rule.stateSignature());
    }
    state.window().add(partial.bucketStart(), partial.aggregate());
    heardFrom.put(record.key(), context.currentSystemTimeMs());
    newestEventTs = Math.max(newestEventTs, state.window().lastEventTs());
    evaluate(record.key(), key, rule, state, state.window().lastEventTs());
  }

  /**
   * Brings a group's state in line with the rule version in force, which may have changed since the
   * state was written. Same {@link CompiledRule#stateSignature() signature} (a threshold, {@code
   * for} or summary change): the window and the lifecycle carry on under the new version, except an
   * alert at a severity the rule no longer has, which is resolved. Another signature (a new
   * measure, filter or window): nothing of the old state means anything now; a firing alert is
   * resolved and the group starts afresh.
   *
   * @param clock the group's event time now, for the resolution record
   * @return the state to go on with, or null when the group starts afresh
   */
  private GroupState adopt(
      String storeKey, GroupKey key, CompiledRule rule, GroupState state, long clock) {
    if (state.signature() == null) {
      state.signature(rule.stateSignature()); // written before rules could change live
      return state;
    }
    if (!state.signature().equals(rule.stateSignature())) {
      withdraw(
          storeKey,
          key,
          state,
          clock,
          "rule " + rule.rule().publicId() + " changed what it measures; its state starts afresh");
      forget(storeKey);
      return null;
    }
    Severity severity = state.alert().severity();
    if (severity != null
        && rule.rule().levels().stream().noneMatch(l -> l.severity() == severity)) {
      withdraw(
          storeKey,
          key,
          state,
          clock,
          "rule " + rule.rule().publicId() + " no longer has severity " + severity);
      state.alert(AlertState.INACTIVE);
    }
    return state;
  }

  private void onWallClock(long wallNow) {
    if (wallNow - lastSweep >= SWEEP_INTERVAL.toMillis()) {
      lastSweep = wallNow;
      evictIdleGroups();
      sweepResolved(wallNow);
    }
    boolean behind = backlog.behind();
    for (String k : List.copyOf(watched)) {
      GroupState state = store.get(k);
      if (state == null) {
        watched.remove(k);
        continue;
      }
      GroupKey key = GroupKey.decode(k);
      Optional<CompiledRule> rule = rules.current().get(key.ruleId());
      if (rule.isEmpty()) {
        retire(k, key, state, wallNow, "rule " + key.ruleId() + " was deleted");
        continue;
      }
      if (behind) {
        // Not silent, only behind: the group's events are still on their way. Its silence
        // starts counting once the backlog is worked off.
        heardFrom.put(k, wallNow);
        continue;
      }
      long silence = Math.max(0, wallNow - heardFrom.getOrDefault(k, silenceCountsFrom));
      long clock = state.window().lastEventTs() + silence;
      try {
        GroupState current = adopt(k, key, rule.get(), state, clock);
        if (current != null) {
          evaluate(k, key, rule.get(), current, clock);
        }
      } catch (RuntimeException e) {
        metrics.ruleError(key.ruleId());
        LOG.warn("evaluating rule {} on the wall clock failed: {}", key.ruleId(), e.toString());
      }
    }
  }

  private void evaluate(
      String storeKey, GroupKey key, CompiledRule rule, GroupState state, long now) {
    if (rule.rule().daily()) {
      digest(storeKey, key, rule, state, now);
      return;
    }
    AlertState before = state.alert();
    Evaluation eval =
        WindowEvaluator.evaluate(
            rule.rule(), state.window(), now, before.firing() ? before.severity() : null);
    AlertLifecycle lifecycle =
        new AlertLifecycle(rule.rule().forDuration(), rule.rule().keepFiringFor());
    Transition t = lifecycle.step(before, eval.holds() ? eval.level().severity() : null, now);
    boolean absent = rule.rule().measure() instanceof Measure.Absent;
    boolean forgotten =
        absent && now - state.window().lastEventTs() > rule.rule().window().toMillis();
    if (forgotten && t.next().firing()) {
      emit(
          storeKey,
          AlertFactory.resolved(
              rule,
              key.labels(),
              t.next(),
              eval,
              now,
              "no event for longer than the rule's window; the group is forgotten"),
          now);
      forget(storeKey);
      return;
    }
    if (t.kind() == Transition.Kind.FIRED || t.kind() == Transition.Kind.SEVERITY_CHANGED) {
      emit(storeKey, AlertFactory.firing(rule, key.labels(), t.next(), eval), now);
    } else if (t.kind() == Transition.Kind.RESOLVED) {
      emit(storeKey, AlertFactory.resolved(rule, key.labels(), before, eval, now, null), now);
    }
    state.alert(t.next());
    state.lastValue(eval.value());
    state.window().prune(now, rule.rule());
    if (forgotten || (!state.active() && state.window().isEmpty() && !absent)) {
      forget(storeKey);
      return;
    }
    store.put(storeKey, state);
    if (needsWatching(storeKey, state)) {
      watched.add(storeKey);
    } else {
      watched.remove(storeKey);
      heardFrom.remove(storeKey);
    }
  }

  /**
   * A daily rule: at each UTC day boundary the group's time has passed since the last one, the
   * previous digest resolves and the day just ended is evaluated, once, into a new digest. Nothing
   * happens between boundaries. A group's first day starts with its first event.
   */
  private void digest(
      String storeKey, GroupKey key, CompiledRule rule, GroupState state, long now) {
    long day = Rule.DAY.toMillis();
    long today = Math.floorDiv(now, day) * day;
    if (state.lastBoundary() == Long.MIN_VALUE) {
      long first = state.window().isEmpty() ? now : state.window().buckets().firstKey();
      state.lastBoundary(Math.floorDiv(first, day) * day);
    }
    // After a long silence, at most a week of missed digests is caught up.
    long boundary = Math.max(state.lastBoundary() + day, today - 6 * day);
    for (; boundary <= today; boundary += day) {
      AlertState before = state.alert();
      Evaluation eval = WindowEvaluator.evaluateDay(rule.rule(), state.window(), boundary);
      if (before.firing()) {
        emit(
            storeKey,
            AlertFactory.resolved(
                rule,
                key.labels(),
                before,
                eval,
                boundary,
                "replaced by the digest of the day that ended at "
                    + java.time.Instant.ofEpochMilli(boundary)),
            boundary);
      }
      AlertState next = AlertState.INACTIVE;
      if (eval.holds()) {
        next =
            new AlertState(
                io.lightcat.alerts.lifecycle.AlertStatus.FIRING,
                eval.level().severity(),
                boundary,
                boundary,
                false);
        emit(storeKey, AlertFactory.firing(rule, key.labels(), next, eval), boundary);
      }
      state.alert(next);
      state.lastValue(eval.value());
      state.lastBoundary(boundary);
    }
    state.window().prune(now, rule.rule());
    if (!state.active() && state.window().isEmpty()) {
      forget(storeKey);
      return;
    }
    store.put(storeKey, state);
    watched.add(storeKey); // the day boundary must come on the wall clock when the group is silent
  }

  /**
   * Drops groups that are not firing, pending or watched for absence and whose newest event has
   * left every window the rule can evaluate, judged against the newest event time of the task:
   * without this, every client IP ever seen by a per-IP rule would stay in memory. A group that
   * hears from its events again simply starts afresh.
   */
  private void evictIdleGroups() {
    if (newestEventTs == Long.MIN_VALUE) {
      return;
    }
    List<String> idle = new java.util.ArrayList<>();
    try (KeyValueIterator<String, GroupState> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, GroupState> kv = it.next();
        if (watched.contains(kv.key)) {
          continue;
        }
        Optional<CompiledRule> rule = rules.current().get(GroupKey.decode(kv.key).ruleId());
        long horizon =
            rule.map(r -> r.rule().retention().plus(r.rule().resolution()).toMillis()).orElse(0L);
        if (rule.isEmpty() || kv.value.window().lastEventTs() + horizon < newestEventTs) {
          idle.add(kv.key);
        }
      }
    }
    idle.forEach(this::forget);
  }

  private void forget(String storeKey) {
    store.delete(storeKey);
    watched.remove(storeKey);
    heardFrom.remove(storeKey);
  }

  private boolean needsWatching(String storeKey, GroupState state) {
    if (state.active()) {
      return true;
    }
    Optional<CompiledRule> rule = rules.current().get(GroupKey.decode(storeKey).ruleId());
    return rule.isPresent()
        && (rule.get().rule().measure() instanceof Measure.Absent || rule.get().rule().daily());
  }

  private void retire(
      String storeKey, GroupKey key, GroupState state, long wallNow, String reason) {
    long silence = Math.max(0, wallNow - heardFrom.getOrDefault(storeKey, silenceCountsFrom));
    forget(storeKey);
    withdraw(storeKey, key, state, state.window().lastEventTs() + silence, reason);
  }

  /**
   * Resolves the group's alert, when it is firing, for a reason its rule cannot judge (the rule was
   * deleted or changed): see {@link AlertFactory#withdrawn}.
   */
  private void withdraw(
      String storeKey, GroupKey key, GroupState state, long clock, String reason) {
    if (!state.alert().firing()) {
      return;
    }
    LOG.info("resolving {} {}: {}", key.ruleId(), key.labels(), reason);
    emit(
        storeKey,
        AlertFactory.withdrawn(
            key.ruleId(), key.labels(), state.alert(), published.get(storeKey), clock, reason),
        clock);
  }

  /** Publishes {@code alert} and keeps it as the group's queryable alert state. */
  private void emit(String storeKey, Alert alert, long timestamp) {
    metrics.alertEmitted(alert.rule(), alert.severity(), alert.status());
    published.put(storeKey, alert);
    context.forward(new Record<>(alert.fingerprint(), alert, timestamp));
  }

  /**
   * Drops resolved alerts that ended more than {@link #RESOLVED_RETENTION} ago, at most once per
   * {@link #SWEEP_INTERVAL}: the store answers "what is firing and what recently resolved", not
   * history (that is the {@code alerts} topic).
   */
  private void sweepResolved(long wallNow) {
    long cutoff = wallNow - RESOLVED_RETENTION.toMillis();
    List<String> expired = new java.util.ArrayList<>();
    try (KeyValueIterator<String, Alert> it = published.all()) {
      while (it.hasNext()) {
        KeyValue<String, Alert> kv = it.next();
        Alert a = kv.value;
        if (!a.firing()
            && a.endsAt() != null
            && java.time.Instant.parse(a.endsAt()).toEpochMilli() < cutoff) {
          expired.add(kv.key);
        }
      }
    }
    expired.forEach(published::delete);
  }
}
