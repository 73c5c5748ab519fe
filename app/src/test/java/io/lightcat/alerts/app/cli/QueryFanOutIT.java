package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.query.StatsReport;
import io.lightcat.alerts.query.StatsSnapshot;
import io.lightcat.alerts.stream.GroupKey;
import io.lightcat.alerts.testing.Events;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code run} instances with one application id: each owns part of the alert state and of the
 * statistics, and each answers {@code GET /api/alerts} and the dashboards with all of it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class QueryFanOutIT {
  private static final int PARTITIONS = 3;
  private static final String TOKEN = "it-token";
  private static final String RULE_ID = "it-errors";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dirA;
  @TempDir Path dirB;
  @TempDir Path rules;

  private static EngineNode startRun(String... args) {
    RunCommand run = InProcessRun.parse(args);
    return run.start();
  }

  private EngineNode instance(KafkaTestCluster cluster, String id, Path stateDir) {
    return startRun(
        "run",
        "--bootstrap-servers",
        cluster.bootstrapServers(),
        "--application-id",
        id,
        "--topic-prefix",
        id + ".",
        "--partitions",
        String.valueOf(PARTITIONS),
        "--http-port",
        String.valueOf(FreePorts.next()),
        "--state-dir",
        stateDir.toString(),
        "--rules",
        rules.toString(),
        "--api-token",
        TOKEN);
  }

  /**
   * Services whose groups cover every partition of the rule stage, so both instances own some
   * (partitioned like the producer's default partitioner on the group key).
   */
  private static List<String> servicesCoveringEveryPartition() {
    List<String> services = new ArrayList<>();
    Set<Integer> covered = new HashSet<>();
    for (int i = 0; services.size() < 6 || covered.size() < PARTITIONS; i++) {
      String service = "svc-" + i;
      byte[] key =
          new GroupKey(RULE_ID, Map.of("service", service))
              .encode()
              .getBytes(StandardCharsets.UTF_8);
      covered.add(Utils.toPositive(Utils.murmur2(key)) % PARTITIONS);
      services.add(service);
    }
    return services;
  }

  private static HttpResponse<String> get(EngineNode node, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> ack(EngineNode node, String fingerprint, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:" + node.httpPort() + "/api/alerts/" + fingerprint + "/ack"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"it\"}"));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Invoices of the last hour in the instance's own statistics (its binary local part). */
  private static long localInvoices(EngineNode node, String at) throws Exception {
    HttpResponse<byte[]> part =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:" + node.httpPort() + "/internal/stats/local" + at))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(part.statusCode()).isEqualTo(200);
    return new StatsReport(StatsSnapshot.fromBytes(part.body())).payments().invoicesLastHour();
  }

  private static List<String> labels(HttpResponse<String> response) throws Exception {
    List<String> services = new ArrayList<>();
    JSON.readTree(response.body())
        .get("alerts")
        .forEach(a -> services.add(a.get("labels").get("service").asText()));
    return services;
  }

  @Test
  void bothInstancesAnswerEveryAlertDashboardAndSeriesAndAcceptAcksForWhatTheOtherOwns()
      throws Exception {
    // given a small rule and two instances
    Files.writeString(
        rules.resolve("it.yaml"),
        """
        - id: it-errors
          title: IT errors
          source: requests
          groupBy: [service]
          window: 5m
          measure: { ratio: status >= 500 }
          minEvents: 5
          severity: { P2: "> 0.5" }
        """);
    String id = "fanout-it-" + UUID.randomUUID();
    TopicNames topics = TopicNames.withPrefix(id + ".");
    List<String> services = servicesCoveringEveryPartition();

    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker();
        EngineNode a = instance(cluster, id, dirA);
        EngineNode b = instance(cluster, id, dirB)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  Http.status(a.httpPort(), "/ready") == 200
                      && Http.status(b.httpPort(), "/ready") == 200);

      // when every service fails
      Instant t = Instant.now();
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (String service : services) {
        for (int i = 0; i < 10; i++) {
          records.add(
              Events.request().service(service).status(500).at(t.plusMillis(i)).record(topics));
        }
      }
      cluster.produce(records);

      // then both instances answer the same full set, while each holds only its own part
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                HttpResponse<String> fromA = get(a, "/api/alerts?status=firing");
                HttpResponse<String> fromB = get(b, "/api/alerts?status=firing");
                assertThat(fromA.statusCode()).isEqualTo(200);
                assertThat(fromB.statusCode()).isEqualTo(200);
                assertThat(labels(fromA)).containsExactlyInAnyOrderElementsOf(services);
                assertThat(JSON.readTree(fromB.body())).isEqualTo(JSON.readTree(fromA.body()));

                List<String> localA = labels(get(a, "/internal/alerts/local"));
                List<String> localB = labels(get(b, "/internal/alerts/local"));
                assertThat(localA).isNotEmpty().doesNotContainAnyElementsOf(localB);
                assertThat(localB).isNotEmpty();
                assertThat(localA.size() + localB.size()).isEqualTo(services.size());
              });

      // when payments are published too, keyed by nothing
      List<ProducerRecord<byte[], byte[]>> payments = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String invoice = "inv-" + i;
        for (Events.Builder e :
            List.of(
                Events.payment("invoice_created").invoiceId(invoice).at(t.plusMillis(i)),
                Events.payment("payment_confirmed")
                    .invoiceId(invoice)
                    .at(t.plusMillis(i).plusSeconds(2)))) {
          payments.add(new ProducerRecord<>(e.stream().topic(topics), null, e.bytes()));
        }
      }
      cluster.produce(payments);

      // then both instances answer the same dashboards, merged from both instances' parts
      String at = "?at=" + t.plusSeconds(30);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                for (String dashboard : List.of("operations", "payments", "game")) {
                  HttpResponse<String> fromA = get(a, "/api/dashboards/" + dashboard + at);
                  HttpResponse<String> fromB = get(b, "/api/dashboards/" + dashboard + at);
                  assertThat(fromA.statusCode()).isEqualTo(200);
                  assertThat(fromB.statusCode()).isEqualTo(200);
                  assertThat(JSON.readTree(fromB.body())).isEqualTo(JSON.readTree(fromA.body()));
                }
                JsonNode pay = JSON.readTree(get(a, "/api/dashboards/payments" + at).body());
                assertThat(pay.get("invoicesPerHour").asLong()).isEqualTo(6);
                assertThat(pay.get("avgProcessTime").asDouble()).isEqualTo(2.0);
                assertThat(pay.get("successRate").asDouble()).isEqualTo(1.0);
                JsonNode ops = JSON.readTree(get(b, "/api/dashboards/operations" + at).body());
                assertThat(ops.get("errorRate").asDouble()).isEqualTo(1.0);
                assertThat(ops.get("recentAlerts")).hasSize(services.size());
                JsonNode requests = JSON.readTree(get(b, "/api/metrics/requests" + at).body());
                assertThat(requests.get("total").get("requests").asLong())
                    .isEqualTo(services.size() * 10L);
              });
      // each instance's own part holds only some of it
      long localA = localInvoices(a, at);
      long localB = localInvoices(b, at);
      assertThat(localA + localB).isEqualTo(6);

      // when a is asked for the series of a group b owns, it answers from b's store
      JsonNode owned = JSON.readTree(get(b, "/internal/alerts/local").body()).get("alerts").get(0);
      String service = owned.get("labels").get("service").asText();
      HttpResponse<String> series = get(a, "/api/series/it-errors?group=service=" + service);
      assertThat(series.statusCode()).isEqualTo(200);
      JsonNode seriesBody = JSON.readTree(series.body());
      assertThat(seriesBody.get("group").get("service").asText()).isEqualTo(service);
      assertThat(seriesBody.get("points")).isNotEmpty();
      assertThat(seriesBody.get("points").findValuesAsText("value")).allMatch("1.0"::equals);
      assertThat(get(a, "/api/series/it-errors?group=nonsense").statusCode()).isEqualTo(400);
      assertThat(get(b, "/api/series/no-such-rule?group=service=x").statusCode()).isEqualTo(404);

      // when an alert b owns is acknowledged on a
      String fingerprint = owned.get("fingerprint").asText();
      assertThat(ack(a, fingerprint).statusCode()).isEqualTo(401);
      HttpResponse<String> accepted = ack(a, fingerprint, "Authorization", "Bearer " + TOKEN);

      // then a accepts it and the action is on alert-actions, keyed by fingerprint
      assertThat(accepted.statusCode()).isEqualTo(202);
      List<ConsumerRecord<byte[], byte[]>> actions =
          cluster.consume(topics.actions(), 1, Duration.ofSeconds(30));
      assertThat(actions).hasSize(1);
      assertThat(new String(actions.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(fingerprint);
      JsonNode action = JSON.readTree(actions.get(0).value());
      assertThat(action.get("action").asText()).isEqualTo("ack");
      assertThat(action.get("fingerprint").asText()).isEqualTo(fingerprint);
      assertThat(action.get("by").asText()).isEqualTo("it");
      assertThat(ack(b, "no-such-fingerprint", "Authorization", "Bearer " + TOKEN).statusCode())
          .isEqualTo(404);
    }
  }
}
