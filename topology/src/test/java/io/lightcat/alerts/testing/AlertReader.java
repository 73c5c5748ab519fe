package io.lightcat.alerts.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads the {@code alerts} topic the way an on-call tool would: read_committed, every partition
 * assigned (no group to join, so no rebalance delays), from the beginning. Remembers everything it
 * has seen and when each record arrived, so tests can compare the whole history with an oracle and
 * measure recovery times.
 */
public final class AlertReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<JsonNode> seen = new ArrayList<>();
  private final List<Instant> arrivals = new ArrayList<>();
  private final List<TopicPartition> partitionOf = new ArrayList<>();
  private final List<Long> offsetOf = new ArrayList<>();
  private final List<TopicPartition> partitions;

  public AlertReader(KafkaTestCluster cluster, String alertsTopic) {
    consumer = cluster.consumer();
    partitions =
        consumer.partitionsFor(alertsTopic).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls for {@code wait} and returns everything seen so far. */
  public List<JsonNode> poll(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    do {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        try {
          seen.add(JSON.readTree(r.value()));
          arrivals.add(Instant.now());
          partitionOf.add(new TopicPartition(r.topic(), r.partition()));
          offsetOf.add(r.offset());
        } catch (IOException e) {
          throw new UncheckedIOException("an alert record is not JSON", e);
        }
      }
    } while (System.nanoTime() < deadline);
    return List.copyOf(seen);
  }

  /** Polls until at least {@code count} records arrived; fails after {@code timeout}. */
  public List<JsonNode> awaitAtLeast(int count, Duration timeout) {
    try {
      await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> poll(Duration.ZERO).size() >= count);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "expected at least " + count + " alert records, got " + seen.size() + ": " + brief(), e);
    }
    return List.copyOf(seen);
  }

  /**
   * The committed end of every partition now (read_committed: the last stable offset). A record at
   * or beyond it was committed after this call — after a kill, by the restarted engine.
   */
  public Map<TopicPartition, Long> committedEnd() {
    return consumer.endOffsets(partitions);
  }

  /** When the first record at or beyond {@code end} on its partition arrived, if one has. */
  public Optional<Instant> firstArrivalBeyond(Map<TopicPartition, Long> end) {
    for (int i = 0; i < arrivals.size(); i++) {
      if (offsetOf.get(i) >= end.getOrDefault(partitionOf.get(i), Long.MAX_VALUE)) {
        return Optional.of(arrivals.get(i));
      }
    }
    return Optional.empty();
  }

  public int size() {
    return seen.size();
  }

  private List<String> brief() {
    return seen.stream()
        .limit(50)
        .map(
            a -> a.path("rule").asText() + " " + a.path("labels") + " " + a.path("status").asText())
        .toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
