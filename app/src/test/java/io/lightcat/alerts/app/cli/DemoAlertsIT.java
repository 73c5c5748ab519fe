package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.DemoStack;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.config.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's simulator makes the bundled rules fire: the first incident raises its rule. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoAlertsIT {
  private static final String PREFIX = "demo-alerts-it.";
  private static final TopicNames TOPICS = TopicNames.withPrefix(PREFIX);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path stateDir;

  @Test
  void theFirstIncidentFiresHighErrorRate() throws Exception {
    // given: the demo with its simulator, the first incident (error-spike) after 5 s
    String[] args = {
      "demo",
      "--rules",
      "../alert-rules/lightcat",
      "--kafka-port",
      String.valueOf(FreePorts.next()),
      "--http-port",
      String.valueOf(FreePorts.next()),
      "--state-dir",
      stateDir.toString(),
      "--topic-prefix",
      PREFIX,
      "--seed",
      "5",
      "--first-incident-after",
      "5s"
    };
    DemoCommand demo =
        AlertEngineCommand.commandLine()
            .parseArgs(args)
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();

    try (DemoStack stack = demo.start()) {
      assertThat(stack.simulator()).isPresent();
      List<JsonNode> alerts = new ArrayList<>();

      // when / then
      try (KafkaConsumer<String, String> consumer = alertsConsumer(stack.bootstrapServers())) {
        consumer.subscribe(List.of(TOPICS.alerts()));
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    alerts.add(JSON.readTree(r.value()));
                  }
                  return alerts.stream().anyMatch(DemoAlertsIT::firingHighErrorRate);
                });
      }
      JsonNode fired =
          alerts.stream().filter(DemoAlertsIT::firingHighErrorRate).findFirst().orElseThrow();
      assertThat(fired.path("labels").path("service").asText()).isEqualTo("api");
      assertThat(fired.path("severity").asText()).isEqualTo("P1");
      assertThat(stack.simulator().orElseThrow().failed()).isZero();
    }
  }

  private static boolean firingHighErrorRate(JsonNode alert) {
    return alert.path("rule").asText().equals("high-error-rate")
        && alert.path("status").asText().equals("firing")
        && alert.path("severity").asText().equals("P1");
  }

  private static KafkaConsumer<String, String> alertsConsumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-alerts-it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return new KafkaConsumer<>(p);
  }
}
