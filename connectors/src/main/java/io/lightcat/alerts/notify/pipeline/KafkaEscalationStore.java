package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalation state in a compacted topic ({@code notifications.state}): key = alert fingerprint,
 * value = {@link EscalationState} as JSON, a tombstone when forgotten. {@link #loadAll} reads the
 * topic from the beginning to its end offsets, skipping the alert groups stored beside ({@link
 * KafkaGroupStore}); writes are synchronous.
 */
public final class KafkaEscalationStore implements EscalationStore {
  /** The default topic. */
  public static final String TOPIC = "notifications.state";

  private static final Logger log = LoggerFactory.getLogger(KafkaEscalationStore.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> reader;
  private final String topic;

  /**
   * @param reader a consumer without group use: assigned and closed by {@link #loadAll}
   */
  public KafkaEscalationStore(
      Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> reader, String topic) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  @Override
  public Map<String, EscalationState> loadAll() {
    Map<String, EscalationState> out = new HashMap<>();
    StateTopic.readAll(reader, topic, k -> !k.startsWith(KafkaGroupStore.PREFIX))
        .forEach(
            (key, value) -> {
              try {
                out.put(key, JSON.readValue(value, EscalationState.class));
              } catch (IOException e) {
                log.warn("{}: unreadable escalation state of {}, skipped", topic, key);
              }
            });
    return out;
  }

  @Override
  public void put(String fingerprint, EscalationState state) {
    try {
      send(fingerprint, JSON.writeValueAsBytes(state));
    } catch (IOException e) {
      throw new IllegalStateException("cannot render escalation state", e);
    }
  }

  @Override
  public void delete(String fingerprint) {
    send(fingerprint, null);
  }

  private void send(String fingerprint, byte[] value) {
    try {
      producer
          .send(new ProducerRecord<>(topic, fingerprint.getBytes(StandardCharsets.UTF_8), value))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic, e);
    }
  }
}
