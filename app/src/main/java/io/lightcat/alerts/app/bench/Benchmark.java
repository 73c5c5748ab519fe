package io.lightcat.alerts.app.bench;

import io.lightcat.alerts.app.engine.AlertEngine;
import io.lightcat.alerts.app.engine.StreamsSettings;
import io.lightcat.alerts.app.kafka.EmbeddedKafkaBroker;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.EngineTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run (issue 7): pre-load a backlog, drain it six ways (passthrough, full pack, one
 * rule at both guarantees, one rule without the statistics stages at both guarantees), measure
 * detection latency under background load, then the memory each key costs ({@link MemoryPhase}).
 *
 * <p>Every drain gets a fresh application id and state directory, so none reuses another's offsets
 * or state; all read the same backlog.
 */
public final class Benchmark {
  private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

  /**
   * The backlog's events carry simulated times from {@link BacklogLoader#START}, far older than the
   * broker's default seven-day retention: with time-based retention on, the broker's retention
   * check deletes the whole backlog about 30 s after start, mid-drain, and the drain's consumers
   * reset to the (new) end. The benchmark owns these topics, so they keep everything.
   */
  static final Map<String, String> BACKLOG_TOPIC_CONFIG =
      Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

  static final String SINGLE_RULE_FILE = "high-error-rate.yaml";
  static final long WARM_UP_EVENTS = 50_000;

  /**
   * What to run.
   *
   * @param bootstrapServers an existing cluster, or empty for an in-process broker
   * @param latencyRate background events/s in the latency phase; 0: half the full pack's
   *     exactly-once drain rate
   * @param latencyDuration how long triggers are injected; zero skips the latency phase
   * @param memoryKeys the distinct client IP counts of the memory phase; empty skips it
   * @param memoryEventsPerKey requests per client IP in the memory phase
   */
  public record Settings(
      Optional<String> bootstrapServers,
      long events,
      long seed,
      int partitions,
      Path rulesDir,
      double latencyRate,
      Duration latencyWarmUp,
      Duration latencyDuration,
      Duration triggerInterval,
      Duration drainTimeout,
      List<Integer> memoryKeys,
      int memoryEventsPerKey,
      boolean quick) {
    public Settings {
      memoryKeys = List.copyOf(memoryKeys);
    }
  }

  private final Settings settings;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  public Benchmark(Settings settings) {
    this.settings = settings;
  }

