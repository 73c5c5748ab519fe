package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.testing.Events;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Rules changed while two instances (one application id) run on live traffic: through the REST API
 * and the {@code rules apply} / {@code rules delete} commands, with no restart.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LiveRulesIT {
  private static final String TOKEN = "it-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String RULE =
      """
      id: shop-errors
      title: Shop errors
      source: requests
      filter: service == "shop"
      groupBy: [service]
      window: 20s
      measure: { ratio: status >= 500 }
      minEvents: 5
      severity: { P2: "%s" }
      """;

  @TempDir Path dirA;
  @TempDir Path dirB;
  @TempDir Path rules;
  @TempDir Path moreRules;

  private String prefix;
  private TopicNames topics;
  private final List<JsonNode> alerts = new ArrayList<>();

  private EngineNode instance(KafkaTestCluster cluster, String id, Path stateDir) {
    RunCommand run =
        InProcessRun.parse(
            "run",
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--application-id",
            id,
            "--topic-prefix",
            prefix,
            "--http-port",
            String.valueOf(FreePorts.next()),
            "--state-dir",
            stateDir.toString(),
            "--rules",
            rules.toString(),
            "--api-token",
            TOKEN);
    return run.start();
  }

  private static HttpResponse<String> send(
      EngineNode node, String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> authorized(
      EngineNode node, String method, String path, String body) throws Exception {
    return send(node, method, path, body, "Authorization", "Bearer " + TOKEN);
  }

  /** The rules an instance lists: id and version of each. */
  private static List<String> ruleList(EngineNode node) throws Exception {
    List<String> out = new ArrayList<>();
    JSON.readTree(send(node, "GET", "/api/rules", null).body())
        .get("rules")
        .forEach(r -> out.add(r.get("id").asText() + "@" + r.get("version").asText()));
    return out;
  }

  private void poll(KafkaConsumer<byte[], byte[]> consumer) throws Exception {
    for (var r : consumer.poll(Duration.ofMillis(200))) {
      alerts.add(JSON.readTree(r.value()));
    }
  }

  /** Alert records of shop-errors so far, as "status severity version". */
  private List<String> shopAlerts() {
    return alerts.stream()
        .filter(a -> a.get("rule").asText().equals("shop-errors"))
        .map(
            a ->
                a.get("status").asText()
                    + " "
                    + a.get("severity").asText()
                    + " "
                    + a.get("ruleVersion").asText())
        .toList();
  }

  private int execute(String... args) {
    CommandLine cmd = AlertEngineCommand.commandLine();
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(out, true));
    return cmd.execute(args);
  }

  @Test
  void rulesChangeOnLiveTrafficWithoutARestartAndBothInstancesAgree() throws Exception {
    // given two instances whose rule files hold one unrelated rule
    Files.writeString(
        rules.resolve("quiet.yaml"),
        """
        - id: quiet
          source: infra
          window: 1m
          measure: count
          severity: { P4: "> 1000000" }
        """);
    String id = "live-rules-it-" + UUID.randomUUID();
    prefix = id + ".";
    topics = TopicNames.withPrefix(prefix);
    ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker();
        EngineNode a = instance(cluster, id, dirA);
        EngineNode b = instance(cluster, id, dirB);
        KafkaProducer<byte[], byte[]> producer = cluster.producer();
        KafkaConsumer<byte[], byte[]> alertsConsumer = cluster.consumer()) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  Http.status(a.httpPort(), "/ready") == 200
                      && Http.status(b.httpPort(), "/ready") == 200);
      alertsConsumer.subscribe(List.of(topics.alerts()));
      assertThat(ruleList(a)).hasSize(1).isEqualTo(ruleList(b));

      // and live traffic to shop, 40% failing
      AtomicInteger n = new AtomicInteger();
      traffic.scheduleAtFixedRate(
          () -> {
            for (int i = 0; i < 5; i++) {
              int status = n.getAndIncrement() % 5 < 2 ? 500 : 200;
              producer.send(
                  Events.request().service("shop").status(status).at(Instant.now()).record(topics));
            }
          },
          0,
          200,
          TimeUnit.MILLISECONDS);

      // when a rule is posted without the token, or invalid
      assertThat(send(a, "POST", "/api/rules", RULE.formatted("> 0.2")).statusCode())
          .isEqualTo(401);
      HttpResponse<String> invalid =
          authorized(a, "POST", "/api/rules", RULE.formatted("> 0.2").replace("window", "windw"));
      // then it is refused with file:line problems, and nothing reaches the topic
      assertThat(invalid.statusCode()).isEqualTo(400);
      JsonNode problems = JSON.readTree(invalid.body());
      assertThat(problems.get("status").asInt()).isEqualTo(400);
      assertThat(problems.get("problems").findValuesAsText("problems"))
          .isEmpty(); // a flat list of strings, not objects
      List<String> lines = new ArrayList<>();
      problems.get("problems").forEach(p -> lines.add(p.asText()));
      assertThat(lines).anyMatch(p -> p.startsWith("body:6: unknown field 'windw'"));
      assertThat(ruleList(a)).hasSize(1);

      // when it is posted properly
      HttpResponse<String> posted = authorized(a, "POST", "/api/rules", RULE.formatted("> 0.2"));
      assertThat(posted.statusCode()).isEqualTo(200);
      JsonNode created = JSON.readTree(posted.body()).get("rules").get(0);
      assertThat(created.get("change").asText()).isEqualTo("created");
      String v1 = created.get("version").asText();

      // then both instances list it, and it fires on the live traffic within seconds
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(ruleList(b)).contains("shop-errors@" + v1));
      assertThat(ruleList(a)).isEqualTo(ruleList(b));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                poll(alertsConsumer);
                assertThat(shopAlerts()).containsExactly("firing P2 " + v1);
              });

      // when the threshold is raised above the failing share, on the other instance
      JsonNode raised =
          JSON.readTree(authorized(b, "POST", "/api/rules", RULE.formatted("> 0.6")).body())
              .get("rules")
              .get(0);
      assertThat(raised.get("change").asText()).isEqualTo("updated");
      String v2 = raised.get("version").asText();

      // then the alert resolves without a restart, by the new version
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                poll(alertsConsumer);
                assertThat(shopAlerts()).containsExactly("firing P2 " + v1, "resolved P2 " + v2);
              });

      // when it is lowered again, it fires again, in the new version
      String v3 =
          JSON.readTree(authorized(a, "POST", "/api/rules", RULE.formatted("> 0.3")).body())
              .get("rules")
              .get(0)
              .get("version")
              .asText();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                poll(alertsConsumer);
                assertThat(shopAlerts()).endsWith("firing P2 " + v3);
              });
      await().atMost(WAIT).untilAsserted(() -> assertThat(ruleList(a)).isEqualTo(ruleList(b)));

      // when a record that is no valid rule reaches the topic anyway
      producer
          .send(
              new ProducerRecord<>(
                  topics.rules(),
                  "shop-errors".getBytes(StandardCharsets.UTF_8),
                  "id: shop-errors\nsource: nowhere\n".getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
      // then both instances skip it, count it, and keep the version in force
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(send(b, "GET", "/metrics", null).body())
                      .containsPattern("rules_invalid_total\\{rule=\"shop-errors\"} 1"));
      assertThat(send(a, "GET", "/metrics", null).body())
          .containsPattern("rules_invalid_total\\{rule=\"shop-errors\"} 1");
      assertThat(ruleList(a)).contains("shop-errors@" + v3).isEqualTo(ruleList(b));

      // when the rule is deleted (404 for one that does not exist)
      assertThat(authorized(b, "DELETE", "/api/rules/no-such-rule", null).statusCode())
          .isEqualTo(404);
      assertThat(send(b, "DELETE", "/api/rules/shop-errors", null).statusCode()).isEqualTo(401);
      assertThat(authorized(b, "DELETE", "/api/rules/shop-errors", null).statusCode())
          .isEqualTo(200);

      // then its firing alert resolves, saying why, and neither instance lists it
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                poll(alertsConsumer);
                assertThat(shopAlerts()).endsWith("firing P2 " + v3, "resolved P2 " + v3);
              });
      JsonNode last = alerts.get(alerts.size() - 1);
      assertThat(last.get("evidence").get("resolvedBecause").asText())
          .isEqualTo("rule shop-errors was deleted");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(ruleList(a)).hasSize(1).isEqualTo(ruleList(b));
                assertThat(send(a, "GET", "/api/rules/shop-errors", null).statusCode())
                    .isEqualTo(404);
              });

      // when rule files are applied and a rule deleted with the CLI
      Files.writeString(
          moreRules.resolve("shop.yaml"), "- " + RULE.formatted("> 0.9").replace("\n", "\n  "));
      String[] kafka = {
        "--bootstrap-servers", cluster.bootstrapServers(), "--topic-prefix", prefix
      };
      assertThat(execute(concat(new String[] {"rules", "apply", moreRules.toString()}, kafka)))
          .isZero();
      // then both instances pick it up
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(ruleList(a)).hasSize(2).isEqualTo(ruleList(b));
                assertThat(send(b, "GET", "/api/rules/shop-errors", null).statusCode())
                    .isEqualTo(200);
              });
      assertThat(execute(concat(new String[] {"rules", "delete", "shop-errors"}, kafka))).isZero();
      assertThat(execute(concat(new String[] {"rules", "delete", "shop-errors"}, kafka))).isOne();
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(ruleList(a)).hasSize(1).isEqualTo(ruleList(b)));
    } finally {
      traffic.shutdownNow();
      traffic.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
