package io.lightcat.alerts.notify.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Alerts;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier runs as its own process and is killed with SIGKILL while delivering, then started
 * again: every alert reaches the webhook at least once, and any duplicate carries the same
 * idempotency key (and the same alert) as the delivery it repeats.
 */
@Timeout(240)
class NotifierCrashIT {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static KafkaTestCluster kafka;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    kafka = KafkaTestCluster.singleBroker();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void killedNotifierLosesNothingAndRepeatsOnlyWithTheSameKey() throws Exception {
    // given: a slow webhook, so the kill lands mid-run
    String alerts = "crash.alerts";
    String dlq = "crash.notifications.dlq";
    kafka.createTopics(3, List.of(alerts, dlq, alerts + ".actions", alerts + ".state"));
    server.stubFor(
        post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200).withFixedDelay(150)));
    Path config =
        Files.writeString(
            tmp.resolve("notifiers.yaml"),
            """
            receivers:
              - name: hook
                webhook: {url: "%s/hook"}
            route:
              receiver: hook
            """
                .formatted(server.baseUrl()));
    Map<String, Alert> byKey = new HashMap<>();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Alert a = Alerts.alert().id("crash-" + i).fingerprint("fp-" + i).build();
      byKey.put(Notification.idempotencyKey(a), a);
      records.add(
          new ProducerRecord<>(
              alerts, a.fingerprint().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(a)));
    }
    kafka.produce(records);
    Path log = Path.of("target", "notifier-crash-it.log");
    Files.deleteIfExists(log);
    String group = "crash-notifier";

    // when: killed after a few deliveries
    try (NotifierProcess first =
        NotifierProcess.start(kafka.bootstrapServers(), config, alerts, dlq, group, log)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> requests().size() >= 5);
      first.kill();
    }
    int beforeRestart = deliveredKeys().size();

    // and: started again
    NotifierProcess second =
        NotifierProcess.start(kafka.bootstrapServers(), config, alerts, dlq, group, log);
    try {
      // then: every alert delivered
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(() -> assertThat(deliveredKeys()).isEqualTo(byKey.keySet()));
    } finally {
      second.close();
    }

    // and: the kill really was mid-run, and duplicates repeat the same alert under the same key
    assertThat(beforeRestart).isLessThan(byKey.size());
    for (ServeEvent e : requests()) {
      String key = e.getRequest().getHeader("Idempotency-Key");
      assertThat(byKey).containsKey(key);
      JsonNode body = JSON.readTree(e.getRequest().getBodyAsString());
      assertThat(body.path("idempotencyKey").asText()).isEqualTo(key);
      assertThat(body.path("alerts").get(0).path("fingerprint").asText())
          .isEqualTo(byKey.get(key).fingerprint());
    }
    assertThat(kafka.consume(dlq, 1, Duration.ofSeconds(2))).isEmpty();
  }

  private static List<ServeEvent> requests() {
    return server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals("/hook"))
        .toList();
  }

  private static Set<String> deliveredKeys() {
    Set<String> keys = new TreeSet<>();
    for (ServeEvent e : requests()) {
      if (e.getResponse().getStatus() == 200) {
        keys.add(e.getRequest().getHeader("Idempotency-Key"));
      }
    }
    return keys;
  }
}