  /** Runs every phase and returns what it measured. */
  public BenchReport run() throws InterruptedException, IOException {
    MachineInfo machine = MachineInfo.current();
    RuleSet fullPack = new RuleLoader().load(settings.rulesDir());
    RuleSet singleRule = new RuleLoader().load(settings.rulesDir().resolve(SINGLE_RULE_FILE));
    Path work = Files.createTempDirectory("alert-engine-bench-");
    EmbeddedKafkaBroker broker = null;
    try {
      KafkaClientConfig kafka;
      if (settings.bootstrapServers().isPresent()) {
        kafka = KafkaClientConfig.of(settings.bootstrapServers().get());
      } else {
        broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), freePort());
        kafka = KafkaClientConfig.of(broker.bootstrapServers());
      }
      return run(machine, kafka, work, fullPack, singleRule);
    } finally {
      if (broker != null) {
        broker.close();
      }
      deleteRecursively(work);
    }
  }

  private BenchReport run(
      MachineInfo machine, KafkaClientConfig kafka, Path work, RuleSet fullPack, RuleSet singleRule)
      throws InterruptedException {
    String startedAt = Instant.now().toString();
    TopicNames topics = TopicNames.withPrefix("bench-" + runId + ".");
    String passthroughSink = "bench-" + runId + ".passthrough";
    EngineConfig config =
        EngineConfig.defaults().withTopics(topics).withRedactedFields(fullPack.redact());
    List<BenchReport.Drain> drains = new ArrayList<>();
    LatencyProbe.Result latency = null;
    List<MemoryPhase.Result> memory = List.of();
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      List<String> created = new ArrayList<>(topics.all());
      created.add(passthroughSink);
      createTopics(admin, created, BACKLOG_TOPIC_CONFIG);
      log.info("loading {} events (seed {})", settings.events(), settings.seed());
      long loadStart = System.nanoTime();
      BacklogLoader.load(kafka, topics, settings.events(), settings.seed());
      log.info(
          "loaded {} events in {} s",
          settings.events(),
          String.format("%.1f", (System.nanoTime() - loadStart) / 1e9));
      warmUp(admin, kafka, work, fullPack);
      loaded = loadedEvents(admin, topics.eventTopics());
      DrainRun drain = new DrainRun(admin, topics.eventTopics(), settings.drainTimeout());
      drains.add(
          drain(
              drain,
              kafka,
              work,
              BenchReport.PASSTHROUGH,
              StreamsConfig.EXACTLY_ONCE_V2,
              metrics -> PassthroughTopology.build(config, metrics, passthroughSink)));
      drains.add(
          drain(
              drain,
              kafka,
              work,
              BenchReport.FULL_PACK,
              StreamsConfig.EXACTLY_ONCE_V2,
              metrics -> EngineTopology.build(config, new RuleBook(fullPack), metrics)));
      drains.add(
          drain(
              drain,
              kafka,
              work,
              BenchReport.SINGLE_RULE,
              StreamsConfig.EXACTLY_ONCE_V2,
              metrics -> EngineTopology.build(config, new RuleBook(singleRule), metrics)));
      drains.add(
          drain(
              drain,
              kafka,
              work,
              BenchReport.SINGLE_RULE,
              StreamsConfig.AT_LEAST_ONCE,
              metrics -> EngineTopology.build(config, new RuleBook(singleRule), metrics)));
      // (d) The comparison with the peer (Flink computing high-error-rate alone): the same rule
      // without the statistics stages, which the default engine always runs.
      EngineConfig noStats = config.withStats(false);
      drains.add(
          drain(
              drain,
              kafka,
              work,
              BenchReport.SINGLE_RULE_NO_STATS,
              StreamsConfig.EXACTLY_ONCE_V2,
              metrics -> EngineTopology.build(noStats, new RuleBook(singleRule), metrics)));
      drains.add(
          drain(
              drain,
              kafka,
              work,
              BenchReport.SINGLE_RULE_NO_STATS,
              StreamsConfig.AT_LEAST_ONCE,
              metrics -> EngineTopology.build(noStats, new RuleBook(singleRule), metrics)));
      if (!settings.latencyDuration().isZero()) {
        double rate =
            settings.latencyRate() > 0
                ? settings.latencyRate()
                : drains.get(1).result().eventsPerSecond() / 2;
        latency = latency(admin, kafka, work, fullPack, rate);
      }
      if (!settings.memoryKeys().isEmpty()) {
        memory =
            new MemoryPhase(
                    new MemoryPhase.Settings(
                        settings.memoryKeys(),
                        settings.memoryEventsPerKey(),
                        settings.seed() + 3,
                        settings.drainTimeout()),
                    admin,
                    kafka,
                    names -> createTopics(admin, names, BACKLOG_TOPIC_CONFIG),
                    (id, guarantee) -> streamsProperties(kafka, work, id, guarantee),
                    "bench-" + runId + "-memory.")
                .run();
      }
    }
    BenchReport.Ratios ratios = BenchReport.ratios(drains);
    return new BenchReport(
        startedAt,
        settings.quick(),
        loaded,
        settings.seed(),
        settings.partitions(),
        machine,
        List.copyOf(drains),
        ratios,
        latency,
        memory,
        MachineInfo.loadAverage());
  }

  /**
   * Drains a small separate backlog with the passthrough and the full pack, untimed, so the timed
   * drains do not pay for JIT compilation or for the broker creating its offsets and transaction
   * topics — whichever drain came first would otherwise look slow.
   */
  private void warmUp(Admin admin, KafkaClientConfig kafka, Path work, RuleSet fullPack)
      throws InterruptedException {
    long events = Math.min(settings.events(), WARM_UP_EVENTS);
    TopicNames topics = TopicNames.withPrefix("bench-" + runId + "-warm-up.");
    String sink = "bench-" + runId + "-warm-up.passthrough";
    List<String> created = new ArrayList<>(topics.all());
    created.add(sink);
    createTopics(admin, created, BACKLOG_TOPIC_CONFIG);
    BacklogLoader.load(kafka, topics, events, settings.seed() + 2);
    events = loadedEvents(admin, topics.eventTopics());
    EngineConfig config =
        EngineConfig.defaults().withTopics(topics).withRedactedFields(fullPack.redact());
    DrainRun drain = new DrainRun(admin, topics.eventTopics(), settings.drainTimeout());
    log.info("warming up on {} events", events);
    drain(
        drain,
        kafka,
        work,
        "warm-up passthrough",
        StreamsConfig.EXACTLY_ONCE_V2,
        events,
        metrics -> PassthroughTopology.build(config, metrics, sink));
    drain(
        drain,
        kafka,
        work,
        "warm-up full pack",
        StreamsConfig.EXACTLY_ONCE_V2,
        events,
        metrics -> EngineTopology.build(config, new RuleBook(fullPack), metrics));
  }

  /** Builds a topology with the run's metrics. */
  private interface TopologyFactory {
    Topology build(EngineMetrics metrics);
  }

  private BenchReport.Drain drain(
      DrainRun drain,
      KafkaClientConfig kafka,
      Path work,
      String name,
      String guarantee,
      TopologyFactory topology)
      throws InterruptedException {
    return drain(drain, kafka, work, name, guarantee, loaded, topology);
  }

  private BenchReport.Drain drain(
      DrainRun drain,
      KafkaClientConfig kafka,
      Path work,
      String name,
      String guarantee,
      long events,
      TopologyFactory topology)
      throws InterruptedException {
    String load = MachineInfo.loadAverage();
    String applicationId = "bench-" + runId + "-" + drainIndex++;
    log.info("draining: {} ({}), application {}", name, guarantee, applicationId);
    EngineMetrics metrics = EngineMetrics.inMemory();
    Properties props = streamsProperties(kafka, work, applicationId, guarantee);
    DrainRun.Result result = drain.run(name, topology.build(metrics), props, metrics, events);
    log.info(
        "drained: {} ({}) {} events/s",
        name,
        guarantee,
        String.format("%,.0f", result.eventsPerSecond()));
    return new BenchReport.Drain(result, load);
  }

  private int drainIndex;
  private long loaded;

  private LatencyProbe.Result latency(
      Admin admin, KafkaClientConfig kafka, Path work, RuleSet fullPack, double rate)
      throws InterruptedException {
    TopicNames topics = TopicNames.withPrefix("bench-" + runId + "-latency.");
    // One clock for both ends: the broker stamps inputs and alerts alike.
    createTopics(
        admin, topics.all(), Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    EngineConfig config =
        EngineConfig.defaults().withTopics(topics).withRedactedFields(fullPack.redact());
    Properties props =
        streamsProperties(
            kafka, work, "bench-" + runId + "-latency", StreamsConfig.EXACTLY_ONCE_V2);
    KafkaStreams streams =
        new KafkaStreams(
            EngineTopology.build(config, new RuleBook(fullPack), EngineMetrics.inMemory()), props);
    try {
      streams.start();
      awaitRunning(streams);
      log.info(
          "latency phase: {} events/s background for {}",
          String.format("%,.0f", rate),
          settings.latencyDuration());
      LatencyProbe.Settings probe =
          new LatencyProbe.Settings(
              rate,
              settings.latencyWarmUp(),
              settings.latencyDuration(),
              settings.triggerInterval(),
              Duration.ofSeconds(15),
              settings.seed() + 1);
      return new LatencyProbe(kafka, topics, probe, runId).run();
    } finally {
      streams.close(
          CloseOptions.timeout(Duration.ofSeconds(30))
              .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      streams.cleanUp();
    }
  }

  private void awaitRunning(KafkaStreams streams) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the latency engine did not start: " + streams.state());
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  private static Properties streamsProperties(
      KafkaClientConfig kafka, Path work, String applicationId, String guarantee) {
    Properties props =
        AlertEngine.streamsProperties(
            new StreamsSettings(applicationId, kafka, Optional.of(work.resolve("streams")), ""));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    return props;
  }

  private void createTopics(Admin admin, List<String> names, Map<String, String> configs)
      throws InterruptedException {
    List<NewTopic> topics =
        names.stream()
            .map(n -> new NewTopic(n, settings.partitions(), (short) 1).configs(configs))
            .toList();
    try {
      // The co-located broker under load sometimes answers a creation with "does not host this
      // topic-partition" while it applies the metadata; a topic that then exists is created.
      for (int attempt = 1; ; attempt++) {
        try {
          admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
          break;
        } catch (ExecutionException e) {
          boolean retriable =
              e.getCause() instanceof UnknownTopicOrPartitionException
                  || e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException;
          if (!retriable || attempt == 3) {
            throw e;
          }
          if (admin.listTopics().names().get(60, TimeUnit.SECONDS).containsAll(names)) {
            break;
          }
          LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
      }
      awaitLeaders(admin, names);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the benchmark topics: " + e, e);
    }
  }

  /**
   * Waits until every partition has a leader: producing to a topic the broker has created but not
   * yet taken leadership of fails with NOT_LEADER and can wedge an idempotent producer.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!haveLeaders(admin, names)) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("benchmark topics got no leader within 60 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /**
   * Whether every partition of {@code names} has a leader. A topic just created may not be in the
   * broker's metadata yet: unknown is "not yet", not a failure.
   */
  private static boolean haveLeaders(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS).values().stream()
          .flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  /** Records the input topics hold: what was sent, plus any duplicate a retry wrote. */
  private static long loadedEvents(Admin admin, List<String> inputTopics)
      throws InterruptedException {
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(inputTopics)
          .allTopicNames()
          .get(60, TimeUnit.SECONDS)
          .forEach(
              (topic, d) ->
                  d.partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      return admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS).values().stream()
          .mapToLong(ListOffsetsResultInfo::offset)
          .sum();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the input topics' end offsets: " + e, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
