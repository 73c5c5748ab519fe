package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.silence.SilenceRecords;
import io.lightcat.alerts.notify.silence.Silences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code alert-actions} topic: acknowledgements (key = fingerprint, value {@code
 * {"action":"ack", "alertId": optional}}; record timestamp = when) go to the {@link Escalator},
 * silences ({@link SilenceRecords}) to the {@link Silences}; between polls it has the escalator
 * send the repeats and escalations that are due.
 *
 * <p>Reads every partition from the beginning on each start, without a consumer group: the
 * escalator ignores acknowledgements older than the episode they would stop, and a silence read
 * again replaces itself. {@link #awaitCaughtUp} tells when what was on the topic at the start has
 * been read, so no alert is notified before the silences that hold it are known.
 */
public final class AlertActionsLoop implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertActionsLoop.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(500);

  private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
  private final String actionsTopic;
  private final Silences silences;
  private final Escalator escalator;
  private final Consumer<List<Notification>> escalationSend;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch caughtUp = new CountDownLatch(1);

  /**
   * @param escalator null: no escalation (acknowledgements are then ignored)
   * @param escalationSend how the escalator's notifications are sent
   */
  public AlertActionsLoop(
      org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
      String actionsTopic,
      Silences silences,
      Escalator escalator,
      Consumer<List<Notification>> escalationSend) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.actionsTopic = Objects.requireNonNull(actionsTopic, "actionsTopic");
    this.silences = Objects.requireNonNull(silences, "silences");
    this.escalator = escalator;
    this.escalationSend = escalationSend;
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(actionsTopic, Duration.ofSeconds(60)).stream()
              .map(p -> new TopicPartition(actionsTopic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + actionsTopic + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          action(r);
        }
        if (caughtUp.getCount() > 0 && reached(end)) {
          caughtUp.countDown();
        }
        if (escalator != null) {
          escalator.tick(escalationSend);
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

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Waits until the actions on the topic at the start have been read.
   *
   * @return false when that did not happen within {@code timeout}
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
    if (SilenceRecords.isSilence(value)) {
      try {
        silences.put(SilenceRecords.parse(value));
      } catch (IllegalArgumentException e) {
        log.warn(
            "{}-{}@{}: bad silence skipped: {}",
            r.topic(),
            r.partition(),
            r.offset(),
            e.getMessage());
      }
      return;
    }
    if (escalator == null || value == null || !"ack".equals(value.path("action").asText())) {
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
