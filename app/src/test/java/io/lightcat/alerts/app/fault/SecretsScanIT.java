package io.lightcat.alerts.app.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.testing.Events;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leave the engine or the notifier (CONTRACT section 3). Secret values are planted in
 * events (an {@code Authorization} and an {@code authorization} header of request events, an RGB
 * invoice in payment events, the same inside poison records) and in the notifier's configuration
 * (webhook URL tokens, a webhook signing secret, a Slack URL token, a PagerDuty routing key) and
 * the engine's API token. The engine ({@code run}) and the notifier ({@code notify}) run as their
 * own processes with the bundled LIGHTCAT pack, their console output going to files; the workload
 * raises four alerts, dead-letters poison, and one receiver always fails so {@code
 * notifications.dlq} fills.
 *
 * <p>Then everything they emitted is scanned for every planted value: every topic but the four
 * input topics (alerts, both DLQs, actions, notifier state, the engine's internal changelogs and
 * repartition topics), every notification a WireMock receiver captured (bodies and headers; the
 * PagerDuty {@code routing_key} field is where that secret belongs), both console logs, and the
 * REST answers of both processes. Zero hits. As a control, the same scanner finds the planted
 * values in the input topics.
 */
@Tag("fault")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SecretsScanIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  // planted in events
  private static final String AUTH_UPPER = "authz-upper-" + RUN;
  private static final String AUTH_LOWER = "authz-lower-" + RUN;
  private static final String RGB_INVOICE = "rgb:utxob:planted-invoice-" + RUN;
  private static final String POISON_AUTH = "poison-authz-" + RUN;
  // planted in configuration
  private static final String HOOK_TOKEN = "hook-token-" + RUN;
  private static final String HMAC_SECRET = "hmac-secret-" + RUN;
  private static final String SLACK_TOKEN = "slack-token-" + RUN;
  private static final String ROUTING_KEY = "routing-key-" + RUN;
  private static final String FAILING_TOKEN = "failing-token-" + RUN;
  private static final String API_TOKEN = "api-token-" + RUN;

  private static final Map<String, String> SECRETS =
      Map.of(
          "Authorization header", AUTH_UPPER,
          "authorization header", AUTH_LOWER,
          "RGB invoice", RGB_INVOICE,
          "authorization in poison", POISON_AUTH,
          "webhook URL token", HOOK_TOKEN,
          "webhook signing secret", HMAC_SECRET,
          "Slack URL token", SLACK_TOKEN,
          "PagerDuty routing key", ROUTING_KEY,
          "failing webhook URL token", FAILING_TOKEN,
          "API token", API_TOKEN);

  private static final Set<String> EXPECTED_RULES =
      Set.of(
          "high-error-rate",
          "security-breach-attempt",
          "invalid-rgb-invoices",
          "payment-failure-rate");

  @TempDir Path dir;
  private final WireMockServer receivers = new WireMockServer(wireMockConfig().dynamicPort());
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> hits = new ArrayList<>();
  private final Map<String, Integer> scanned = new LinkedHashMap<>();

  @BeforeEach
  void startReceivers() {
    receivers.start();
    receivers.stubFor(
        post(urlPathMatching("/(hooks|services|v2)/.*")).willReturn(aResponse().withStatus(200)));
    receivers.stubFor(post(urlPathMatching("/failing/.*")).willReturn(aResponse().withStatus(500)));
  }

  @AfterEach
  void stopReceivers() {
    receivers.stop();
  }

  @Test
  void noPlantedSecretLeavesTheEngineOrTheNotifier() throws Exception {
    int enginePort = FreePorts.next();
    int notifierPort = FreePorts.next();
    Path engineLog = dir.resolve("engine.log");
    Path notifierLog = dir.resolve("notify.log");
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker()) {
      cluster.createTopics(3, TOPICS.all());
      try (RunProcess engine = RunProcess.start(engineLog, "run", engineArgs(cluster, enginePort));
          RunProcess notifier =
              RunProcess.start(notifierLog, "notify", notifierArgs(cluster, notifierPort))) {
        await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () ->
                    Http.status(enginePort, "/ready") == 200
                        && Http.status(notifierPort, "/health") == 200);

        // when: traffic that raises four alerts, with secrets in it, and poison
        List<ProducerRecord<byte[], byte[]>> poison = poison();
        cluster.produce(workload(Instant.now()));
        cluster.produce(poison);

        // the alerts were raised and delivered, the poison and a failed notification dead-lettered
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  assertThat(firingRules(cluster)).containsAll(EXPECTED_RULES);
                  assertThat(requestsTo("/hooks/")).isPositive();
                  assertThat(requestsTo("/services/")).isPositive();
                  assertThat(requestsTo("/v2/")).isPositive();
                  assertThat(requestsTo("/failing/")).isGreaterThanOrEqualTo(2);
                  assertThat(records(cluster, TOPICS.notificationsDlq())).isNotEmpty();
                  assertThat(records(cluster, TOPICS.dlq()))
                      .hasSizeGreaterThanOrEqualTo(poison.size());
                });

        // then: nothing they wrote holds a planted value
        scanTopics(cluster);
        scanNotifications();
        scanRest(enginePort, notifierPort);
        scanText("engine log", Files.readString(engineLog, StandardCharsets.UTF_8));
        scanText("notifier log", Files.readString(notifierLog, StandardCharsets.UTF_8));
        assertThat(Files.size(engineLog)).isPositive();
        assertThat(Files.size(notifierLog)).isPositive();
        assertThat(hits).as("planted secrets found in what was emitted").isEmpty();

        // and the scanner does find them where they are: the input
        List<String> inputHits = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records(cluster, TOPICS.requests())) {
          inputHits.addAll(
              found(
                  new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.UTF_8)));
        }
        assertThat(inputHits)
            .contains("Authorization header", "authorization header", "authorization in poison");

        new FaultReport("secrets-scan")
            .put("secretsPlanted", SECRETS.size())
            .put("scanned", scanned)
            .put("leaksFound", hits.size())
            .write();
      }
    }
  }

  private List<String> engineArgs(KafkaTestCluster cluster, int port) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    try (Stream<Path> pack = Files.list(repoRoot().resolve("alert-rules/lightcat"))) {
      for (Path file : pack.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, rules.resolve(file.getFileName()));
      }
    }
    return List.of(
        "--bootstrap-servers", cluster.bootstrapServers(),
        "--application-id", "secrets-scan-" + RUN,
        "--rules", rules.toString(),
        "--http-port", String.valueOf(port),
        "--state-dir", Files.createDirectories(dir.resolve("state")).toString(),
        "--api-token", API_TOKEN);
  }

  private List<String> notifierArgs(KafkaTestCluster cluster, int port) throws IOException {
    Path routingKey = Files.writeString(dir.resolve("pd-routing-key"), ROUTING_KEY + "\n");
    String base = "http://127.0.0.1:" + receivers.port();
    Path config =
        Files.writeString(
            dir.resolve("notifiers.yaml"),
            """
            receivers:
              - name: console
                console: {}
              - name: hook
                webhook:
                  url: %1$s/hooks/%2$s
                  secret: %3$s
              - name: slack
                slack:
                  url: %1$s/services/%4$s
              - name: pager
                pagerduty:
                  routing_key: file:%5$s
                  url: %1$s/v2/enqueue
              - name: failing
                webhook:
                  url: %1$s/failing/%6$s
                retry: {max_attempts: 2, initial_backoff: 10ms, max_backoff: 10ms}
            route:
              receiver: console
              routes:
                - matchers: ['severity=~"P.*"']
                  receiver: hook
                  continue: true
                - matchers: ['severity=~"P.*"']
                  receiver: slack
                  continue: true
                - matchers: ['severity=~"P.*"']
                  receiver: pager
                  continue: true
                - matchers: ['severity=~"P.*"']
                  receiver: failing
            """
                .formatted(base, HOOK_TOKEN, HMAC_SECRET, SLACK_TOKEN, routingKey, FAILING_TOKEN));
    return List.of(
        "--bootstrap-servers", cluster.bootstrapServers(),
        "--config", config.toString(),
        "--metrics-port", String.valueOf(port));
  }

  /** Failing requests with credentials, rate-limit hammering, rejected and failed payments. */
  private static List<ProducerRecord<byte[], byte[]>> workload(Instant now) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Map<String, Object> headers =
          i % 2 == 0
              ? Map.of("Authorization", "Bearer " + AUTH_UPPER, "Accept", "application/json")
              : Map.of("authorization", "Bearer " + AUTH_LOWER);
      out.add(
          Events.request()
              .service("secrets-it")
              .status(500)
              .with("clientIp", "198.51.100.7")
              .with("headers", headers)
              .at(now.plusMillis(100L * i))
              .record(TOPICS));
    }
    for (int i = 0; i < 25; i++) {
      out.add(
          Events.request()
              .service("edge")
              .status(429)
              .with("clientIp", "203.0.113.9")
              .with("headers", Map.of("AUTHORIZATION", "Bearer " + AUTH_UPPER))
              .at(now.plusMillis(100L * i))
              .record(TOPICS));
    }
    for (int i = 0; i < 12; i++) {
      out.add(
          Events.payment("invoice_rejected")
              .invoiceId("inv-rejected-" + i)
              .with("rgbInvoice", RGB_INVOICE)
              .with("reason", "malformed invoice")
              .at(now.plusMillis(100L * i))
              .record(TOPICS));
      out.add(
          Events.payment("payment_failed")
              .invoiceId("inv-failed-" + i)
              .with("rgbInvoice", RGB_INVOICE)
              .at(now.plusMillis(100L * i))
              .record(TOPICS));
    }
    return out;
  }

  /** The poison kinds of the fault suite, plus malformed records that carry secrets. */
  private static List<ProducerRecord<byte[], byte[]>> poison() {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(new PoisonRecords(TOPICS).all());
    out.add(
        raw(
            TOPICS.requests(),
            "Authorization: Bearer " + POISON_AUTH + " rgbInvoice=" + RGB_INVOICE));
    out.add(
        raw(
            TOPICS.requests(),
            "{\"service\":\"a\",\"headers\":{\"authorization\":\"Bearer " + POISON_AUTH + "\""));
    out.add(
        Events.request()
            .status(999)
            .with("headers", Map.of("Authorization", "Bearer " + POISON_AUTH))
            .record(TOPICS));
    out.add(
        raw(
            TOPICS.payments(),
            "{\"kind\":\"refund\",\"invoiceId\":\"x\",\"rgbInvoice\":\"" + RGB_INVOICE + "\"}"));
    out.add(
        raw(
            TOPICS.payments(),
            "{\"kind\":\"payment_failed\",\"rgbInvoice\":\"" + RGB_INVOICE + "\"}"));
    return out;
  }

  private static ProducerRecord<byte[], byte[]> raw(String topic, String value) {
    return new ProducerRecord<>(
        topic,
        "poison-secret".getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  private Set<String> firingRules(KafkaTestCluster cluster) throws IOException {
    Set<String> rules = new TreeSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records(cluster, TOPICS.alerts())) {
      JsonNode alert = JSON.readTree(r.value());
      if (alert.path("status").asText().equals("firing")) {
        rules.add(alert.path("rule").asText());
      }
    }
    return rules;
  }

  private long requestsTo(String prefix) {
    return receivers.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith(prefix))
        .count();
  }

  /** Every record of {@code topic} (uncommitted ones too: aborted writes were emitted as well). */
  private static List<ConsumerRecord<byte[], byte[]>> records(
      KafkaTestCluster cluster, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private void scanTopics(KafkaTestCluster cluster) throws Exception {
    Set<String> inputs =
        Set.of(TOPICS.requests(), TOPICS.payments(), TOPICS.game(), TOPICS.infra());
    Set<String> topics =
        new TreeSet<>(
            cluster
                .admin()
                .listTopics(
                    new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names()
                .get(10, TimeUnit.SECONDS));
    topics.removeAll(inputs);
    assertThat(topics)
        .contains(TOPICS.alerts(), TOPICS.dlq(), TOPICS.notificationsDlq(), TOPICS.actions());
    for (String topic : topics) {
      List<ConsumerRecord<byte[], byte[]>> records = records(cluster, topic);
      scanned.merge("records in " + topics.size() + " topics", records.size(), Integer::sum);
      for (ConsumerRecord<byte[], byte[]> r : records) {
        String where = "topic " + topic + " offset " + r.partition() + "/" + r.offset();
        scanText(where + " key", bytes(r.key()));
        scanText(where + " value", bytes(r.value()));
        for (Header h : r.headers()) {
          scanText(where + " header " + h.key(), bytes(h.value()));
        }
      }
    }
  }

  private void scanNotifications() throws IOException {
    List<ServeEvent> events = receivers.getAllServeEvents();
    scanned.put("notifications captured", events.size());
    for (ServeEvent e : events) {
      String where = "notification to " + e.getRequest().getUrl().replaceAll("/[^/]*$", "/...");
      String body = e.getRequest().getBodyAsString();
      if (e.getRequest().getUrl().startsWith("/v2/")) {
        // the routing key is what PagerDuty's Events API needs in the body; nothing else may hold
        // it
        ObjectNode event = (ObjectNode) JSON.readTree(body);
        assertThat(event.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        event.remove("routing_key");
        body = event.toString();
      }
      scanText(where + " body", body);
      for (HttpHeader h : e.getRequest().getHeaders().all()) {
        scanText(where + " header " + h.key(), String.join(",", h.values()));
      }
    }
  }

  private void scanRest(int enginePort, int notifierPort) throws Exception {
    List<String> enginePaths =
        List.of(
            "/api/alerts",
            "/api/alerts?status=firing",
            "/api/rules",
            "/api/rules/high-error-rate",
            "/api/series/high-error-rate?group=service=secrets-it",
            "/api/series/invalid-rgb-invoices",
            "/api/series/security-breach-attempt?group=clientIp=203.0.113.9",
            "/api/silences",
            "/metrics",
            "/health",
            "/ready",
            "/api/nope");
    for (String path : enginePaths) {
      scanAnswer(enginePort, path);
    }
    for (String path : List.of("/metrics", "/health")) {
      scanAnswer(notifierPort, path);
    }
    scanned.put("REST answers", enginePaths.size() + 2);
  }

  private void scanAnswer(int port, String path) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + API_TOKEN)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("GET %s on %d", path, port).isLessThan(500);
    scanText("REST " + port + " " + path, answer.body());
    answer
        .headers()
        .map()
        .forEach((k, v) -> scanText("REST " + path + " header " + k, String.join(",", v)));
  }

  private void scanText(String where, String text) {
    for (String secret : found(text)) {
      hits.add(secret + " in " + where);
    }
  }

  private static List<String> found(String text) {
    List<String> names = new ArrayList<>();
    SECRETS.forEach(
        (name, value) -> {
          if (text.contains(value)) {
            names.add(name);
          }
        });
    return names;
  }

  private static String bytes(byte[] b) {
    return b == null ? "" : new String(b, StandardCharsets.UTF_8);
  }

  private static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("alert-rules")) ? here : here.getParent();
  }
}
