package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.testing.Events;
import io.lightcat.alerts.testing.IngestTestTopology;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class EventIngestIT {
  private static final String SECRET = "sup3r-s3cret";
  private static KafkaTestCluster cluster;

  @TempDir Path stateDir;

  @BeforeAll
  static void startCluster() {
    cluster = KafkaTestCluster.singleBroker();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void validEventsReachTheOutputAndEachInvalidRecordLandsInTheDeadLetterTopicOnce() {
    // given
    String prefix = "it-" + UUID.randomUUID() + ".";
    TopicNames topics = TopicNames.withPrefix(prefix);
    String output = prefix + IngestTestTopology.OUTPUT;
    List<String> all = new ArrayList<>(topics.all());
    all.add(output);
    cluster.createTopics(3, all);
    EngineConfig config = EngineConfig.defaults().withTopics(topics);
    EngineMetrics metrics = EngineMetrics.inMemory();
    List<ProducerRecord<byte[], byte[]>> valid =
        List.of(
            Events.request()
                .with("headers", Map.of("Authorization", "Bearer " + SECRET))
                .record(topics),
            Events.payment("payment_confirmed").with("rgbInvoice", "rgb:" + SECRET).record(topics),
            Events.game("session_ended").record(topics),
            Events.infra("db_pool").record(topics));
    Map<String, ProducerRecord<byte[], byte[]>> invalid =
        Map.of(
            "json",
            raw(topics.requests(), "{\"headers\": {\"authorization\": \"Bearer " + SECRET + "\""),
            "missing_field",
            Events.request().without("status").record(topics),
            "out_of_range",
            Events.infra("host").with("cpuPct", 180).record(topics),
            "unknown_kind",
            Events.payment("refund").with("rgbInvoice", "rgb:" + SECRET).record(topics),
            "empty",
            new ProducerRecord<>(topics.game(), utf8("s-9"), null));

    try (KafkaStreams streams =
        new KafkaStreams(IngestTestTopology.build(config, metrics, output), props())) {
      streams.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> streams.state() == KafkaStreams.State.RUNNING);

      // when
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(valid);
      records.addAll(invalid.values());
      cluster.produce(records);

      // then
      List<ConsumerRecord<byte[], byte[]>> out =
          cluster.consume(output, valid.size(), Duration.ofSeconds(60));
      assertThat(out).hasSize(valid.size());
      assertThat(out)
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .allSatisfy(v -> assertThat(v).doesNotContain(SECRET))
          .anySatisfy(v -> assertThat(v).contains("\"stream\":\"payments\""))
          .anySatisfy(v -> assertThat(v).contains("\"stream\":\"infra\""));

      await().atMost(Duration.ofSeconds(60)).until(() -> dlqCount(metrics, invalid.size()));
      // Ask for one more than expected: a duplicate would show up here.
      List<ConsumerRecord<byte[], byte[]>> dead =
          cluster.consume(topics.dlq(), invalid.size() + 1, Duration.ofSeconds(5));
      assertThat(dead).hasSize(invalid.size());
      Map<String, ConsumerRecord<byte[], byte[]>> byTopicAndOffset =
          dead.stream()
              .collect(
                  Collectors.toMap(
                      r ->
                          header(r, "error.topic")
                              + "/"
                              + header(r, "error.partition")
                              + "/"
                              + header(r, "error.offset"),
                      Function.identity()));
      assertThat(byTopicAndOffset).hasSize(invalid.size());
      for (ConsumerRecord<byte[], byte[]> r : dead) {
        assertThat(header(r, "error.reason")).isNotBlank().doesNotContain(SECRET);
        assertThat(header(r, "error.topic")).startsWith(prefix + "events.");
        assertThat(Long.parseLong(header(r, "error.offset"))).isNotNegative();
        if (r.value() != null) {
          assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
        }
      }
      assertThat(dead)
          .extracting(r -> header(r, "error.reason"))
          .anySatisfy(reason -> assertThat(reason).startsWith("not valid JSON"))
          .anySatisfy(reason -> assertThat(reason).isEqualTo("missing required field 'status'"))
          .anySatisfy(
              reason -> assertThat(reason).contains("'cpuPct' must be a number from 0 to 100"))
          .anySatisfy(reason -> assertThat(reason).startsWith("unknown payment kind 'refund'"))
          .anySatisfy(reason -> assertThat(reason).contains("empty"));
      invalid
          .keySet()
          .forEach(
              category -> assertThat(totalInvalid(metrics, category)).as(category).isEqualTo(1.0));
    }
  }

  private Properties props() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-it-" + UUID.randomUUID());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    return p;
  }

  private static boolean dlqCount(EngineMetrics metrics, int expected) {
    return metrics.registry().find("events.invalid").counters().stream()
            .mapToDouble(c -> c.count())
            .sum()
        >= expected;
  }

  private static double totalInvalid(EngineMetrics metrics, String category) {
    return metrics.registry().find("events.invalid").tag("reason", category).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static ProducerRecord<byte[], byte[]> raw(String topic, String value) {
    return new ProducerRecord<>(topic, null, utf8(value));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
