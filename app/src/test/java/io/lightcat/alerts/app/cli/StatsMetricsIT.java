package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.config.TopicNames;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code run} instance on a real broker, fed a known set of payment and game events: {@code
 * /api/metrics/payments} answers exactly the figures of that set, and {@code /metrics} passes
 * {@code promtool check metrics} with the plan's {@code lightcat_*} metrics in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StatsMetricsIT {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path stateDir;

  private KafkaTestCluster cluster;
  private EngineNode node;

  /** The first event's time: a few minutes ago, never in yesterday. */
  private Instant t0;

  @BeforeAll
  void startEngineAndPublish() {
    Instant now = Instant.now();
    Instant startOfDay = now.truncatedTo(ChronoUnit.DAYS);
    Instant fewMinutesAgo = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
    t0 = fewMinutesAgo.isBefore(startOfDay) ? startOfDay : fewMinutesAgo;

    cluster = KafkaTestCluster.singleBroker();
    String id = "stats-it-" + UUID.randomUUID();
    TopicNames topics = TopicNames.withPrefix(id + ".");
    RunCommand run =
        InProcessRun.parse(
            "run",
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--application-id",
            id,
            "--topic-prefix",
            id + ".",
            "--partitions",
            "2",
            "--http-port",
            String.valueOf(FreePorts.next()),
            "--state-dir",
            stateDir.toString(),
            "--rules",
            "../alert-rules/lightcat");
    node = run.start();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Http.status(node.httpPort(), "/ready") == 200);
    cluster.produce(knownEvents(topics));
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private Instant t(int seconds) {
    return t0.plusSeconds(seconds);
  }

  private Events.Builder payment(String kind, String invoice, int seconds) {
    return Events.payment(kind).invoiceId(invoice).at(t(seconds));
  }

  /**
   * Six invoices: three confirmed 4, 6 and 5 s after their invoice (one confirmation sent twice),
   * one failed, one expired, one pending; two consignments (2 s, 3 s); three game scores.
   */
  private List<ProducerRecord<byte[], byte[]>> knownEvents(TopicNames topics) {
    List<Events.Builder> events =
        List.of(
            payment("invoice_created", "inv-1", 0),
            payment("payment_confirmed", "inv-1", 4),
            payment("payment_confirmed", "inv-1", 5),
            payment("invoice_created", "inv-2", 10),
            payment("payment_confirmed", "inv-2", 16),
            payment("invoice_created", "inv-3", 20),
            payment("payment_failed", "inv-3", 25).with("reason", "insufficient_funds"),
            payment("invoice_created", "inv-4", 30),
            payment("invoice_created", "inv-5", 40),
            payment("invoice_expired", "inv-5", 50),
            payment("invoice_created", "inv-6", 60),
            payment("payment_confirmed", "inv-6", 65),
            payment("consignment_generated", "inv-1", 6).with("durationMs", 2000.0),
            payment("consignment_generated", "inv-2", 18).with("durationMs", 3000.0),
            Events.game("score").with("score", 5.0).at(t(1)),
            Events.game("score").with("score", 25.0).at(t(2)),
            Events.game("score").with("score", 45.0).at(t(3)),
            Events.game("session_started").with("sessionId", "s-9").at(t(3)));
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Events.Builder e : events) {
      // null keys: the engine must not depend on how producers key their records
      records.add(new ProducerRecord<>(e.stream().topic(topics), null, e.bytes()));
    }
    return records;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void paymentMetricsAreTheFiguresOfTheKnownEvents() {
    String at = t(120).toString();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              HttpResponse<String> response = get("/api/metrics/payments?at=" + at);
              assertThat(response.statusCode()).isEqualTo(200);
              JsonNode p = JSON.readTree(response.body());
              assertThat(p.get("invoicesLastHour").asLong()).isEqualTo(6);
              assertThat(p.get("confirmedPayments").asLong()).isEqualTo(3);
              assertThat(p.get("failedPayments").asLong()).isEqualTo(1);
              assertThat(p.get("successRate").asDouble()).isEqualTo(0.75);
              assertThat(p.get("avgProcessingTime").asDouble()).isEqualTo(5.0);
              assertThat(p.get("failureReasons").get("insufficient_funds").asLong()).isEqualTo(1);
              assertThat(p.get("pending").asLong()).isEqualTo(1);
              assertThat(p.get("totalToday").asLong()).isEqualTo(3);
              assertThat(p.get("revenueTodaySats").asLong()).isEqualTo(63_000);
              assertThat(p.get("consignmentGenerationTime").asDouble()).isEqualTo(2.5);
            });
  }

  @Test
  void metricsPassPromtoolWithThePlansMetricsInThem() throws Exception {
    if (!Files.isExecutable(PROMTOOL)) {
      fail(
          PROMTOOL
              + " is missing: install the Debian package 'prometheus' (apt-get install prometheus),"
              + " which CI's .ci/run does");
    }
    // given the workload has been counted
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(get("/metrics").body())
                    .contains("lightcat_payments_total{status=\"confirmed\",tier=\"silver\"} 3.0")
                    .contains("lightcat_game_scores_count 3"));

    // when
    String metrics = get("/metrics").body();
    // kept under target/ to read when promtool complains
    Path file = Path.of("target", "metrics-after-workload.txt");
    Files.writeString(file, metrics, StandardCharsets.UTF_8);
    Path said = Path.of("target", "promtool-check-metrics.txt");
    Process promtool =
        new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .redirectOutput(said.toFile())
            .start();
    boolean exited = promtool.waitFor(60, TimeUnit.SECONDS);
    String out = Files.readString(said, StandardCharsets.UTF_8);

    // then
    assertThat(exited).isTrue();
    assertThat(promtool.exitValue()).as("promtool check metrics said:%n%s", out).isZero();
    assertThat(metrics)
        .contains("lightcat_payments_total{")
        .contains("lightcat_payment_duration_seconds_bucket{le=\"0.1\"}")
        .contains("lightcat_payment_duration_seconds_bucket{le=\"30.0\"}")
        .contains("lightcat_payment_duration_seconds_count 3")
        .contains("lightcat_game_sessions_active ")
        .contains("lightcat_game_scores_bucket{le=\"0.0\"}")
        .contains("lightcat_game_scores_bucket{le=\"50.0\"}")
        .contains("events_in_total{stream=\"payments\"}")
        .contains("kafka_consumer_connections{")
        .contains("rule_evaluation_seconds_count")
        .contains("kafka_stream_")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_gc_")
        .contains("process_uptime_seconds");
  }
}
