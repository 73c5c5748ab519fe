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
import io.lightcat.alerts.testing.KafkaTestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Grouping on a real broker: alerts sharing a service go out as one webhook call per group once
 * {@code group_wait} has passed on the notifier's clock, and a notifier stopped while its groups
 * wait (offsets already committed) is started again and sends them complete — the groups lived in
 * the state topic, not in memory.
 */
@Timeout(180)
class GroupingIT {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static KafkaTestCluster kafka;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ALERTS = "grp.alerts";
  static final String DLQ = "grp.notifications.dlq";
  static final String ACTIONS = "grp.alert-actions";
  static final String STATE = "grp.notifications.state";
  static final String GROUP = "grp-notifier";

  final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T12:00:00Z"));

  @BeforeAll
  static void start() {
    kafka = KafkaTestCluster.singleBroker();
    kafka.createTopics(3, List.of(ALERTS, DLQ, ACTIONS, STATE));
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private RunningNotifier notifier() {
    String yaml =
        """
        receivers:
          - name: hook
            webhook: {url: "%s/hook"}
        route:
          receiver: hook
          group_by: [service]
          group_wait: 10m
          group_interval: 10m
        """
            .formatted(server.baseUrl());
    return RunningNotifier.start(
        NotifierConfig.parse("grp.yml", yaml),
        new RunningNotifier.Settings(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            ALERTS,
            DLQ,
            GROUP,
            ACTIONS,
            STATE),
        System::getenv,
        new PrintStream(new ByteArrayOutputStream()),
        new SimpleMeterRegistry(),
        clock);
  }

  @Test
  void groupsGoOutWholeAndARestartMidGroupLosesNothing() throws Exception {
    // given
    server.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    RunningNotifier first = notifier();

    // when: four alerts, three of them for the api, while the groups wait
    kafka.produce(
        List.of(
            record(alert("a1", "api")),
            record(alert("a2", "api")),
            record(alert("d1", "db")),
            record(alert("a3", "api"))));
    await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 4);

    // then: nothing sent yet; the notifier stops mid-group
    assertThat(hookCalls()).isEmpty();
    first.close();

    // when: one more api alert arrives while it is down, then it starts again and the wait ends
    kafka.produce(List.of(record(alert("a4", "api"))));
    try (RunningNotifier second = notifier()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 5);
      assertThat(hookCalls()).isEmpty();
      clock.advance(Duration.ofMinutes(10));

      // then: one call per group, each with all its alerts
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(alertsByGroup()).hasSize(2));
      Map<String, List<String>> groups = alertsByGroup();
      assertThat(groups.get("api")).containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
      assertThat(groups.get("db")).containsExactly("d1");
      assertThat(hookCalls())
          .allSatisfy(
              e -> assertThat(e.getRequest().getHeader("Idempotency-Key")).startsWith("group-"));
    }
  }

  private static Alert alert(String id, String service) {
    return Alerts.alert()
        .id(id)
        .fingerprint("fp-" + id)
        .rule("rule-" + id)
        .severity("P2")
        .label("service", service)
        .build();
  }

  private static ProducerRecord<byte[], byte[]> record(Alert a) throws Exception {
    return new ProducerRecord<>(
        ALERTS, a.fingerprint().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(a));
  }

  private static List<ServeEvent> hookCalls() {
    return server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals("/hook"))
        .toList();
  }

  /** Alert ids per group label {@code service}, from the webhook calls received. */
  private static Map<String, List<String>> alertsByGroup() throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    for (ServeEvent e : hookCalls()) {
      JsonNode body = JSON.readTree(e.getRequest().getBodyAsString());
      List<String> ids = new ArrayList<>();
      for (JsonNode a : body.path("alerts")) {
        ids.add(a.path("fingerprint").asText().substring(3));
      }
      out.put(body.path("groupLabels").path("service").asText(), ids);
    }
    return out;
  }

  private static long committed() throws Exception {
    try (var admin = kafka.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(ALERTS) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }

  /** A clock the test moves, read by the notifier's threads. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
