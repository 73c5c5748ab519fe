package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.testing.AlertReader;
import io.lightcat.alerts.testing.Directories;
import io.lightcat.alerts.testing.EngineProcess;
import io.lightcat.alerts.testing.Events;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine runs as a separate process and is killed with SIGKILL twice mid-run (once keeping its
 * state dir, once losing it); a read_committed consumer must still see every expected alert
 * transition exactly once.
 */
@Timeout(300)
class ExactlyOnceCrashIT {
  private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  private static final int SERVICES = 12;

  @TempDir Path tmp;

  @Test
  void killedEngineNeitherLosesNorDuplicatesAlerts() throws Exception {
    Path rules = tmp.resolve("rules.yaml");
    Files.writeString(
        rules,
        """
        - id: burst
          source: requests
          groupBy: [service]
          window: 10s
          resolution: 1s
          measure: count
          severity: { P2: ">= 40" }
        """);
    TopicNames topics = TopicNames.defaults();
    Path log = Path.of("target", "engine-crash-it.log");
    Files.deleteIfExists(log);
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker()) {
      cluster.createTopics(3, topics.all());
      String app = "eos-crash-" + System.nanoTime();
      Path state = tmp.resolve("state");

      // given the first third of the workload and a running engine
      EngineProcess engine =
          EngineProcess.start(cluster.bootstrapServers(), app, state, rules, log);
      try (AlertReader alerts = new AlertReader(cluster, topics.alerts())) {
        cluster.produce(workload(0, 4, topics));
        alerts.awaitAtLeast(1, Duration.ofSeconds(150));
        // when it is killed mid-run and restarted on the same state dir
        engine.kill();
        engine = EngineProcess.start(cluster.bootstrapServers(), app, state, rules, log);
        cluster.produce(workload(4, 8, topics));
        alerts.awaitAtLeast(9, Duration.ofSeconds(150));
        // and killed again, then restarted with its state dir gone
        engine.kill();
        Directories.deleteRecursively(state);
        engine = EngineProcess.start(cluster.bootstrapServers(), app, state, rules, log);
        cluster.produce(workload(8, SERVICES, topics));

        // then every service fires once and resolves once, nothing more
        List<JsonNode> all = alerts.awaitAtLeast(2 * SERVICES, Duration.ofSeconds(150));
        Map<String, List<String>> byService =
            all.stream()
                .collect(
                    Collectors.groupingBy(
                        a -> a.get("labels").get("service").asText(),
                        Collectors.mapping(a -> a.get("status").asText(), Collectors.toList())));
        assertThat(byService).hasSize(SERVICES);
        assertThat(byService.values())
            .allSatisfy(s -> assertThat(s).containsExactly("firing", "resolved"));
        assertThat(alerts.poll(Duration.ofSeconds(3))).hasSize(2 * SERVICES);
      } finally {
        engine.close();
      }
    }
  }

  /**
   * Services {@code from..to-1}: each gets a burst of 50 requests in 5 s (fires), then a ticker
   * service moves event time 30 s on so the burst leaves the window (resolves).
   */
  private static List<ProducerRecord<byte[], byte[]>> workload(
      int from, int to, TopicNames topics) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    for (int s = from; s < to; s++) {
      Instant base = T0.plusSeconds(60L * s);
      for (int i = 0; i < 50; i++) {
        out.add(record(topics, "svc-" + s, base.plusMillis(i * 100L)));
      }
      for (int i = 0; i < 30; i++) {
        out.add(record(topics, "ticker", base.plusSeconds(10 + i)));
      }
    }
    return out;
  }

  private static ProducerRecord<byte[], byte[]> record(
      TopicNames topics, String service, Instant at) {
    byte[] value = Events.request().service(service).status(200).latencyMs(5).at(at).bytes();
    return new ProducerRecord<>(topics.requests(), null, at.toEpochMilli(), null, value);
  }
}
