package io.lightcat.alerts.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.testing.AlertReader;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka security: {@code run --kafka-config} with SASL_PLAINTEXT / PLAIN against a broker whose
 * client listener accepts nothing else. With the right credentials the engine creates its topics
 * and raises the oracle's alerts; with a wrong password it refuses to start with an error that does
 * not echo the password.
 */
@Tag("fault")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SaslKafkaIT {
  @TempDir Path tmp;

  @Test
  void theEngineWorksOverSaslAndRefusesWrongCredentials() throws Exception {
    try (KafkaTestCluster cluster = KafkaTestCluster.saslPlain()) {
      // given the engine logging in with SASL/PLAIN through --kafka-config
      FaultRun run =
          new FaultRun(
              "sasl",
              tmp.resolve("good"),
              properties(
                  KafkaTestCluster.saslClientProperties(
                      KafkaTestCluster.SASL_USER, KafkaTestCluster.SASL_PASSWORD)));
      IncidentWorkload workload = new IncidentWorkload(run.topics.requests(), 3, 2);
      try (EngineNode engine = run.startInProcess(cluster.bootstrapServers(), "state")) {
        // when events arrive
        cluster.produce(workload.chunk(0));
        cluster.produce(workload.chunk(1));

        // then the alerts are exactly the oracle's
        try (AlertReader alerts = new AlertReader(cluster, run.topics.alerts())) {
          alerts.awaitAtLeast(workload.expectedTransitions(), Duration.ofMinutes(2));
          List<JsonNode> all = alerts.poll(Duration.ofSeconds(2));
          assertThat(new Oracle(workload).differences(all)).isEmpty();
        }
      }

      // and with a wrong password the engine does not start, and does not print the password
      String wrong = "not-the-password-" + System.nanoTime();
      FaultRun denied =
          new FaultRun(
              "sasl-denied",
              tmp.resolve("bad"),
              properties(KafkaTestCluster.saslClientProperties(KafkaTestCluster.SASL_USER, wrong)));
      Throwable refused =
          catchThrowable(() -> denied.startInProcess(cluster.bootstrapServers(), "state").close());
      assertThat(refused).isNotNull();
      assertThat(refused.getMessage()).containsIgnoringCase("authentication").doesNotContain(wrong);
    }
  }

  private static String properties(Map<String, Object> settings) {
    return settings.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n"))
        + "\n";
  }
}
