package io.lightcat.alerts.app.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TrafficPublisherTest {
  private static final TopicNames TOPICS = TopicNames.withPrefix("t.");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockProducer<String, String> producer =
      new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
  private final StepClock clock = new StepClock(Simulation.START);

  private TrafficPublisher publisher(double rate, Optional<Duration> duration) {
    return new TrafficPublisher(
        producer,
        TOPICS,
        new TrafficPublisher.Settings(rate, 1, IncidentSchedule.steady(), duration),
        clock);
  }

  @Test
  void itsProducerIsIdempotentWithOneRequestInFlight() {
    // when
    var props =
        TrafficPublisher.producerProperties(
            io.lightcat.alerts.app.kafka.KafkaClientConfig.of("b:1"));

    // then a batch refused on a fresh topic is retried before the next one is sent
    assertThat(props)
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("max.in.flight.requests.per.connection", 1);
  }

  @Test
  void publishesAboutTheTargetRateWithEventTimeNow() throws Exception {
    // given
    TrafficPublisher publisher = publisher(100, Optional.empty());

    // when: 60 s in 100 ms steps
    for (int i = 0; i < 600; i++) {
      publisher.step();
      clock.advance(Duration.ofMillis(100));
    }

    // then
    assertThat(producer.history()).hasSizeBetween(5_000, 7_000);
    assertThat(publisher.published()).isEqualTo(producer.history().size());
    for (ProducerRecord<String, String> r : producer.history()) {
      Instant ts = Instant.parse(JSON.readTree(r.value()).get("ts").asText());
      assertThat(ts).isBetween(Simulation.START, clock.instant());
    }
  }

  @Test
  void keysFollowTheContract() throws Exception {
    // given
    TrafficPublisher publisher = publisher(100, Optional.empty());

    // when
    for (int i = 0; i < 300; i++) {
      publisher.step();
      clock.advance(Duration.ofMillis(100));
    }

    // then
    assertThat(producer.history().stream().map(ProducerRecord::topic).distinct())
        .containsExactlyInAnyOrderElementsOf(TOPICS.eventTopics());
    for (ProducerRecord<String, String> r : producer.history()) {
      JsonNode event = JSON.readTree(r.value());
      String expected = expectedKey(r.topic(), event);
      assertThat(r.key()).as(r.topic() + " " + event.path("kind")).isEqualTo(expected);
    }
  }

  @Test
  void stopsWhenTheDurationIsOver() {
    // given
    TrafficPublisher publisher = publisher(50, Optional.of(Duration.ofSeconds(1)));
    assertThat(publisher.step()).isTrue();

    // when
    clock.advance(Duration.ofMillis(999));
    boolean beforeEnd = publisher.step();
    int published = producer.history().size();
    clock.advance(Duration.ofMillis(1));
    boolean atEnd = publisher.step();

    // then
    assertThat(beforeEnd).isTrue();
    assertThat(atEnd).isFalse();
    assertThat(producer.history()).hasSize(published);
  }

  @Test
  void aLongStallSkipsTheBacklogInsteadOfBursting() {
    // given
    TrafficPublisher publisher = publisher(100, Optional.empty());
    publisher.step();
    int before = producer.history().size();

    // when: ten minutes without a step
    clock.advance(Duration.ofMinutes(10));
    publisher.step();

    // then: at most about one second of traffic plus the periodic events
    assertThat(producer.history().size() - before).isBetween(50, 200);
  }

  private static String expectedKey(String topic, JsonNode event) {
    if (topic.equals(TOPICS.requests())) {
      return event.get("service").asText();
    }
    if (topic.equals(TOPICS.payments())) {
      return event.has("invoiceId") ? event.get("invoiceId").asText() : null;
    }
    if (topic.equals(TOPICS.game())) {
      return event.get("sessionId").asText();
    }
    return switch (event.get("kind").asText()) {
      case "host" -> event.get("host").asText();
      case "health_check" -> event.get("target").asText();
      default -> event.get("service").asText();
    };
  }

  /** A clock tests move by hand. */
  private static final class StepClock extends Clock {
    private Instant now;

    StepClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
