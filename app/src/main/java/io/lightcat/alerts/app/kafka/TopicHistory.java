package io.lightcat.alerts.app.kafka;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.stream.backtest.HistoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the retained records of some topics whose timestamps fall in a time range, without a
 * consumer group (nothing is committed, no cluster state changes), and returns them merged into one
 * sequence the way a Kafka Streams task picks records: by timestamp across partitions, each
 * partition in its own order.
 *
 * <p>A partition is read from the first offset at or after {@code from} ({@code offsetsForTimes})
 * up to its end offset at the time of the call, or until a record is more than {@link #LATE_MARGIN}
 * past {@code to}. Records are held in memory.
 */
public final class TopicHistory {
  /** How far past {@code to} a partition is still read, for records written out of order. */
  public static final Duration LATE_MARGIN = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(TopicHistory.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(500);

  private TopicHistory() {}

  /**
   * The records of {@code topics} with timestamps in [{@code from}, {@code to}].
   *
   * @throws StartupException when the cluster cannot be read
   */
  public static List<HistoryRecord> read(
      KafkaClientConfig kafka, Collection<String> topics, Instant from, Instant to) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "backtest-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<TopicPartition, Deque<HistoryRecord>> byPartition = new HashMap<>();
      Map<TopicPartition, Long> end = seek(consumer, topics, from);
      Set<TopicPartition> open = new HashSet<>(end.keySet());
      long lastProgress = System.nanoTime();
      while (!open.isEmpty()) {
        var records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> r : records) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (!open.contains(tp)) {
            continue;
          }
          if (r.timestamp() > to.plus(LATE_MARGIN).toEpochMilli()) {
            close(consumer, open, tp);
          } else if (r.timestamp() >= from.toEpochMilli() && r.timestamp() <= to.toEpochMilli()) {
            byPartition
                .computeIfAbsent(tp, k -> new ArrayDeque<>())
                .add(new HistoryRecord(r.topic(), r.key(), r.value(), r.timestamp()));
          }
        }
        if (!records.isEmpty()) {
          lastProgress = System.nanoTime();
        }
        for (TopicPartition tp : List.copyOf(open)) {
          if (consumer.position(tp, TIMEOUT) >= end.get(tp)) {
            close(consumer, open, tp);
          }
        }
        if (!open.isEmpty() && System.nanoTime() - lastProgress > TIMEOUT.toNanos()) {
          throw new StartupException("no records arrived for " + TIMEOUT + " from " + open);
        }
      }
      List<HistoryRecord> merged = merge(byPartition.values());
      log.info("read {} records of {} between {} and {}", merged.size(), topics, from, to);
      return merged;
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new StartupException("cannot read " + topics + ": " + e.getMessage(), e);
    }
  }

  /** Assigns every partition with records at or after {@code from}; returns their end offsets. */
  private static Map<TopicPartition, Long> seek(
      KafkaConsumer<byte[], byte[]> consumer, Collection<String> topics, Instant from) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> info = consumer.partitionsFor(topic, TIMEOUT);
      if (info == null || info.isEmpty()) {
        log.warn("topic {} does not exist; nothing to replay from it", topic);
        continue;
      }
      info.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, TIMEOUT);
    Map<TopicPartition, Long> start = new HashMap<>();
    starts.forEach(
        (tp, offset) -> {
          if (offset != null) {
            start.put(tp, offset.offset());
          }
        });
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(start.keySet(), TIMEOUT));
    end.keySet().retainAll(start.keySet());
    consumer.assign(start.keySet());
    start.forEach(consumer::seek);
    return end;
  }

  private static void close(
      KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> open, TopicPartition tp) {
    open.remove(tp);
    consumer.pause(List.of(tp));
  }

  /** One sequence: always the partition whose next record has the smallest timestamp. */
  static List<HistoryRecord> merge(Collection<Deque<HistoryRecord>> partitions) {
    PriorityQueue<Deque<HistoryRecord>> heads =
        new PriorityQueue<>(Comparator.comparingLong(q -> q.peekFirst().timestamp()));
    partitions.stream().filter(q -> !q.isEmpty()).forEach(heads::add);
    List<HistoryRecord> out = new ArrayList<>();
    while (!heads.isEmpty()) {
      Deque<HistoryRecord> q = heads.poll();
      out.add(q.pollFirst());
      if (!q.isEmpty()) {
        heads.add(q);
      }
    }
    return out;
  }
}
