package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Notification;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's consume loop: polls the alerts topic, hands each record to the {@link
 * AlertGrouper} (which sends what is due at once, each receiver succeeding or dead-lettering) and
 * the {@link Escalator}, sends the groups whose timers are due, stores the groups still held, and
 * only then commits the offsets. A crash before the commit means the records are handled again
 * (with the same idempotency keys), never lost.
 *
 * <p>The consumer must have {@code enable.auto.commit=false} and {@code
 * isolation.level=read_committed}; see {@link #consumerProperties}.
 */
public final class NotifierLoop implements Runnable, AutoCloseable {
  /** The notifier's consumer group. */
  public static final String GROUP_ID = "alert-notifier";

  private static final Logger log = LoggerFactory.getLogger(NotifierLoop.class);
  // Newer engines may add fields; they must not send alerts to the dead-letter topic.
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final AlertGrouper grouper;
  private final java.util.function.Consumer<List<Notification>> send;
  private final DeadLetters deadLetters;
  private final Escalator escalator;
  private final java.util.function.Consumer<List<Notification>> escalationSend;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /**
   * @param grouper takes every alert record and says what to send when
   * @param send delivers (or dead-letters) notifications, returning when each is done
   * @param escalator told about every alert after the grouper; null: no escalation
   * @param escalationSend how the escalator's notifications are sent (silences applied)
   */
  public NotifierLoop(
      Consumer<byte[], byte[]> consumer,
      String topic,
      AlertGrouper grouper,
      java.util.function.Consumer<List<Notification>> send,
      DeadLetters deadLetters,
      Escalator escalator,
      java.util.function.Consumer<List<Notification>> escalationSend) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.grouper = Objects.requireNonNull(grouper, "grouper");
    this.send = Objects.requireNonNull(send, "send");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.escalator = escalator;
    this.escalationSend = escalationSend;
  }

  /** The consumer settings the loop's guarantees depend on. */
  public static Map<String, Object> consumerProperties(String bootstrapServers, String groupId) {
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("group.id", groupId);
    p.put("enable.auto.commit", "false");
    p.put("isolation.level", "read_committed");
    p.put("auto.offset.reset", "earliest");
    // Retries may take a while per record; keep batches small so a poll interval suffices.
    p.put("max.poll.records", "20");
    p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    return p;
  }

  @Override
  public void run() {
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Groups were persisted before the last commit: the store is the truth to resume.
            grouper.restore();
          }
        });
    try {
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          handle(record);
          done.put(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1));
        }
        grouper.flush(send);
        // Held alerts are stored before their offsets are committed: a crash loses none.
        grouper.persist();
        if (!done.isEmpty()) {
          consumer.commitSync(done);
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      consumer.close();
    }
  }

  /** One record: dispatched, or dead-lettered when it is not an alert. */
  void handle(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return; // tombstone: nothing to notify
    }
    Alert alert;
    try {
      alert = JSON.readValue(record.value(), Alert.class);
    } catch (IOException e) {
      log.warn(
          "{}-{}@{}: not an alert, dead-lettered",
          record.topic(),
          record.partition(),
          record.offset());
      deadLetters.deadLetterRaw(
          record.key(), record.value(), "not an alert record: " + e.getClass().getSimpleName());
      return;
    }
    if (alert.id() == null || alert.status() == null || alert.fingerprint() == null) {
      deadLetters.deadLetterRaw(
          record.key(), record.value(), "alert without id, status or fingerprint");
      return;
    }
    grouper.offer(alert);
    grouper.flush(send);
    if (escalator != null) {
      escalator.onAlert(alert, escalationSend);
    }
  }

  /** Stops the loop after the current record; uncommitted records are redelivered later. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
