package io.lightcat.alerts.notify.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Alerts;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.testing.KafkaTestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifier on a real broker: a webhook that is down (503) for a while and then recovers gets
 * every alert, duplicates only with the same idempotency key; a receiver that always fails fills
 * {@code notifications.dlq} without holding back the other; offsets are committed for all.
 */
@Timeout(180)
class NotifierLoopIT {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static KafkaTestCluster kafka;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    kafka = KafkaTestCluster.singleBroker();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void outageThenRecoveryLosesNothingAndAFailingReceiverDeadLetters() throws Exception {
    // given
    String alerts = "it1.alerts";
    String dlq = "it1.notifications.dlq";
    kafka.createTopics(3, List.of(alerts, dlq, "it1.alert-actions", "it1.notifications.state"));
    server.stubFor(post(urlPathEqualTo("/good")).willReturn(aResponse().withStatus(503)));
    server.stubFor(post(urlPathEqualTo("/broken")).willReturn(aResponse().withStatus(500)));
    String yaml =
        """
        receivers:
          - name: good
            webhook: {url: "%1$s/good"}
            retry: {max_attempts: 1000, initial_backoff: 20ms, max_backoff: 200ms}
          - name: broken
            webhook: {url: "%1$s/broken"}
            retry: {max_attempts: 2, initial_backoff: 10ms, max_backoff: 20ms}
        circuit_breaker: {minimum_calls: 10000, sliding_window: 10000}
        route:
          receiver: good
          routes:
            - matchers: ['severity="P1"']
              receiver: broken
              continue: true
            - receiver: good
        """
            .formatted(server.baseUrl());
    NotifierConfig config = NotifierConfig.parse("it.yml", yaml);

    List<Alert> sent = new ArrayList<>();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Alert a =
          Alerts.alert()
              .id("id-" + i)
              .fingerprint("fp-" + i)
              .severity(i % 2 == 0 ? "P1" : "P2")
              .build();
      sent.add(a);
      records.add(
          new ProducerRecord<>(
              alerts, a.fingerprint().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(a)));
    }
    records.add(new ProducerRecord<>(alerts, null, "not json".getBytes(StandardCharsets.UTF_8)));
    kafka.produce(records);
    Set<String> expectedKeys = new TreeSet<>();
    sent.forEach(a -> expectedKeys.add(Notification.idempotencyKey(a)));

    String group = "it1-notifier";
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RunningNotifier notifier =
        RunningNotifier.start(
            config,
            new RunningNotifier.Settings(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                alerts,
                dlq,
                group,
                "it1.alert-actions",
                "it1.notifications.state"),
            System::getenv,
            new PrintStream(new ByteArrayOutputStream()),
            registry,
            Clock.systemUTC());

    // when: the webhook is down until it has refused a few requests, then recovers
    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(() -> statuses("/good").stream().filter(s -> s == 503).count() >= 5);
    server.stubFor(post(urlPathEqualTo("/good")).willReturn(aResponse().withStatus(200)));

    // then: every alert reached the good webhook, duplicates only with known keys
    await()
        .atMost(90, TimeUnit.SECONDS)
        .untilAsserted(() -> assertThat(deliveredKeys("/good")).isEqualTo(expectedKeys));
    assertThat(allKeys("/good")).isSubsetOf(expectedKeys);

    // and: the always-failing receiver's P1 notifications, plus the junk record, are dead letters
    List<ConsumerRecord<byte[], byte[]>> dead = kafka.consume(dlq, 11, Duration.ofSeconds(60));
    assertThat(dead).hasSize(11);
    Set<String> deadKeys = new TreeSet<>();
    int junk = 0;
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      String receiver = header(r, "receiver");
      if (receiver.equals("-")) {
        junk++;
        assertThat(header(r, "reason")).startsWith("not an alert record");
        continue;
      }
      assertThat(receiver).isEqualTo("broken");
      assertThat(header(r, "reason")).contains("HTTP 500").contains("after 2 attempt(s)");
      deadKeys.add(JSON.readTree(r.value()).get("idempotencyKey").asText());
    }
    assertThat(junk).isEqualTo(1);
    assertThat(deadKeys)
        .containsExactlyInAnyOrderElementsOf(
            sent.stream()
                .filter(a -> a.severity().equals("P1"))
                .map(Notification::idempotencyKey)
                .toList());

    // and: every offset is committed once everything was delivered or dead-lettered
    await()
        .atMost(30, TimeUnit.SECONDS)
        .untilAsserted(() -> assertThat(committed(group, alerts)).isEqualTo(21));

    // and: the meters tell the same story
    NotifierMetrics metrics = notifier.metrics();
    assertThat(metrics.count("notifier.notifications.sent", "good")).isGreaterThanOrEqualTo(20);
    assertThat(metrics.count("notifier.notifications.retried", "good")).isGreaterThan(0);
    assertThat(metrics.count("notifier.notifications.dead.lettered", "broken")).isEqualTo(10);
    assertThat(metrics.count("notifier.notifications.failed", "broken")).isEqualTo(20);
    assertThat(registry.find("notifier.delivery").tag("receiver", "good").timer().count())
        .isGreaterThanOrEqualTo(20);
    notifier.close();
  }

  private static List<Integer> statuses(String path) {
    return server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals(path))
        .map(e -> e.getResponse().getStatus())
        .toList();
  }

  private static Set<String> deliveredKeys(String path) {
    Set<String> keys = new TreeSet<>();
    for (ServeEvent e : server.getAllServeEvents()) {
      if (e.getRequest().getUrl().equals(path) && e.getResponse().getStatus() == 200) {
        keys.add(e.getRequest().getHeader("Idempotency-Key"));
      }
    }
    return keys;
  }

  private static Set<String> allKeys(String path) {
    Set<String> keys = new TreeSet<>();
    for (ServeEvent e : server.getAllServeEvents()) {
      if (e.getRequest().getUrl().equals(path)) {
        keys.add(e.getRequest().getHeader("Idempotency-Key"));
      }
    }
    return keys;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static long committed(String group, String topic) throws Exception {
    try (var admin = kafka.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }
}
