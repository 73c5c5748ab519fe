package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SimulateCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KafkaTestCluster kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaTestCluster.singleBroker();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void publishesTheTargetRateOfValidJsonToTheFourTopics() throws Exception {
    // given
    String prefix = "sim-" + UUID.randomUUID() + ".";
    TopicNames topics = TopicNames.withPrefix(prefix);
    kafka.createTopics(3, topics.eventTopics());
    StringWriter out = new StringWriter();
    CommandLine cmd = AlertEngineCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));

    // when
    int exit =
        cmd.execute(
            "simulate",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic-prefix",
            prefix,
            "--duration",
            "5s",
            "--rate",
            "100",
            "--seed",
            "11");

    // then
    assertThat(exit).isZero();
    Map<String, Long> counts = new HashMap<>();
    long total = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
      for (String topic : topics.eventTopics()) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long end =
            consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        long read = 0;
        while (read < end) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            JsonNode event = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
            assertThat(event.isObject()).isTrue();
            assertThat(event.has("ts")).isTrue();
            read++;
          }
        }
        counts.put(topic, read);
        total += read;
      }
    }
    assertThat(counts.values()).allMatch(n -> n > 0);
    assertThat(total).isBetween(300L, 800L);
    assertThat(out.toString()).contains("published " + total + " events, 0 failed");
  }
}
