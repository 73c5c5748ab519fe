package io.lightcat.alerts.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.app.simulator.SimEvent;
import io.lightcat.alerts.app.simulator.TrafficModel;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.lifecycle.Alert;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Detection latency under load: while background LIGHTCAT traffic flows at a fixed rate (event time
 * = now), an open-loop schedule injects one error burst every {@code triggerInterval} for a service
 * never seen before, which must raise {@code high-error-rate}; each burst's alert is found on the
 * alerts topic (read_committed).
 *
 * <p>Two latencies per trigger, both on the broker's clock (input and alerts topics use {@code
 * LogAppendTime}): from the trigger's scheduled send time to the alert's append time — the figure
 * without coordinated omission, since a late send still counts from when it was due — and from the
 * append time of the burst's last record to the alert's append time. The scheduled time is read
 * from this JVM's clock, so it is comparable only with a co-located broker.
 */
final class LatencyProbe {
  static final String RULE = "high-error-rate";
  static final int BURST = 25;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STEP = Duration.ofMillis(5);

  /** How to probe. */
  record Settings(
      double backgroundRate,
      Duration warmUp,
      Duration duration,
      Duration triggerInterval,
      Duration settle,
      long seed) {}

  /** Latencies in milliseconds. */
  record Result(
      double backgroundRate,
      long backgroundSent,
      int triggers,
      int detected,
      int missed,
      Percentiles fromScheduled,
      Percentiles fromAppend) {}

  /** p50 / p99 / max of one histogram, in milliseconds. */
  record Percentiles(long p50, long p99, long max) {
    static Percentiles of(Histogram h) {
      return h.getTotalCount() == 0
          ? new Percentiles(-1, -1, -1)
          : new Percentiles(
              h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
    }
  }

  private final KafkaClientConfig kafka;
  private final TopicNames topics;
  private final Settings settings;
  private final String runId;

  LatencyProbe(KafkaClientConfig kafka, TopicNames topics, Settings settings, String runId) {
    this.kafka = kafka;
    this.topics = topics;
    this.settings = settings;
    this.runId = runId;
  }

