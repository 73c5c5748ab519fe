package io.lightcat.alerts.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class KafkaTestClusterIT {

  @Test
  void producesAndConsumesThroughARealBroker() {
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker()) {
      cluster.createTopics(3, List.of("roundtrip"));
      cluster.produce(
          List.of(
              new ProducerRecord<>(
                  "roundtrip",
                  "k".getBytes(StandardCharsets.UTF_8),
                  "v".getBytes(StandardCharsets.UTF_8))));

      var records = cluster.consume("roundtrip", 1, Duration.ofSeconds(30));

      assertThat(records).hasSize(1);
      assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("v");
    }
  }
}
