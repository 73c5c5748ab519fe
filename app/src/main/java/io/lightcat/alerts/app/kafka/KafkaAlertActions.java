package io.lightcat.alerts.app.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.http.AlertActions;
import io.lightcat.alerts.app.http.NotReadyException;
import io.lightcat.alerts.lifecycle.AlertAction;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes alert actions to the {@code alert-actions} topic, keyed by fingerprint so every action on
 * one alert lands on one partition, in order. Idempotent, {@code acks=all}; {@link #publish} waits
 * for the write, so a 202 means the action is durable.
 */
public final class KafkaAlertActions implements AlertActions, AutoCloseable {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaProducer<String, String> producer;
  private final String topic;

  public KafkaAlertActions(KafkaClientConfig kafka, String topic) {
    this.producer = kafka.durableStringProducer(SEND_TIMEOUT);
    this.topic = topic;
  }

  @Override
  public void publish(AlertAction action) {
    try {
      String value = JSON.writeValueAsString(action);
      producer
          .send(new ProducerRecord<>(topic, action.fingerprint(), value))
          .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an alert action as JSON", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotReadyException("interrupted while writing to " + topic);
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      throw new NotReadyException("cannot write to " + topic + " now: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
