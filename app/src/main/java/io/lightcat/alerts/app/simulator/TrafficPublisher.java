package io.lightcat.alerts.app.simulator;

import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.rule.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link TrafficModel} traffic to the four event topics at a target rate, with event time
 * = now of its {@link Clock}, following an {@link IncidentSchedule}; logs each incident's start and
 * end. Runs on its own thread until its duration is over or it is closed.
 *
 * <p>Records are keyed as CONTRACT section 2 says (requests by service, payments by invoice, game
 * by session, infra by host, service or target). The producer is idempotent with {@code acks=all}.
 * A slow broker never builds an unbounded backlog: at most one second of traffic is generated per
 * step, and what falls further behind is skipped (and logged). Event contents are never logged:
 * they carry simulated secrets.
 */
public final class TrafficPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TrafficPublisher.class);
  static final Duration STEP = Duration.ofMillis(100);

  /**
   * What to publish.
   *
   * @param eventsPerSecond the target rate, all streams together
   * @param seed the traffic model's seed: the same seed gives the same traffic
   * @param duration stop after this long; empty runs until closed
   */
  public record Settings(
      double eventsPerSecond, long seed, IncidentSchedule schedule, Optional<Duration> duration) {
    public Settings {
      if (!(eventsPerSecond > 0)) {
        throw new IllegalArgumentException("eventsPerSecond must be > 0: " + eventsPerSecond);
      }
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(duration, "duration");
    }
  }

  private final Producer<String, String> producer;
  private final TopicNames topics;
  private final Settings settings;
  private final Clock clock;
  private final TrafficModel model;
  private final double drawsPerSecond;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final CountDownLatch finished = new CountDownLatch(1);
  private Instant start;
  private long draws;
  private long skipped;
  private Optional<ActiveIncident> incident = Optional.empty();
  private volatile boolean running = true;
  private Thread thread;

  TrafficPublisher(
      Producer<String, String> producer, TopicNames topics, Settings settings, Clock clock) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.model = new TrafficModel(settings.seed());
    this.drawsPerSecond = settings.eventsPerSecond() / TrafficModel.EVENTS_PER_DRAW;
  }

  /** Starts publishing on a background thread. */
  public static TrafficPublisher start(
      KafkaClientConfig kafka, TopicNames topics, Settings settings, Clock clock) {
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            producerProperties(kafka), new StringSerializer(), new StringSerializer());
    TrafficPublisher publisher = new TrafficPublisher(producer, topics, settings, clock);
    log.info(
        "simulating LIGHTCAT traffic at about {} events/s, seed {}; incidents: {}",
        Math.round(settings.eventsPerSecond()),
        settings.seed(),
        settings.schedule().describe());
    publisher.thread = new Thread(publisher::run, "traffic-simulator");
    publisher.thread.setDaemon(true);
    publisher.thread.start();
    return publisher;
  }

  static Map<String, Object> producerProperties(KafkaClientConfig kafka) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-engine-simulator");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // One request in flight: on a topic just created, a first batch refused as NOT_LEADER could
    // otherwise be overtaken by the next and then be refused as out of order for good (Kafka 4.4;
    // seen by the fault suite), which would stop the traffic without an error.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return props;
  }

  /** Records the broker acknowledged. */
  public long published() {
    return sent.get();
  }

  /** Records that could not be published. */
  public long failed() {
    return failed.get();
  }

  /** Waits until the duration is over (or the publisher was closed); false on timeout. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Publishes everything due at the clock's current time.
   *
   * @return false once the duration is over (nothing was published)
   */
  boolean step() {
    Instant now = clock.instant();
    if (start == null) {
      start = now;
    }
    Duration elapsed = Duration.between(start, now);
    if (settings.duration().filter(d -> elapsed.compareTo(d) >= 0).isPresent()) {
      return false;
    }
    Optional<ActiveIncident> current = settings.schedule().at(elapsed);
    logTransition(current);
    long due = (long) (elapsed.toMillis() / 1000.0 * drawsPerSecond) - draws;
    long limit = Math.max(1, (long) Math.ceil(drawsPerSecond));
    if (due > limit) {
      if (skipped == 0) {
        log.warn("the simulator fell behind its rate; skipping the backlog");
      }
      skipped += due - limit;
      draws += due - limit;
      due = limit;
    }
    draws += due;
    for (SimEvent event : model.tick(now, (int) due, current)) {
      send(event);
    }
    return true;
  }

  private void send(SimEvent event) {
    String topic = event.stream().topic(topics);
    try {
      producer.send(
          new ProducerRecord<>(topic, event.key(), event.toJson()),
          (metadata, e) -> {
            if (e == null) {
              sent.incrementAndGet();
            } else {
              failed(topic, e);
            }
          });
    } catch (KafkaException e) {
      failed(topic, e);
    }
  }

  private void failed(String topic, Exception e) {
    if (failed.getAndIncrement() == 0) {
      // The exception names topic and cause, never the record.
      log.warn(
          "publishing simulated events to {} failed (further failures are counted): {}",
          topic,
          e.toString());
    }
  }

  private void logTransition(Optional<ActiveIncident> current) {
    Optional<Scenario> was = incident.map(ActiveIncident::scenario);
    Optional<Scenario> now = current.map(ActiveIncident::scenario);
    if (!was.equals(now)) {
      incident.ifPresent(i -> logEnd(i.scenario()));
      current.ifPresent(
          i ->
              log.info(
                  "incident {} started for {}: {} (meant to raise rule {})",
                  i.scenario().scenarioName(),
                  Durations.format(i.length()),
                  i.scenario().description(),
                  i.scenario().targetRule()));
    }
    incident = current;
  }

  private static void logEnd(Scenario scenario) {
    log.info("incident {} ended; traffic is steady again", scenario.scenarioName());
  }

  private void run() {
    try {
      while (running && step()) {
        Thread.sleep(STEP.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("the traffic simulator stopped", e);
    } finally {
      incident.ifPresent(
          i ->
              log.info(
                  "incident {} cut short: the simulator stopped", i.scenario().scenarioName()));
      finished.countDown();
    }
  }

  /** Stops publishing, waits for sent records to be acknowledged and closes the producer. */
  @Override
  public void close() {
    running = false;
    try {
      if (thread != null && !finished.await(5, TimeUnit.SECONDS)) {
        thread.interrupt();
        finished.await(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      producer.close(Duration.ofSeconds(10));
      log.info(
          "traffic simulator stopped: {} events published, {} failed", sent.get(), failed.get());
    }
  }
}
