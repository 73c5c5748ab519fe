package io.lightcat.alerts.app.engine;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.stream.Backlog;
import io.lightcat.alerts.stream.EngineTopology;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine topology ({@link EngineTopology}) as one instance of a Kafka Streams application,
 * exactly-once.
 *
 * <p>A stream thread that dies of an unexpected exception is logged and replaced, so one bad record
 * cannot stop the instance. Closing leaves the consumer group at once so the remaining instances
 * take over the work without waiting for a session timeout.
 */
public final class AlertEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final BacklogWatch backlogWatch;
  private final Backlog backlog;

  private AlertEngine(KafkaStreams streams, BacklogWatch backlogWatch, Backlog backlog) {
    this.streams = streams;
    this.backlogWatch = backlogWatch;
    this.backlog = backlog;
  }

  /** Builds the topology and starts processing; returns before the instance is RUNNING. */
  public static AlertEngine start(
      StreamsSettings settings, EngineConfig config, RuleBook rules, EngineMetrics metrics) {
    Backlog backlog = new Backlog();
    KafkaStreams streams =
        new KafkaStreams(
            EngineTopology.build(config, rules, metrics, backlog), streamsProperties(settings));
    streams.setUncaughtExceptionHandler(
        e -> {
          log.error("stream thread failed; replacing it", e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener(
        (next, previous) -> log.info("streams state {} -> {}", previous, next));
    streams.start();
    log.info(
        "engine started: application {} on {}",
        settings.applicationId(),
        settings.kafka().bootstrapServers());
    return new AlertEngine(streams, BacklogWatch.start(streams, backlog), backlog);
  }

  /** The Kafka Streams properties: the extra client properties, then the engine's own. */
  public static Properties streamsProperties(StreamsSettings settings) {
    Properties props = new Properties();
    props.putAll(settings.kafka().clientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
    // One stream thread per core unless the user chose: a single thread leaves the other cores
    // idle while it parses, matches and aggregates (the drains in BENCHMARKS.md).
    props.putIfAbsent(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
    // A task reads the four event topics; it need not hold one back until another is fetched,
    // since lateness is judged per stream (LateEventFilter). Waiting (the default, 0) also makes
    // Kafka Streams format a log line for every empty partition before every record: a fifth of
    // the engine's processing time.
    props.putIfAbsent(
        StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // Short commits keep exactly-once latency low: alerts are visible to read_committed
    // consumers only after the transaction commits.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    // One produce request in flight per broker connection. With several, a transaction's first
    // batch to a partition can be refused as retriable (CONCURRENT_TRANSACTIONS while the previous
    // transaction completes) while the next batch overtakes it and is refused as out of order
    // ("Expected sequence 0 for transactions v2 idempotent producer with no existing state"); on
    // Kafka 4.4 the producer could then wait in flush() for good and the instance stopped
    // committing (seen by the fault suite under load). In order, the first batch always lands
    // first.
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    // The topology names its serdes; bytes is a harmless fallback for pass-through stages.
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    // The alert-actions global table goes through the same processing exception handler as the
    // stream threads (Kafka 5's default; without it Kafka Streams warns at every start).
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    settings.stateDir().ifPresent(dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
    return props;
  }

  /**
   * Whether the instance is working through a backlog of input; while it is, silent groups are not
   * moved on the wall clock.
   */
  public boolean behind() {
    return backlog.behind();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The running Kafka Streams instance, for interactive queries and task metadata. */
  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    backlogWatch.close();
    boolean closed =
        streams.close(
            CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (!closed) {
      log.warn("streams did not close within {} s", CLOSE_TIMEOUT.toSeconds());
    }
  }
}
