package io.lightcat.alerts.app.bench;

import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.stream.EngineTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory phase (issue 7): what the engine's state costs per key. For each key count (distinct
 * client IPs) a backlog of request events over that many IPs is loaded into fresh topics; each of
 * the three {@link MemoryRules} drains it in its own fresh engine (the default engine, statistics
 * stages included, exactly-once), which is then left running while the phase waits until the rule
 * holds one state per IP that has counted all its events, takes the {@link StateCensus} and reads
 * the settled heap and the RSS ({@link HeapProbe}). The same engine with the same rule on empty
 * topics is the baseline: heap per key is the heap above the baseline divided by the keys.
 */
final class MemoryPhase {
  private static final Logger log = LoggerFactory.getLogger(MemoryPhase.class);
  private static final Duration CENSUS_POLL = Duration.ofMillis(200);

  /**
   * What to measure.
   *
   * @param keys the distinct client IP counts, e.g. 10^3, 10^4, 10^5
   * @param eventsPerKey requests per IP, one per 10-second bucket
   */
  record Settings(List<Integer> keys, int eventsPerKey, long seed, Duration drainTimeout) {
    Settings {
      keys = List.copyOf(keys);
    }
  }

  /**
   * One rule at one key count.
   *
   * @param stateEntries entries of the rule-windows store (one per IP)
   * @param stateEvents events their window buckets counted (all of the backlog)
   * @param stateBytes their serialised size (keys and values)
   * @param heapUsedBytes settled heap with the engine running on its drained backlog
   * @param baselineHeapUsedBytes settled heap with the same engine and rule on empty topics
   * @param heapBytesPerKey {@code (heapUsedBytes - baselineHeapUsedBytes) / keys}
   * @param stateBytesPerKey {@code stateBytes / stateEntries}
   * @param rssBytes resident set of the whole process (broker, when in-process, included)
   */
  record Result(
      String rule,
      String measure,
      int keys,
      long events,
      long stateEntries,
      long stateEvents,
      long stateBytes,
      long heapUsedBytes,
      long baselineHeapUsedBytes,
      double heapBytesPerKey,
      double stateBytesPerKey,
      long heapCommittedBytes,
      long heapMaxBytes,
      long rssBytes) {}

  /** Creates topics for the phase. */
  interface TopicMaker {
    void create(List<String> names) throws InterruptedException;
  }

  /** Streams properties for a fresh application. */
  interface PropertiesMaker {
    Properties create(String applicationId, String guarantee);
  }

  private final Settings settings;
  private final Admin admin;
  private final KafkaClientConfig kafka;
  private final TopicMaker topicMaker;
  private final PropertiesMaker propertiesMaker;
  private final String prefix;
  private int applications;

  MemoryPhase(
      Settings settings,
      Admin admin,
      KafkaClientConfig kafka,
      TopicMaker topicMaker,
      PropertiesMaker propertiesMaker,
      String prefix) {
    this.settings = settings;
    this.admin = admin;
    this.kafka = kafka;
    this.topicMaker = topicMaker;
    this.propertiesMaker = propertiesMaker;
    this.prefix = prefix;
  }

  /** Loads every backlog, then measures each rule: its baseline, then each key count. */
  List<Result> run() throws InterruptedException {
    TopicNames empty = TopicNames.withPrefix(prefix + "empty.");
    topicMaker.create(empty.all());
    List<TopicNames> backlogs = new ArrayList<>();
    for (int keys : settings.keys()) {
      TopicNames topics = TopicNames.withPrefix(prefix + keys + ".");
      topicMaker.create(topics.all());
      log.info("memory phase: loading {} events over {} client IPs", eventsFor(keys), keys);
      ClientIpLoader.load(
          kafka, topics.requests(), keys, settings.eventsPerKey(), settings.seed() + keys);
      backlogs.add(topics);
    }
    List<Result> results = new ArrayList<>();
    for (MemoryRules.Named rule : MemoryRules.all()) {
      HeapProbe.Reading baseline = measure(rule, empty, 0).heap();
      log.info(
          "memory phase: {} baseline heap {} MiB", rule.rule(), baseline.heapUsedBytes() >> 20);
      for (int i = 0; i < backlogs.size(); i++) {
        int keys = settings.keys().get(i);
        Measured m = measure(rule, backlogs.get(i), keys);
        Result r = result(rule, keys, m, baseline);
        log.info(
            "memory phase: {} at {} keys: {} entries, heap {} B/key, state {} B/key, RSS {} MiB",
            rule.rule(),
            keys,
            r.stateEntries(),
            Math.round(r.heapBytesPerKey()),
            Math.round(r.stateBytesPerKey()),
            r.rssBytes() >> 20);
        results.add(r);
      }
    }
    return List.copyOf(results);
  }

