package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.testing.EngineProcess;
import io.lightcat.alerts.testing.Events;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
  private static final ObjectMapper JSON = new ObjectMapper();
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
      try (AlertReader alerts = new AlertReader(cluster, topics)) {
        cluster.produce(workload(0, 4, topics));
        alerts.awaitAtLeast(1);
        // when it is killed mid-run and restarted on the same state dir
        engine.kill();
        engine = EngineProcess.start(cluster.bootstrapServers(), app, state, rules, log);
        cluster.produce(workload(4, 8, topics));
        alerts.awaitAtLeast(9);
        // and killed again, then restarted with its state dir gone
        engine.kill();
        deleteRecursively(state);
        engine = EngineProcess.start(cluster.bootstrapServers(), app, state, rules, log);
        cluster.produce(workload(8, SERVICES, topics));

        // then every service fires once and resolves once, nothing more
        List<JsonNode> all = alerts.awaitAtLeast(2 * SERVICES);
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

  /** One read_committed consumer, assigned (no group to join), reading alerts from the start. */
  private static final class AlertReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<JsonNode> seen = new ArrayList<>();

    AlertReader(KafkaTestCluster cluster, TopicNames topics) {
      consumer = cluster.consumer();
      List<org.apache.kafka.common.TopicPartition> partitions =
          consumer.partitionsFor(topics.alerts()).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    List<JsonNode> poll(Duration wait) throws IOException {
      long deadline = System.nanoTime() + wait.toNanos();
      do {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(JSON.readTree(new String(r.value(), StandardCharsets.UTF_8)));
        }
      } while (System.nanoTime() < deadline);
      return List.copyOf(seen);
    }

    List<JsonNode> awaitAtLeast(int count) {
      try {
        await()
            .atMost(Duration.ofSeconds(150))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> poll(Duration.ZERO).size() >= count);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            "expected at least "
                + count
                + " alert records, got "
                + seen.size()
                + ": "
                + seen.stream()
                    .map(
                        a ->
                            a.get("labels").get("service").asText()
                                + "/"
                                + a.get("status").asText())
                    .toList(),
            e);
      }
      return List.copyOf(seen);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
