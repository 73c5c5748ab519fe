package io.lightcat.alerts.notify.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Alerts;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Escalation on a real broker: an unacknowledged P1 repeats, an ack on {@code alert-actions} stops
 * it, and the state (acked or not, repeat count) survives a restart through the compacted state
 * topic.
 */
@Timeout(180)
class EscalationIT {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static KafkaTestCluster kafka;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ALERTS = "esc.alerts";
  static final String DLQ = "esc.notifications.dlq";
  static final String ACTIONS = "esc.alert-actions";
  static final String STATE = "esc.notifications.state";

  @BeforeAll
  static void start() {
    kafka = KafkaTestCluster.singleBroker();
    kafka.createTopics(3, List.of(ALERTS, DLQ, ACTIONS, STATE));
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static RunningNotifier notifier() {
    String yaml =
        """
        receivers:
          - name: team
            webhook: {url: "%1$s/team"}
          - name: lead
            webhook: {url: "%1$s/lead"}
        route:
          receiver: team
        escalation:
          receiver: lead
          repeat_interval: 1s
        """
            .formatted(server.baseUrl());
    return RunningNotifier.start(
        NotifierConfig.parse("esc.yml", yaml),
        new RunningNotifier.Settings(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            ALERTS,
            DLQ,
            "esc-notifier",
            ACTIONS,
            STATE),
        System::getenv,
        new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void unacknowledgedP1RepeatsAcknowledgedStopsAndBothSurviveARestart() throws Exception {
    // given
    server.stubFor(post(urlPathMatching("/(team|lead)")).willReturn(aResponse().withStatus(200)));
    Alert acked = Alerts.alert().id("x1").fingerprint("fp-acked").severity("P1").build();
    Alert open = Alerts.alert().id("x2").fingerprint("fp-open").severity("P1").build();

    // when
    RunningNotifier first = notifier();
    kafka.produce(List.of(alert(acked), alert(open)));

    // then: escalation receiver at once, then repeats to team and lead
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(keys("/lead")).contains("x1:firing:escalation", "x2:firing:escalation");
              assertThat(keys("/team")).contains("x1:firing:repeat-2", "x2:firing:repeat-2");
            });

    // when: x1 is acknowledged
    kafka.produce(
        List.of(
            new ProducerRecord<>(
                ACTIONS,
                bytes("fp-acked"),
                bytes("{\"action\":\"ack\",\"by\":\"oncall\",\"alertId\":\"x1\"}"))));

    // then: x1's repeats stop (at most one was already under way), x2's go on
    await()
        .atMost(Duration.ofSeconds(30))
        .during(Duration.ofSeconds(3))
        .until(() -> repeats("x1"), n -> n == repeats("x1"));
    long x1Repeats = repeats("x1");
    long x2Before = repeats("x2");
    await().atMost(Duration.ofSeconds(30)).until(() -> repeats("x2") >= x2Before + 2);
    assertThat(repeats("x1")).isEqualTo(x1Repeats);

    // when: restarted
    first.close();
    long x2AtRestart = maxRepeat("x2");
    RunningNotifier second = notifier();

    // then: x2 carries on counting where it was; x1 stays quiet
    try (second) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(keys("/team")).contains("x2:firing:repeat-" + (x2AtRestart + 2)));
      assertThat(repeats("x1")).isEqualTo(x1Repeats);
    }
  }

  private static ProducerRecord<byte[], byte[]> alert(Alert a) throws Exception {
    return new ProducerRecord<>(ALERTS, bytes(a.fingerprint()), JSON.writeValueAsBytes(a));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> keys(String path) {
    return server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals(path))
        .map(e -> e.getRequest().getHeader("Idempotency-Key"))
        .toList();
  }

  private static long repeats(String id) {
    return keys("/team").stream().filter(k -> k.startsWith(id + ":firing:repeat-")).count();
  }

  private static long maxRepeat(String id) {
    return keys("/team").stream()
        .filter(k -> k.startsWith(id + ":firing:repeat-"))
        .mapToLong(k -> Long.parseLong(k.substring(k.lastIndexOf('-') + 1)))
        .max()
        .orElse(0);
  }
}
