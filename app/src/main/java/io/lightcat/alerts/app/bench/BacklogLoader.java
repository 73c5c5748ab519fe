package io.lightcat.alerts.app.bench;

import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.app.simulator.SimEvent;
import io.lightcat.alerts.app.simulator.TrafficModel;
import io.lightcat.alerts.config.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Pre-loads a backlog of simulated LIGHTCAT traffic (steady mix, no incidents) into the four input
 * topics, as fast as the broker takes it.
 *
 * <p>Event time is compressed: the model is ticked every {@link #TICK} of event time with {@link
 * #DRAWS_PER_TICK} draws, so 2 M events span about 20 minutes of event time — several 5-minute
 * windows — instead of the hours real traffic would take. The same seed loads the same events.
 */
final class BacklogLoader {
  static final Duration TICK = Duration.ofMillis(10);
  static final int DRAWS_PER_TICK = 15;
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private BacklogLoader() {}

  /**
   * Sends exactly {@code events} events and waits until the broker acknowledged all of them.
   *
   * @throws IllegalStateException when a send failed
   */
  static void load(KafkaClientConfig kafka, TopicNames topics, long events, long seed) {
    TrafficModel model = new TrafficModel(seed);
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            producerProperties(kafka), new StringSerializer(), new StringSerializer())) {
      // Fetch every partition's leader before the first send.
      topics.eventTopics().forEach(producer::partitionsFor);
      long sent = 0;
      Instant now = START;
      while (sent < events) {
        List<SimEvent> batch = model.tick(now, DRAWS_PER_TICK, Optional.empty());
        for (SimEvent event : batch) {
          if (sent == events) {
            break;
          }
          producer.send(
              new ProducerRecord<>(
                  event.stream().topic(topics),
                  null,
                  event.time().toEpochMilli(),
                  event.key(),
                  event.toJson()),
              (metadata, e) -> {
                if (e != null) {
                  failed.incrementAndGet();
                  firstFailure.compareAndSet(null, e);
                }
              });
          sent++;
        }
        now = now.plus(TICK);
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(
          failed.get() + " backlog events could not be sent: " + firstFailure.get(),
          firstFailure.get());
    }
  }

  static Map<String, Object> producerProperties(KafkaClientConfig kafka) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-engine-bench-loader");
    // Not idempotent: on a busy machine the co-located broker answers late, and an idempotent
    // producer retrying an early batch can wedge on OUT_OF_ORDER_SEQUENCE_NUMBER. One request in
    // flight keeps the order; a retried batch may duplicate, which is why the drains count what
    // the topics hold (Benchmark#loadedEvents) rather than what was sent.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return props;
  }
}
