package io.lightcat.alerts.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a {@link Prober} round every interval and publishes its events to the infra topic. */
public final class ProbeLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProbeLoop.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Prober prober;
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private ProbeLoop(Prober prober, Producer<byte[], byte[]> producer, String topic) {
    this.prober = prober;
    this.producer = producer;
    this.topic = topic;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "prober");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts probing now and then every {@code interval}; the producer is closed on close. */
  public static ProbeLoop start(
      Prober prober, Producer<byte[], byte[]> producer, String topic, Duration interval) {
    Objects.requireNonNull(interval, "interval");
    ProbeLoop loop = new ProbeLoop(prober, producer, topic);
    loop.scheduler.scheduleAtFixedRate(loop::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return loop;
  }

  private void round() {
    try {
      for (ProbeEvent e : prober.round()) {
        publish(e);
      }
    } catch (RuntimeException e) {
      // A failed round must not end the schedule.
      log.warn("probe round failed", e);
    }
  }

  private void publish(ProbeEvent e) {
    byte[] value;
    try {
      value = JSON.writeValueAsBytes(e.fields());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot render probe event", ex);
    }
    producer.send(
        new ProducerRecord<>(topic, e.key().getBytes(StandardCharsets.UTF_8), value),
        (metadata, error) -> {
          if (error == null) {
            published.incrementAndGet();
          } else {
            failed.incrementAndGet();
            log.warn("cannot publish {} event for {}: {}", e.kind(), e.key(), error.toString());
          }
        });
  }

  public long published() {
    return published.get();
  }

  public long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      producer.close(Duration.ofSeconds(10));
    }
  }
}
