package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link Escalator}: reads acknowledgements from the {@code alert-actions} topic (key =
 * fingerprint, value {@code {"action":"ack", "alertId": optional}}; record timestamp = when) and,
 * between polls, sends the repeats and escalations that are due.
 *
 * <p>Reads every partition from the beginning on each start, without a consumer group: the
 * escalator ignores acknowledgements older than the episode they would stop, so replaying them is
 * harmless.
 */
public final class EscalationLoop implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EscalationLoop.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(500);

  private final Consumer<byte[], byte[]> consumer;
  private final String actionsTopic;
  private final Escalator escalator;
  private final NotificationDispatcher dispatcher;
  private final AtomicBoolean running = new AtomicBoolean(true);

  public EscalationLoop(
      Consumer<byte[], byte[]> consumer,
      String actionsTopic,
      Escalator escalator,
      NotificationDispatcher dispatcher) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.actionsTopic = Objects.requireNonNull(actionsTopic, "actionsTopic");
    this.escalator = Objects.requireNonNull(escalator, "escalator");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(actionsTopic, Duration.ofSeconds(60)).stream()
              .map(p -> new TopicPartition(actionsTopic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          action(r);
        }
        escalator.tick(dispatcher::deliver);
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      consumer.close();
    }
  }

  private void action(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null || r.value() == null) {
      return;
    }
    JsonNode value;
    try {
      value = JSON.readTree(r.value());
    } catch (IOException e) {
      log.warn("{}-{}@{}: not an action, skipped", r.topic(), r.partition(), r.offset());
      return;
    }
    if (value == null || !"ack".equals(value.path("action").asText())) {
      return;
    }
    String alertId = value.hasNonNull("alertId") ? value.get("alertId").asText() : null;
    escalator.onAck(
        new String(r.key(), StandardCharsets.UTF_8), alertId, Instant.ofEpochMilli(r.timestamp()));
  }

  /** Stops after the current poll. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
