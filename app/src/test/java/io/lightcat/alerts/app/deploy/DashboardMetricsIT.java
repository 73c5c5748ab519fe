package io.lightcat.alerts.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.app.NotifierNode;
import io.lightcat.alerts.app.cli.InProcessRun;
import io.lightcat.alerts.app.cli.NotifyCommand;
import io.lightcat.alerts.app.cli.RunCommand;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.notify.pipeline.NotifierLoop;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric a Grafana panel or a Prometheus rule under {@code deploy/} queries is served: the
 * engine's names by the engine's {@code /metrics}, the {@code notifier_*} names by the notify
 * process's {@code /metrics} (its {@code --metrics-port}), after a short workload on a real broker
 * that touches every stream and every outcome (alert raised, invalid and late event, rule error,
 * notification delivered and dead-lettered).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardMetricsIT {
  private static final String NOTIFIER_PREFIX = "notifier_";

  /** Made by Prometheus itself for every target, not served. */
  private static final Set<String> PROMETHEUS_MADE = Set.of("up");

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final TopicNames TOPICS = TopicNames.defaults();

  @TempDir Path dir;

  @Test
  void everyQueriedMetricIsServedAfterAShortWorkload() throws Exception {
    Map<String, Set<String>> queried = queriedMetricNames();
    assertThat(queried).isNotEmpty();
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker();
        EngineNode engine = startEngine(cluster);
        NotifierNode notifier = startNotifier(cluster)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Http.status(engine.httpPort(), "/ready") == 200);

      // when
      publishWorkload(cluster);

      // then: the workload went through the engine and the notifier
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(scrape(engine.httpPort()))
                      .contains(
                          "events_in_total{stream=\"game\"}",
                          "events_in_total{stream=\"infra\"}",
                          "events_in_total{stream=\"payments\"}",
                          "events_in_total{stream=\"requests\"}",
                          "alerts_emitted_total{rule=\"high-error-rate\"",
                          "rule_errors_total{rule=\"deploy-metrics-rule-error\"}",
                          "events_invalid_total{",
                          "events_late_total{"));
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(committedAlerts(cluster)).isPositive();
                assertThat(records(cluster, TOPICS.notificationsDlq())).isPositive();
              });

      Set<String> served = sampleNames(scrape(engine.httpPort()));
      Set<String> servedByNotifier = sampleNames(scrape(notifier.httpPort().orElseThrow()));
      Map<String, Set<String>> missing = new TreeMap<>();
      queried.forEach(
          (name, where) -> {
            boolean isServed =
                name.startsWith(NOTIFIER_PREFIX)
                    ? servedByNotifier.contains(name)
                    : served.contains(name);
            if (!isServed && !PROMETHEUS_MADE.contains(name)) {
              missing.put(name, where);
            }
          });
      assertThat(missing)
          .as(
              "metric names queried under deploy/ but not served (engine serves %s; notifier serves"
                  + " %s)",
              served, servedByNotifier)
          .isEmpty();
    }
  }

  /** Metric name → the dashboard panels and rules that query it. */
  static Map<String, Set<String>> queriedMetricNames() {
    Map<String, Set<String>> names = new TreeMap<>();
    for (Path file : DeployFiles.under(DeployFiles.DASHBOARDS, ".json")) {
      for (JsonNode panel : DeployFiles.json(file).path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          String where = file.getFileName() + ": " + panel.path("title").asText();
          PromQl.metricNames(target.path("expr").asText())
              .forEach(n -> names.computeIfAbsent(n, k -> new TreeSet<>()).add(where));
        }
      }
    }
    for (Path file : DeployFiles.under(DeployFiles.PROMETHEUS_RULES, ".yml")) {
      for (JsonNode group : DeployFiles.yaml(file).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          String where = file.getFileName() + ": " + rule.path("alert").asText();
          PromQl.metricNames(rule.path("expr").asText())
              .forEach(n -> names.computeIfAbsent(n, k -> new TreeSet<>()).add(where));
        }
      }
    }
    return names;
  }

  private EngineNode startEngine(KafkaTestCluster cluster) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    try (Stream<Path> pack = Files.list(DeployFiles.ROOT.resolve("alert-rules/lightcat"))) {
      for (Path file : pack.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, rules.resolve(file.getFileName()));
      }
    }
    // a rule that fails on every request event, so rule_errors_total is served
    Files.writeString(
        rules.resolve("deploy-metrics-rule-error.yaml"),
        """
        - id: deploy-metrics-rule-error
          source: requests
          filter: int(route) > 0
          groupBy: [service]
          window: 1m
          measure: count
          severity: { P4: "> 1000000" }
          summary: "never fires"
        """);
    RunCommand run =
        InProcessRun.parse(
            "run",
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--http-port",
            String.valueOf(FreePorts.next()),
            "--state-dir",
            Files.createDirectories(dir.resolve("state")).toString(),
            "--rules",
            rules.toString());
    return run.start();
  }

  private NotifierNode startNotifier(KafkaTestCluster cluster) throws IOException {
    // console delivers; the webhook points at a closed port, fails and dead-letters
    Path config =
        Files.writeString(
            dir.resolve("notifiers.yaml"),
            """
            receivers:
              - name: console
                console: {}
              - name: unreachable
                webhook:
                  url: http://127.0.0.1:%d/hook
                retry: {max_attempts: 2, initial_backoff: 10ms, max_backoff: 10ms}
            route:
              receiver: console
              routes:
                - matchers: ['rule="high-error-rate"']
                  receiver: unreachable
                  continue: true
            """
                .formatted(FreePorts.next()));
    NotifyCommand notify =
        InProcessRun.parse(
            "notify",
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--config",
            config.toString(),
            "--metrics-port",
            String.valueOf(FreePorts.next()));
    return notify.start();
  }

  /** Events of every stream, 30 failed requests (a P1), an invalid record and a late event. */
  private static void publishWorkload(KafkaTestCluster cluster) {
    Instant now = Instant.now();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      records.add(
          record(
              TOPICS.requests(),
              "deploy-it",
              """
              {"ts":"%s","service":"deploy-it","method":"GET","route":"/api/x","status":500,"latencyMs":12}
              """
                  .formatted(now.plusMillis(i))));
    }
    String t = now.toString();
    records.add(
        record(
            TOPICS.payments(),
            "inv-1",
            """
            {"ts":"%s","kind":"invoice_created","invoiceId":"inv-1","tier":"gold","batchCount":1,"amountSats":1000}"""
                .formatted(t)));
    records.add(
        record(
            TOPICS.payments(),
            "inv-1",
            """
            {"ts":"%s","kind":"payment_confirmed","invoiceId":"inv-1","tier":"gold","amountSats":1000}"""
                .formatted(now.plusSeconds(4))));
    records.add(
        record(
            TOPICS.payments(),
            "inv-2",
            """
            {"ts":"%s","kind":"invoice_created","invoiceId":"inv-2","tier":"bronze","amountSats":500}"""
                .formatted(t)));
    records.add(
        record(
            TOPICS.payments(),
            "inv-2",
            """
            {"ts":"%s","kind":"payment_failed","invoiceId":"inv-2","tier":"bronze","reason":"expired"}"""
                .formatted(now.plusSeconds(2))));
    records.add(
        record(
            TOPICS.payments(),
            "inv-3",
            """
            {"ts":"%s","kind":"invoice_expired","invoiceId":"inv-3","tier":"silver"}"""
                .formatted(t)));
    records.add(
        record(
            TOPICS.game(),
            "s-1",
            """
            {"ts":"%s","kind":"session_started","sessionId":"s-1","playerId":"p-1"}"""
                .formatted(t)));
    records.add(
        record(
            TOPICS.game(),
            "s-1",
            """
            {"ts":"%s","kind":"score","sessionId":"s-1","playerId":"p-1","score":27}"""
                .formatted(now.plusSeconds(1))));
    records.add(
        record(
            TOPICS.game(),
            "s-2",
            """
            {"ts":"%s","kind":"session_started","sessionId":"s-2","playerId":"p-2"}"""
                .formatted(t)));
    records.add(
        record(
            TOPICS.game(),
            "s-2",
            """
            {"ts":"%s","kind":"session_ended","sessionId":"s-2","playerId":"p-2","completed":true}"""
                .formatted(now.plusSeconds(3))));
    records.add(
        record(
            TOPICS.infra(),
            "host-1",
            """
            {"ts":"%s","kind":"host","host":"host-1","cpuPct":12.5,"memPct":40,"diskFreePct":70,"netInBytesPerSec":10,"netOutBytesPerSec":20}"""
                .formatted(t)));
    records.add(record(TOPICS.requests(), "deploy-it", "not json"));
    // behind the newest request event on its partition by far more than the grace period
    records.add(
        record(
            TOPICS.requests(),
            "deploy-it",
            """
            {"ts":"%s","service":"deploy-it","route":"/api/x","status":200,"latencyMs":5}"""
                .formatted(now.minus(Duration.ofDays(1)))));
    cluster.produce(records);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
    return new ProducerRecord<>(
        topic,
        key.getBytes(StandardCharsets.UTF_8),
        value.strip().getBytes(StandardCharsets.UTF_8));
  }

  private static long committedAlerts(KafkaTestCluster cluster) throws Exception {
    return cluster
        .admin()
        .listConsumerGroupOffsets(NotifierLoop.GROUP_ID)
        .partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS)
        .entrySet()
        .stream()
        .filter(e -> e.getKey().topic().equals(TOPICS.alerts()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  private static long records(KafkaTestCluster cluster, String topic) throws Exception {
    int partitions =
        cluster
            .admin()
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(10, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .size();
    Map<TopicPartition, OffsetSpec> latest =
        Stream.iterate(0, p -> p + 1)
            .limit(partitions)
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
    return cluster.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
        .mapToLong(o -> o.offset())
        .sum();
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The names of the samples of a Prometheus text exposition. */
  static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
        end++;
      }
      names.add(line.substring(0, end));
    }
    return names;
  }
}
