package io.lightcat.alerts.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Alerts;
import io.lightcat.alerts.testing.KafkaTestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A notifier whose consume loop dies (here: the dead-letter topic is missing and may not be
 * created) says so through {@link RunningNotifier#stopped()}, which {@code notify} turns into a
 * one-line error and exit status 1 instead of a process that lingers doing nothing.
 */
@Timeout(120)
class NotifierFailureIT {
  @Test
  void aDyingLoopCompletesStoppedExceptionally() throws Exception {
    try (KafkaTestCluster kafka =
        KafkaTestCluster.start(1, true, Map.of("auto.create.topics.enable", "false"))) {
      // given: every topic but the dead-letter one; a receiver that cannot be reached
      kafka.createTopics(1, List.of("f.alerts", "f.alert-actions", "f.notifications.state"));
      int closed;
      try (ServerSocket s = new ServerSocket(0)) {
        closed = s.getLocalPort();
      }
      String yaml =
          """
          receivers:
            - name: gone
              webhook: {url: "http://127.0.0.1:%d/hook"}
              retry: {max_attempts: 1}
          route: {receiver: gone}
          """
              .formatted(closed);
      RunningNotifier notifier =
          RunningNotifier.start(
              NotifierConfig.parse("f.yml", yaml),
              new RunningNotifier.Settings(
                  Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.block.ms", "3000"),
                  "f.alerts",
                  "f.notifications.dlq",
                  "f-notifier",
                  "f.alert-actions",
                  "f.notifications.state"),
              System::getenv,
              new PrintStream(new ByteArrayOutputStream()),
              new SimpleMeterRegistry(),
              Clock.systemUTC());
      try {
        // when
        Alert a = Alerts.alert().id("f1").fingerprint("fp-f1").build();
        kafka.produce(
            List.of(
                new ProducerRecord<>(
                    "f.alerts",
                    a.fingerprint().getBytes(StandardCharsets.UTF_8),
                    new ObjectMapper().writeValueAsBytes(a))));

        // then
        await().atMost(Duration.ofSeconds(60)).until(() -> notifier.stopped().isDone());
        assertThat(notifier.stopped())
            .failsWithin(Duration.ZERO)
            .withThrowableOfType(ExecutionException.class)
            .withMessageContaining("cannot write to f.notifications.dlq");
        assertThat(notifier.running()).isFalse();
      } finally {
        notifier.close();
      }
    }
  }
}
