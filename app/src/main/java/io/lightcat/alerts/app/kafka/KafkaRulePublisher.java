package io.lightcat.alerts.app.kafka;

import io.lightcat.alerts.app.http.NotReadyException;
import io.lightcat.alerts.rule.RuleDefinition;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes rule definitions to the compacted {@code alert-rules} topic: key = rule id, value = the
 * definition's text, null = delete. Idempotent, {@code acks=all}; every write waits until it is
 * durable, so a caller that got an answer knows every instance will apply it.
 *
 * <p>Only valid definitions are ever written: a {@link RuleDefinition} exists only once validated.
 */
public final class KafkaRulePublisher implements AutoCloseable {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaProducer<String, String> producer;
  private final String topic;

  public KafkaRulePublisher(KafkaClientConfig kafka, String topic) {
    this.producer = kafka.durableStringProducer(SEND_TIMEOUT);
    this.topic = topic;
  }

  /**
   * Publishes {@code definition} and waits until it is written.
   *
   * @throws NotReadyException when Kafka does not take it in time
   */
  public RecordMetadata publish(RuleDefinition definition) {
    return send(definition.id(), definition.text());
  }

  /**
   * Publishes the deletion of rule {@code id} (a tombstone) and waits until it is written.
   *
   * @throws NotReadyException when Kafka does not take it in time
   */
  public RecordMetadata delete(String id) {
    return send(id, null);
  }

  private RecordMetadata send(String id, String value) {
    try {
      return producer
          .send(new ProducerRecord<>(topic, id, value))
          .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
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
