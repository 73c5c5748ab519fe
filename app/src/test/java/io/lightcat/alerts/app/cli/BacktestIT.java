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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules backtest} over a known history on a real cluster: it gives exactly the alerts the
 * live engine gave for the same events, and {@code --compare} shows what a changed threshold
 * changes.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BacktestIT extends CliHarness {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BUCKET = Duration.ofSeconds(30);
  private static final int BURSTS = 36;

  /** Bursts with one failing request each; every other burst is one successful request. */
  private static final Set<Integer> FAILING = Set.of(8, 10, 20, 21, 22, 23);

  private static final String RULE =
      """
      - id: checkout-errors
        source: requests
        groupBy: [service]
        window: 2m
        resolution: 30s
        measure: { ratio: status >= 500 }
        minEvents: 3
        severity: { P2: "%s" }
      """;

  @TempDir Path baseline;
  @TempDir Path candidate;
  @TempDir Path state;

  private static Instant burst(Instant t0, int i) {
    return t0.plus(BUCKET.multipliedBy(i));
  }

  @Test
  void theBacktestGivesTheLiveEnginesAlertsAndComparesAChangedThreshold() throws Exception {
    // given a rule at 30% and a candidate at 50%, and an engine running the first
    Files.writeString(baseline.resolve("checkout.yaml"), RULE.formatted("> 0.3"));
    Files.writeString(candidate.resolve("checkout.yaml"), RULE.formatted("> 0.5"));
    String id = "backtest-it-" + UUID.randomUUID();
    String prefix = id + ".";
    TopicNames topics = TopicNames.withPrefix(prefix);
    // Two hours back, on a bucket boundary: one request per 30 s bucket.
    long bucketMs = BUCKET.toMillis();
    Instant t0 =
        Instant.ofEpochMilli(
            Instant.now().minus(Duration.ofHours(2)).toEpochMilli() / bucketMs * bucketMs);
    Instant end = burst(t0, BURSTS);

    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker()) {
      String[] kafka = {
        "--bootstrap-servers", cluster.bootstrapServers(), "--topic-prefix", prefix
      };
      List<JsonNode> live = new ArrayList<>();
      try (EngineNode engine = startRun(cluster, id, prefix);
          KafkaConsumer<byte[], byte[]> alerts = cluster.consumer()) {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> Http.status(engine.httpPort(), "/ready") == 200);
        alerts.subscribe(List.of(topics.alerts()));

        // when the history is published, record time = event time
        List<ProducerRecord<byte[], byte[]>> history = new ArrayList<>();
        for (int i = 0; i < BURSTS; i++) {
          Instant t = burst(t0, i);
          byte[] value =
              Events.request()
                  .service("checkout")
                  .status(FAILING.contains(i) ? 500 : 200)
                  .at(t)
                  .bytes();
          history.add(
              new ProducerRecord<>(
                  topics.requests(),
                  null,
                  t.toEpochMilli(),
                  "checkout".getBytes(StandardCharsets.UTF_8),
                  value));
        }
        cluster.produce(history);

        // then the live engine raises two episodes and resolves both
        await()
            .atMost(Duration.ofSeconds(90))
            .untilAsserted(
                () -> {
                  alerts.poll(Duration.ofMillis(200)).forEach(r -> live.add(read(r.value())));
                  assertThat(live)
                      .extracting(a -> a.get("status").asText())
                      .containsExactly("firing", "resolved", "firing", "resolved");
                });
      }
      assertThat(live.get(0).get("startsAt").asText()).isEqualTo(burst(t0, 10).toString());
      assertThat(live.get(3).get("endsAt").asText()).isEqualTo(burst(t0, 27).toString());

      // when the same rule is backtested over that time
      String[] range = {"--from", t0.toString(), "--to", end.toString()};
      assertThat(
              execute(
                  concat(
                      new String[] {"rules", "backtest", "--rules", baseline.toString()},
                      kafka,
                      range,
                      new String[] {"--format", "json"})))
          .as(err.toString())
          .isZero();

      // then it gives exactly the live engine's alert records
      JsonNode run = JSON.readTree(out.toString());
      assertThat(run.get("records").asInt()).isEqualTo(BURSTS);
      List<JsonNode> replayed = new ArrayList<>();
      run.get("transitions").forEach(replayed::add);
      assertThat(replayed).isEqualTo(live);

      // when the candidate is compared with it
      out.getBuffer().setLength(0);
      assertThat(
              execute(
                  concat(
                      new String[] {
                        "rules",
                        "backtest",
                        "--rules",
                        baseline.toString(),
                        "--compare",
                        candidate.toString()
                      },
                      kafka,
                      range,
                      new String[] {"--format", "json"})))
          .isZero();

      // then the mild episode is gone and the strong one is shorter
      JsonNode compared = JSON.readTree(out.toString());
      JsonNode diff = compared.get("differences");
      assertThat(diff).hasSize(2);
      assertThat(diff.get(0).get("change").asText()).isEqualTo("removed");
      assertThat(diff.get(0).get("before").get("startsAt").asText())
          .isEqualTo(burst(t0, 10).toString());
      assertThat(diff.get(0).get("before").get("endsAt").asText())
          .isEqualTo(burst(t0, 13).toString());
      assertThat(diff.get(1).get("change").asText()).isEqualTo("shifted");
      assertThat(diff.get(1).get("before").get("startsAt").asText())
          .isEqualTo(burst(t0, 21).toString());
      assertThat(diff.get(1).get("after").get("startsAt").asText())
          .isEqualTo(burst(t0, 22).toString());
      assertThat(diff.get(1).get("after").get("endsAt").asText())
          .isEqualTo(burst(t0, 26).toString());
      assertThat(compared.get("summary").get("removed").asInt()).isOne();

      // and the table says the same
      out.getBuffer().setLength(0);
      assertThat(
              execute(
                  concat(
                      new String[] {
                        "rules",
                        "backtest",
                        "--rules",
                        baseline.toString(),
                        "--compare",
                        candidate.toString()
                      },
                      kafka,
                      range)))
          .isZero();
      assertThat(out.toString())
          .contains("0 added, 1 removed, 1 shifted")
          .containsPattern("removed +checkout-errors +service=checkout +P2 " + burst(t0, 10))
          .containsPattern("shifted +checkout-errors +service=checkout +P2 " + burst(t0, 21));
    }
  }

  private EngineNode startRun(KafkaTestCluster cluster, String id, String prefix) {
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
            state.toString(),
            "--rules",
            baseline.toString());
    return run.start();
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] concat(String[]... parts) {
    List<String> all = new ArrayList<>();
    for (String[] p : parts) {
      all.addAll(List.of(p));
    }
    return all.toArray(String[]::new);
  }
}
