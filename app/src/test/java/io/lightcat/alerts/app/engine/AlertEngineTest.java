package io.lightcat.alerts.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AlertEngineTest {

  @Test
  void streamsRunExactlyOnceWithExtraClientPropertiesButOurIdentity() {
    // given
    KafkaClientConfig kafka =
        new KafkaClientConfig(
            "broker:9092",
            Map.of(
                "security.protocol",
                "SSL",
                "application.id",
                "not-this",
                "num.stream.threads",
                "2"));
    StreamsSettings settings =
        new StreamsSettings("alerts-eu", kafka, Optional.of(Path.of("/var/lib/ae")), "host-1:8081");

    // when
    Properties props = AlertEngine.streamsProperties(settings);

    // then
    assertThat(props)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("num.stream.threads", "2")
        .containsEntry("application.id", "alerts-eu")
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("application.server", "host-1:8081")
        .containsEntry("state.dir", Path.of("/var/lib/ae").toString())
        .containsEntry("commit.interval.ms", 100);
  }

  @Test
  void oneStreamThreadPerCoreUnlessTheUserChose() {
    // given
    StreamsSettings settings =
        new StreamsSettings("a", KafkaClientConfig.of("b:1"), Optional.empty(), "localhost:8080");

    // when
    Properties props = AlertEngine.streamsProperties(settings);

    // then
    assertThat(props)
        .containsEntry("num.stream.threads", Runtime.getRuntime().availableProcessors());
  }

  @Test
  void tasksDoNotIdleForUnfetchedInputUnlessTheUserAsks() {
    // given
    StreamsSettings defaults =
        new StreamsSettings("a", KafkaClientConfig.of("b:1"), Optional.empty(), "localhost:8080");
    StreamsSettings asked =
        new StreamsSettings(
            "a",
            new KafkaClientConfig("b:1", Map.of("max.task.idle.ms", "10000")),
            Optional.empty(),
            "localhost:8080");

    // then
    assertThat(AlertEngine.streamsProperties(defaults)).containsEntry("max.task.idle.ms", -1L);
    assertThat(AlertEngine.streamsProperties(asked)).containsEntry("max.task.idle.ms", "10000");
  }

  @Test
  void withoutStateDirKafkaStreamsPicksItsDefault() {
    // given
    StreamsSettings settings =
        new StreamsSettings("a", KafkaClientConfig.of("b:1"), Optional.empty(), "localhost:8080");

    // when
    Properties props = AlertEngine.streamsProperties(settings);

    // then
    assertThat(props).doesNotContainKey("state.dir");
  }

  @Test
  void theProducerKeepsOneRequestInFlightSoATransactionsFirstBatchLandsFirst() {
    // given a user who asks for more
    StreamsSettings settings =
        new StreamsSettings(
            "a",
            new KafkaClientConfig(
                "b:1", Map.of("producer.max.in.flight.requests.per.connection", "5")),
            Optional.empty(),
            "localhost:8080");

    // when
    Properties props = AlertEngine.streamsProperties(settings);

    // then
    assertThat(props).containsEntry("producer.max.in.flight.requests.per.connection", 1);
  }
}