  private long eventsFor(int keys) {
    return (long) keys * settings.eventsPerKey();
  }

  private record Measured(StateCensus census, HeapProbe.Reading heap) {}

  /**
   * Drains {@code topics} with a fresh engine holding only {@code rule}, waits until it holds one
   * state per key, and reads the heap while it still runs.
   */
  private Measured measure(MemoryRules.Named rule, TopicNames topics, int keys)
      throws InterruptedException {
    EngineConfig config = EngineConfig.defaults().withTopics(topics);
    EngineMetrics metrics = EngineMetrics.inMemory();
    String applicationId = prefix.replace('.', '-') + applications++;
    Properties props = propertiesMaker.create(applicationId, StreamsConfig.EXACTLY_ONCE_V2);
    DrainRun drain = new DrainRun(admin, topics.eventTopics(), settings.drainTimeout());
    KafkaStreams streams =
        drain.start(
            rule.rule() + " over " + keys + " client IPs",
            EngineTopology.build(config, new RuleBook(rule.rules()), metrics),
            props,
            metrics,
            eventsFor(keys));
    try {
      StateCensus census = awaitCensus(streams, keys, eventsFor(keys), rule.rule());
      return new Measured(census, HeapProbe.read());
    } finally {
      DrainRun.close(streams);
      deleteInternalTopics(applicationId);
    }
  }

  /**
   * Deletes a closed application's changelog and repartition topics: an in-process broker keeps
   * some heap per partition, and each engine creates some eighty, which would otherwise add to the
   * heap of every later measurement.
   */
  private void deleteInternalTopics(String applicationId) throws InterruptedException {
    try {
      List<String> internal =
          admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(applicationId + "-"))
              .toList();
      admin.deleteTopics(internal).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot delete the internal topics of " + applicationId + ": " + e, e);
    }
  }

  /**
   * Waits until the rule-windows store holds {@code keys} entries that have counted all {@code
   * events}: the input is drained, but the last partials may still be on their way through the
   * repartition topic.
   */
  private StateCensus awaitCensus(KafkaStreams streams, int keys, long events, String rule)
      throws InterruptedException {
    StateCensus[] last = {new StateCensus(-1, -1, 0)};
    BooleanSupplier complete =
        () -> {
          try {
            last[0] = StateCensus.of(streams);
          } catch (InvalidStateStoreException e) {
            return false; // rebalancing: ask again
          }
          return last[0].entries() == keys && last[0].events() == events;
        };
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    DrainRun.awaitTrue(
        rule,
        keys + " states in " + EngineTopology.RULE_WINDOWS_STORE,
        deadline,
        streams,
        CENSUS_POLL,
        complete);
    return last[0];
  }

  private Result result(MemoryRules.Named rule, int keys, Measured m, HeapProbe.Reading baseline) {
    HeapProbe.Reading heap = m.heap();
    return new Result(
        rule.rule(),
        rule.measure(),
        keys,
        eventsFor(keys),
        m.census().entries(),
        m.census().events(),
        m.census().bytes(),
        heap.heapUsedBytes(),
        baseline.heapUsedBytes(),
        (heap.heapUsedBytes() - baseline.heapUsedBytes()) / (double) keys,
        m.census().entries() == 0 ? 0 : m.census().bytes() / (double) m.census().entries(),
        heap.heapCommittedBytes(),
        heap.heapMaxBytes(),
        heap.rssBytes());
  }
}
