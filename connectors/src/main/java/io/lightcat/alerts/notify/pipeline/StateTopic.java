package io.lightcat.alerts.notify.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading and writing the notifier's compacted state topic ({@code notifications.state}), which
 * several stores share, each under its own keys (escalation: alert fingerprints; groups: {@code
 * group#...}).
 */
final class StateTopic {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private StateTopic() {}

  /**
   * The latest value of every key {@code keys} accepts, read from the beginning to the end offsets
   * as of the call; tombstoned keys are absent. Closes {@code reader}.
   *
   * @throws IllegalStateException when the topic cannot be read to its end in time
   */
  static Map<String, byte[]> readAll(
      Consumer<byte[], byte[]> reader, String topic, Predicate<String> keys) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (reader) {
      List<TopicPartition> partitions =
          reader.partitionsFor(topic, TIMEOUT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!caughtUp(reader, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + topic + " to its end");
        }
        for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
          if (r.key() == null) {
            continue;
          }
          String key = new String(r.key(), StandardCharsets.UTF_8);
          if (!keys.test(key)) {
            continue;
          }
          if (r.value() == null) {
            out.remove(key);
          } else {
            out.put(key, r.value());
          }
        }
      }
    }
    return out;
  }

  private static boolean caughtUp(Consumer<byte[], byte[]> reader, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (reader.position(e.getKey(), TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes every entry (a null value is a tombstone) and waits until all are stored.
   *
   * @throws IllegalStateException when a write fails: the caller must not commit
   */
  static void write(Producer<byte[], byte[]> producer, String topic, Map<String, byte[]> values) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : values.entrySet()) {
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  topic, e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue())));
    }
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic, e);
    }
  }
}
