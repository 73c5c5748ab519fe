package io.lightcat.alerts.app.kafka;

import io.lightcat.alerts.app.http.AlertSilences;
import io.lightcat.alerts.app.http.NotReadyException;
import io.lightcat.alerts.notify.silence.Silence;
import io.lightcat.alerts.notify.silence.SilenceRecords;
import io.lightcat.alerts.notify.silence.Silences;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences on the {@code alert-actions} topic ({@link SilenceRecords}): {@link #publish} writes one
 * and waits for it; a reader thread follows the topic from its beginning so every instance lists
 * the silences any instance (or anyone writing the topic) created. The notifier reads the same
 * records.
 */
public final class KafkaSilences implements AlertSilences, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaSilences.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> reader;
  private final String topic;
  private final Clock clock;
  private final Silences known = new Silences();
  private final Thread thread;
  private volatile boolean running = true;

  public KafkaSilences(KafkaClientConfig kafka, String topic, Clock clock) {
    this.producer = kafka.durableStringProducer(SEND_TIMEOUT);
    Map<String, Object> c = new HashMap<>(kafka.clientProperties());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.reader = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    this.topic = topic;
    this.clock = clock;
    this.thread = new Thread(this::follow, "silences-reader");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  @Override
  public void publish(Silence silence) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  SilenceRecords.key(silence),
                  SilenceRecords.value(silence, clock.instant())))
          .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      known.put(silence); // read-your-writes before the reader gets there
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotReadyException("interrupted while writing to " + topic);
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      throw new NotReadyException("cannot write to " + topic + " now: " + e.getMessage());
    }
  }

  @Override
  public List<Silence> all() {
    return known.all();
  }

  private void follow() {
    try {
      List<TopicPartition> partitions =
          reader.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      if (partitions.isEmpty()) {
        log.warn("topic {} does not exist: GET /api/silences lists only this instance's", topic);
        return;
      }
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      while (running) {
        for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(500))) {
          if (r.key() == null || r.value() == null || !r.key().startsWith("silence:")) {
            continue;
          }
          try {
            known.put(
                SilenceRecords.parse(r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          } catch (IllegalArgumentException e) {
            log.warn(
                "{}-{}@{}: bad silence skipped: {}",
                topic,
                r.partition(),
                r.offset(),
                e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("reading silences from {} stopped", topic, e);
    } finally {
      reader.close();
    }
  }

  @Override
  public void close() {
    running = false;
    reader.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
