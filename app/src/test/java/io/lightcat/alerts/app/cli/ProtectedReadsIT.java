package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.config.TopicNames;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --require-auth-for-reads} with two instances: reads without the token are 401 while
 * {@code /health}, {@code /ready} and {@code /metrics} stay open, and with the token either
 * instance still answers for all — so the instances send the token to each other when they fan out
 * or forward a series query.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ProtectedReadsIT {
  private static final int PARTITIONS = 3;
  private static final String TOKEN = "reads-it-" + UUID.randomUUID();
  private static final String RULE_ID = "reads-it-errors";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dirA;
  @TempDir Path dirB;
  @TempDir Path rules;

  private EngineNode instance(KafkaTestCluster cluster, String id, Path stateDir) {
    return InProcessRun.start(
        List.of(
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
            TOKEN,
            "--require-auth-for-reads"));
  }

  /** Services whose groups land on every partition, so both instances own some. */
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

  private static HttpResponse<String> get(EngineNode node, String path, boolean withToken)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + path));
    if (withToken) {
      b.header("Authorization", "Bearer " + TOKEN);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> services(HttpResponse<String> response) throws Exception {
    List<String> out = new ArrayList<>();
    JSON.readTree(response.body())
        .get("alerts")
        .forEach(a -> out.add(a.get("labels").get("service").asText()));
    return out;
  }

  @Test
  void readsNeedTheTokenAndInstancesPassItOn() throws Exception {
    // given
    Files.writeString(
        rules.resolve("it.yaml"),
        """
        - id: reads-it-errors
          title: IT errors
          source: requests
          groupBy: [service]
          window: 5m
          measure: { ratio: status >= 500 }
          minEvents: 5
          severity: { P2: "> 0.5" }
        """);
    String id = "reads-it-" + UUID.randomUUID();
    TopicNames topics = TopicNames.withPrefix(id + ".");
    List<String> services = servicesCoveringEveryPartition();
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker();
        EngineNode a = instance(cluster, id, dirA);
        EngineNode b = instance(cluster, id, dirB)) {
      await()
          .atMost(Duration.ofSeconds(90))
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

      // then with the token each instance answers for both
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                HttpResponse<String> fromA = get(a, "/api/alerts?status=firing", true);
                assertThat(fromA.statusCode()).isEqualTo(200);
                assertThat(services(fromA)).containsExactlyInAnyOrderElementsOf(services);
                assertThat(services(get(a, "/internal/alerts/local", true))).isNotEmpty();
                assertThat(services(get(b, "/internal/alerts/local", true))).isNotEmpty();
              });
      JsonNode owned =
          JSON.readTree(get(b, "/internal/alerts/local", true).body()).get("alerts").get(0);
      String series =
          "/api/series/"
              + RULE_ID
              + "?group=service="
              + owned.get("labels").get("service").asText();
      assertThat(get(a, series, true).statusCode()).isEqualTo(200);
      // the statistics fan out too, across both instances
      assertThat(get(a, "/api/dashboards/operations", true).statusCode()).isEqualTo(200);
      assertThat(get(b, "/api/metrics/requests", true).statusCode()).isEqualTo(200);

      // and without it every read is refused, on every route, while probes stay open
      for (String path :
          List.of(
              "/api/alerts",
              "/api/rules",
              series,
              "/api/silences",
              "/api/dashboards/operations",
              "/api/metrics/payments",
              "/internal/alerts/local")) {
        HttpResponse<String> refused = get(a, path, false);
        assertThat(refused.statusCode()).as(path).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("status").asInt()).isEqualTo(401);
      }
      for (String path : List.of("/health", "/ready", "/metrics")) {
        assertThat(get(a, path, false).statusCode()).as(path).isEqualTo(200);
      }
    }
  }
}
