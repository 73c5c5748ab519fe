package io.lightcat.alerts.app.fault;

import io.lightcat.alerts.testing.KafkaTestCluster;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Feeds the workload to Kafka one chunk per {@code period} on a background thread, so the engine is
 * killed (or its brokers stopped) while input is still arriving. acks=all and idempotence: a broker
 * outage delays chunks, it never drops or duplicates them.
 */
final class PacedProducer implements AutoCloseable {
  private final IncidentWorkload workload;
  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  PacedProducer(KafkaTestCluster cluster, IncidentWorkload workload) {
    this.workload = workload;
    this.producer = cluster.producer();
  }

  /** Sends chunks {@code from} to the last, one per {@code period}. */
  void start(int from, Duration period) {
    sent.set(from);
    timer.scheduleAtFixedRate(this::sendNext, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the pacing after the chunk in flight; {@link #sendRest} sends what is left. */
  void pause() throws InterruptedException {
    timer.shutdown();
    if (!timer.awaitTermination(2, TimeUnit.MINUTES)) {
      throw new AssertionError("the paced producer did not stop");
    }
  }

  /**
   * Sends every remaining chunk on a background thread and returns at once; the sends wait (and
   * retry) while the cluster cannot take them. {@link #done()} turns true when all are acked.
   */
  void sendRest() {
    Thread sender =
        new Thread(
            () -> {
              try {
                while (sent.get() < workload.incidents()) {
                  sendChunk(sent.get());
                  producer.flush();
                  sent.incrementAndGet();
                }
              } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
              }
            },
            "paced-producer-rest");
    sender.setDaemon(true);
    sender.start();
  }

  private void sendNext() {
    int i = sent.get();
    if (i >= workload.incidents() || failure.get() != null) {
      return;
    }
    try {
      sendChunk(i);
      producer.flush();
      sent.incrementAndGet();
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }

  private void sendChunk(int i) {
    for (ProducerRecord<byte[], byte[]> r : workload.chunk(i)) {
      producer.send(
          r,
          (meta, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
    }
  }

  /** True once every chunk is acknowledged; throws if a send failed. */
  boolean done() {
    Throwable f = failure.get();
    if (f != null) {
      throw new AssertionError("the workload could not be produced", f);
    }
    return sent.get() >= workload.incidents();
  }

  int chunksSent() {
    return sent.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
