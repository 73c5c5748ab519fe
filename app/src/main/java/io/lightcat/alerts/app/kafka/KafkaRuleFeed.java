package io.lightcat.alerts.app.kafka;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.LiveRules;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleProblem;
import io.lightcat.alerts.rule.RuleSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code alert-rules} topic and applies every record, in order, to {@link
 * LiveRules}, which swaps the rule book the topology reads: rules change on every instance as the
 * records arrive, with no restart and no rebalance.
 *
 * <p>Every instance reads the whole topic itself (all partitions assigned, no consumer group, from
 * the beginning, {@code read_committed}), so all instances apply the same records in the same order
 * per rule id. {@link #catchUp} reads up to the current end before the engine starts, so the engine
 * starts with the rules the topic holds; {@link #follow} then goes on in a background thread.
 *
 * <p>An invalid definition is skipped with an error log (topic, partition, offset and every problem
 * as {@code file:line: message}) and {@code rules_invalid_total}; the feed goes on.
 */
public final class KafkaRuleFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaRuleFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final LiveRules rules;
  private final EngineMetrics metrics;

  /** Whether applied changes are logged and counted: not for a snapshot. */
  private final boolean reporting;

  /** Next offset to apply per partition; guarded by this. */
  private final Map<Integer, Long> applied = new HashMap<>();

  private volatile boolean running;
  private Thread thread;

  private KafkaRuleFeed(
      KafkaClientConfig kafka,
      String topic,
      LiveRules rules,
      EngineMetrics metrics,
      boolean reporting) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "rule-feed-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    this.topic = topic;
    this.rules = rules;
    this.metrics = metrics;
    this.reporting = reporting;
  }

  /**
   * Opens the topic from its beginning.
   *
   * @throws StartupException when the topic does not exist or cannot be read
   */
  public static KafkaRuleFeed open(
      KafkaClientConfig kafka, String topic, LiveRules rules, EngineMetrics metrics) {
    return open(new KafkaRuleFeed(kafka, topic, rules, metrics, true));
  }

  private static KafkaRuleFeed open(KafkaRuleFeed feed) {
    String topic = feed.topic;
    try {
      List<PartitionInfo> partitions = feed.consumer.partitionsFor(topic, CATCH_UP_TIMEOUT);
      if (partitions == null || partitions.isEmpty()) {
        throw new StartupException(
            "rules topic " + topic + " does not exist; create it (compacted) or start the engine");
      }
      List<TopicPartition> assigned =
          partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      feed.consumer.assign(assigned);
      feed.consumer.seekToBeginning(assigned);
      return feed;
    } catch (KafkaException e) {
      feed.consumer.close();
      throw new StartupException("cannot read rules topic " + topic + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      feed.consumer.close();
      throw e;
    }
  }

  /** The rules the topic holds now, read once into a throwaway book (for the CLI). */
  public static LiveRules snapshot(KafkaClientConfig kafka, String topic) {
    LiveRules snapshot = new LiveRules(new RuleBook(RuleSet.empty()), Set.of());
    try (KafkaRuleFeed feed =
        open(new KafkaRuleFeed(kafka, topic, snapshot, EngineMetrics.inMemory(), false))) {
      feed.catchUp();
    }
    return snapshot;
  }

  /**
   * Applies every record up to the topic's current end, in the calling thread.
   *
   * @throws StartupException when the end is not reached within a minute
   */
  public void catchUp() {
    if (running) {
      throw new IllegalStateException("already following");
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), CATCH_UP_TIMEOUT);
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        throw new StartupException(
            "could not read rules topic " + topic + " to its end within " + CATCH_UP_TIMEOUT);
      }
      pollOnce();
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), CATCH_UP_TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Goes on applying records as they arrive, in a background thread, until closed. */
  public void follow() {
    running = true;
    thread = new Thread(this::run, "rule-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        try {
          pollOnce();
        } catch (WakeupException e) {
          return; // closing
        } catch (KafkaException e) {
          // The consumer retries what is retriable itself; anything else is logged, then polled
          // again.
          log.error("reading rules topic {} failed; retrying: {}", topic, e.toString());
        }
      }
    } finally {
      consumer.close(); // in this thread: a consumer is not thread-safe
    }
  }

  private void pollOnce() {
    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
      apply(record);
      synchronized (applied) {
        applied.put(record.partition(), record.offset() + 1);
        applied.notifyAll();
      }
    }
  }

  private void apply(ConsumerRecord<String, String> record) {
    String source = record.topic() + "[" + record.partition() + "]@" + record.offset();
    LiveRules.Change change;
    try {
      change = rules.apply(record.key(), record.value(), source);
    } catch (RuntimeException e) {
      // Never expected: LiveRules reports problems instead of throwing. Skip, never stop.
      metrics.ruleRejected(String.valueOf(record.key()));
      log.error("rule record {} (key {}) could not be applied", source, record.key(), e);
      return;
    }
    if (!reporting) {
      return;
    }
    switch (change.kind()) {
      case INVALID -> {
        metrics.ruleRejected(String.valueOf(change.id()));
        log.error(
            "skipping invalid rule definition {} for '{}' ({} problem(s)); {} stays in force",
            source,
            change.id(),
            change.problems().size(),
            change.version() == null ? "no version" : "version " + change.version());
        for (RuleProblem p : change.problems()) {
          log.error("{}", p);
        }
      }
      case ADDED, CHANGED, DELETED -> {
        metrics.ruleChanged(change.kind().name().toLowerCase(Locale.ROOT));
        log.info(
            "rule {} {}{} ({})",
            change.id(),
            change.kind().name().toLowerCase(Locale.ROOT),
            change.version() == null ? "" : ", version " + change.version(),
            source);
      }
      case UNCHANGED, UNKNOWN -> log.debug("rule {} {} ({})", change.id(), change.kind(), source);
    }
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} has been applied.
   *
   * @return whether it was within {@code timeout}
   */
  public boolean awaitApplied(int partition, long offset, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (applied) {
      while (applied.getOrDefault(partition, 0L) <= offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        applied.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  @Override
  public void close() {
    if (thread == null) {
      consumer.close();
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