  /** Runs the probe against an engine that is already running on {@code topics}. */
  Result run() throws InterruptedException {
    int triggers =
        (int) Math.max(1, settings.duration().toMillis() / settings.triggerInterval().toMillis());
    long[] scheduledMs = new long[triggers];
    AtomicLongArray appendMs = new AtomicLongArray(triggers);
    long[] alertMs = new long[triggers];
    Arrays.fill(alertMs, -1);
    AtomicLong backgroundSent = new AtomicLong();
    try (KafkaConsumer<byte[], byte[]> alerts = alertConsumer();
        Producer<String, String> background = producer("bench-background", 5);
        Producer<String, String> trigger = producer("bench-trigger", 0)) {
      Thread load =
          new Thread(() -> backgroundLoad(background, backgroundSent), "bench-background");
      load.start();
      try {
        await(System.nanoTime() + settings.warmUp().toNanos());
        Thread injector = new Thread(() -> inject(trigger, scheduledMs, appendMs), "bench-trigger");
        injector.start();
        long until =
            System.nanoTime() + settings.duration().toNanos() + settings.settle().toNanos();
        int found = 0;
        while (found < triggers && System.nanoTime() - until < 0) {
          for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(50))) {
            int i = triggerIndex(r.value());
            if (i >= 0 && i < triggers && alertMs[i] < 0) {
              alertMs[i] = r.timestamp();
              found++;
            }
          }
        }
        injector.interrupt();
        injector.join();
      } finally {
        load.interrupt();
        load.join();
      }
    }
    return result(triggers, scheduledMs, appendMs, alertMs, backgroundSent.get());
  }

  private Result result(
      int triggers, long[] scheduledMs, AtomicLongArray appendMs, long[] alertMs, long sent) {
    Histogram fromScheduled = new Histogram(3_600_000L, 3);
    Histogram fromAppend = new Histogram(3_600_000L, 3);
    int detected = 0;
    for (int i = 0; i < triggers; i++) {
      if (alertMs[i] < 0 || scheduledMs[i] == 0) {
        continue;
      }
      detected++;
      fromScheduled.recordValue(Math.max(0, alertMs[i] - scheduledMs[i]));
      if (appendMs.get(i) > 0) {
        fromAppend.recordValue(Math.max(0, alertMs[i] - appendMs.get(i)));
      }
    }
    return new Result(
        settings.backgroundRate(),
        sent,
        triggers,
        detected,
        triggers - detected,
        Percentiles.of(fromScheduled),
        Percentiles.of(fromAppend));
  }

  /** Open loop: trigger i is due at start + i × interval, however late the previous one was. */
  private void inject(
      Producer<String, String> producer, long[] scheduledMs, AtomicLongArray appendMs) {
    long startMs = System.currentTimeMillis();
    long startNanos = System.nanoTime();
    long interval = settings.triggerInterval().toNanos();
    for (int i = 0; i < scheduledMs.length; i++) {
      try {
        await(startNanos + i * interval);
        scheduledMs[i] = startMs + settings.triggerInterval().toMillis() * i;
        sendBurst(producer, i, appendMs);
      } catch (InterruptedException | InterruptException e) {
        // Stopped: triggers not sent have no scheduled time and are not counted.
        scheduledMs[i] = 0;
        return;
      }
    }
  }

  private void sendBurst(Producer<String, String> producer, int index, AtomicLongArray appendMs) {
    String service = service(index);
    for (int j = 0; j < BURST; j++) {
      boolean last = j == BURST - 1;
      producer.send(
          new ProducerRecord<>(topics.requests(), service, burstEvent(service, j)),
          (metadata, e) -> {
            if (e == null && last) {
              appendMs.set(index, metadata.timestamp());
            }
          });
    }
    producer.flush();
  }

  /** Background traffic at the set rate, event time = now; catches up when it fell behind. */
  private void backgroundLoad(Producer<String, String> producer, AtomicLong sent) {
    TrafficModel model = new TrafficModel(settings.seed());
    double drawsPerSecond = settings.backgroundRate() / TrafficModel.EVENTS_PER_DRAW;
    long start = System.nanoTime();
    long draws = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long due = (long) (elapsed * drawsPerSecond) - draws;
        draws += due;
        List<SimEvent> events = model.tick(Instant.now(), (int) due, Optional.empty());
        for (SimEvent event : events) {
          producer.send(
              new ProducerRecord<>(event.stream().topic(topics), event.key(), event.toJson()));
        }
        sent.addAndGet(events.size());
        await(System.nanoTime() + STEP.toNanos());
      }
    } catch (InterruptedException | InterruptException e) {
      // Stopped: the probe is over.
      Thread.currentThread().interrupt();
    }
  }

  private String service(int trigger) {
    return "bench-" + runId + "-" + trigger;
  }

  /** The trigger's index when {@code value} is its firing alert, else -1. */
  private int triggerIndex(byte[] value) {
    try {
      JsonNode alert = JSON.readTree(value);
      if (!RULE.equals(alert.path("rule").asText())
          || !Alert.FIRING.equals(alert.path("status").asText())) {
        return -1;
      }
      String service = alert.path("labels").path("service").asText();
      String prefix = "bench-" + runId + "-";
      return service.startsWith(prefix) ? Integer.parseInt(service.substring(prefix.length())) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private static String burstEvent(String service, int j) {
    Map<String, Object> body =
        Map.of(
            "ts",
            Instant.now().toString(),
            "eventId",
            service + "-" + j,
            "service",
            service,
            "method",
            "GET",
            "route",
            "/api/bench",
            "status",
            500,
            "latencyMs",
            5.0,
            "clientIp",
            "10.99.0.1");
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a trigger event", e);
    }
  }

  private KafkaConsumer<byte[], byte[]> alertConsumer() {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topics.alerts()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  private Producer<String, String> producer(String clientId, int lingerMs) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static void await(long deadlineNanos) throws InterruptedException {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
