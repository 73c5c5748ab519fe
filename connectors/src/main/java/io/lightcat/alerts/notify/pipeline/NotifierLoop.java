package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's consume loop: polls the alerts topic, dispatches each record and commits its
 * offset only after every receiver succeeded or dead-lettered. A crash before the commit means the
 * records are delivered again (with the same idempotency keys), never lost.
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
  private final NotificationDispatcher dispatcher;
  private final DeadLetters deadLetters;
  private final Escalator escalator;
  private final AtomicBoolean running = new AtomicBoolean(true);

  public NotifierLoop(
      Consumer<byte[], byte[]> consumer,
      String topic,
      NotificationDispatcher dispatcher,
      DeadLetters deadLetters) {
    this(consumer, topic, dispatcher, deadLetters, null);
  }

  /**
   * @param escalator told about every alert after its routed notifications, before the commit;
   *     null: no escalation
   */
  public NotifierLoop(
      Consumer<byte[], byte[]> consumer,
      String topic,
      NotificationDispatcher dispatcher,
      DeadLetters deadLetters,
      Escalator escalator) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.escalator = escalator;
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
    consumer.subscribe(List.of(topic));
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
    dispatcher.dispatch(alert);
    if (escalator != null) {
      escalator.onAlert(alert, dispatcher::deliver);
    }
  }

  /** Stops the loop after the current record; uncommitted records are redelivered later. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
