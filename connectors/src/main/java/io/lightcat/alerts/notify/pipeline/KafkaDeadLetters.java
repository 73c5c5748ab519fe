package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.notify.Notification;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes dead letters to a Kafka topic: key = alert fingerprint (a group's key for a group), value
 * = the notification as JSON ({@code receiver}, {@code idempotencyKey}, {@code reason}, and {@code
 * alert} for a single alert record or {@code group} and {@code alerts} for a group), headers {@code
 * receiver} and {@code reason}. Sends synchronously so an offset is committed only after its dead
 * letter is stored.
 */
public final class KafkaDeadLetters implements DeadLetters {
  /** The default topic. */
  public static final String TOPIC = "notifications.dlq";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  public KafkaDeadLetters(Producer<byte[], byte[]> producer, String topic) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  @Override
  public void deadLetter(Notification n, String reason) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("receiver", n.receiver());
    value.put("idempotencyKey", n.idempotencyKey());
    value.put("reason", reason);
    String key;
    if (n.single()) {
      value.put("alert", n.alert());
      key = n.alert().fingerprint();
    } else {
      value.put("group", n.group());
      value.put("alerts", n.alerts());
      key = n.group() == null ? n.alert().fingerprint() : n.group().key();
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render dead letter", e);
    }
    send(utf8(key), bytes, n.receiver(), reason);
  }

  @Override
  public void deadLetterRaw(byte[] key, byte[] value, String reason) {
    send(key, value, "-", reason);
  }

  private void send(byte[] key, byte[] value, String receiver, String reason) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
    record.headers().add("receiver", utf8(receiver));
    record.headers().add("reason", utf8(reason));
    try {
      producer.send(record).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic, e);
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
