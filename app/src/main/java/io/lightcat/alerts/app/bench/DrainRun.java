package io.lightcat.alerts.app.bench;

import io.lightcat.alerts.metrics.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Drains the pre-loaded backlog with one Kafka Streams application and times it.
 *
 * <p>The clock starts when the ingest stage has counted its first record ({@code events.in}) and
 * stops when it has counted the last one; the run is over only when the application's committed
 * offsets on every input partition equal that partition's end offset (Admin API), so "drained"
 * never depends on a sleep. The counters are polled every {@link #POLL}, which bounds the timing
 * error to about two polls per run.
 */
final class DrainRun {
  static final Duration POLL = Duration.ofMillis(1);
  static final Duration LAG_POLL = Duration.ofMillis(100);

  /** The outcome of one drain. */
  record Result(
      String name, String guarantee, long events, double seconds, double eventsPerSecond) {}

  private final Admin admin;
  private final List<String> inputTopics;
  private final Duration timeout;

  DrainRun(Admin admin, List<String> inputTopics, Duration timeout) {
    this.admin = admin;
    this.inputTopics = List.copyOf(inputTopics);
    this.timeout = timeout;
  }

  /**
   * Runs {@code topology} with {@code props} until it has consumed {@code events} records.
   *
   * @throws IllegalStateException when the application fails or does not drain within the timeout
   */
  Result run(String name, Topology topology, Properties props, EngineMetrics metrics, long events)
      throws InterruptedException {
    KafkaStreams streams = new KafkaStreams(topology, props);
    try {
      streams.start();
      return awaitDrained(name, streams, props, metrics, events);
    } finally {
      close(streams);
    }
  }

  /**
   * Starts {@code topology} and returns it, still running, once it has consumed {@code events}
   * records and committed them: for a phase that looks at the drained application's state. The
   * caller closes it with {@link #close(KafkaStreams)}.
   *
   * @throws IllegalStateException when the application fails or does not drain within the timeout
   */
  KafkaStreams start(
      String name, Topology topology, Properties props, EngineMetrics metrics, long events)
      throws InterruptedException {
    KafkaStreams streams = new KafkaStreams(topology, props);
    boolean drained = false;
    try {
      streams.start();
      awaitDrained(name, streams, props, metrics, events);
      drained = true;
      return streams;
    } finally {
      if (!drained) {
        close(streams);
      }
    }
  }

  /** Closes {@code streams}, leaving its group, and deletes its local state. */
  static void close(KafkaStreams streams) {
    streams.close(
        CloseOptions.timeout(Duration.ofSeconds(30))
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    streams.cleanUp();
  }

  private Result awaitDrained(
      String name, KafkaStreams streams, Properties props, EngineMetrics metrics, long events)
      throws InterruptedException {
    String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    String guarantee = props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    long deadline = System.nanoTime() + timeout.toNanos();
    if (events == 0) {
      awaitTrue(
          name,
          "RUNNING",
          deadline,
          streams,
          LAG_POLL,
          () -> streams.state() == KafkaStreams.State.RUNNING);
      return new Result(name, guarantee, 0, 0, 0);
    }
    awaitTrue(name, "the first record", deadline, streams, POLL, () -> eventsIn(metrics) > 0);
    long first = System.nanoTime();
    awaitTrue(
        name, events + " records", deadline, streams, POLL, () -> eventsIn(metrics) >= events);
    long last = System.nanoTime();
    awaitTrue(
        name, "zero input lag", deadline, streams, LAG_POLL, () -> inputLagIsZero(applicationId));
    double seconds = (last - first) / 1e9;
    return new Result(name, guarantee, events, seconds, events / seconds);
  }

  /** Sum of {@code events.in} over all streams. */
  static double eventsIn(EngineMetrics metrics) {
    return metrics.registry().find("events.in").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private boolean inputLagIsZero(String applicationId) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(applicationId)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(inputTopics)
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (topic, description) ->
                  description
                      .partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      return ends.entrySet().stream()
          .allMatch(
              e -> {
                OffsetAndMetadata c = committed.get(e.getKey());
                long end = e.getValue().offset();
                return end == 0 || (c != null && c.offset() >= end);
              });
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read consumer group offsets: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Polls {@code condition} every {@code poll} until it holds.
   *
   * @throws IllegalStateException when the application stops or the deadline passes first
   */
  static void awaitTrue(
      String name,
      String what,
      long deadline,
      KafkaStreams streams,
      Duration poll,
      BooleanSupplier condition)
      throws InterruptedException {
    while (!condition.getAsBoolean()) {
      if (streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(name + ": streams stopped (" + streams.state() + ")");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(name + ": timed out waiting for " + what);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      LockSupport.parkNanos(poll.toNanos());
    }
  }
}
