package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lightcat.alerts.app.DemoStack;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.config.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoCommandIT {
  private static final Logger log = LoggerFactory.getLogger(DemoCommandIT.class);
  private static final String PREFIX = "demo-it.";
  private static final TopicNames TOPICS = TopicNames.withPrefix(PREFIX);

  @TempDir Path stateDir;

  /** Parses the arguments like the jar does and starts the demo without blocking. */
  private static DemoStack startDemo(String... args) {
    List<String> all =
        new ArrayList<>(List.of("demo", "--no-simulator", "--rules", "../alert-rules/lightcat"));
    all.addAll(List.of(args));
    DemoCommand demo =
        AlertEngineCommand.commandLine()
            .parseArgs(all.toArray(String[]::new))
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
    return demo.start();
  }

  private DemoStack startOnFreePorts() {
    return startDemo(
        "--kafka-port", String.valueOf(FreePorts.next()),
        "--http-port", String.valueOf(FreePorts.next()),
        "--state-dir", stateDir.toString(),
        "--topic-prefix", PREFIX);
  }

  private static void awaitReady(DemoStack demo, long started) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Http.status(demo.node().httpPort(), "/ready") == 200);
    log.info("demo ready {} ms after start", (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void demoServesKafkaAndResumesFromItsStateDirectory() throws Exception {
    // given
    String key = "svc-" + UUID.randomUUID();

    // when: first run
    long started = System.nanoTime();
    try (DemoStack demo = startOnFreePorts()) {
      awaitReady(demo, started);
      produce(demo.bootstrapServers(), TOPICS.requests(), key, "{\"service\":\"api\"}");

      // then
      assertThat(consumeKeys(demo.bootstrapServers(), TOPICS.requests())).contains(key);
      assertTopics(demo.bootstrapServers());
    }

    // when: second run on the same state directory
    started = System.nanoTime();
    try (DemoStack demo = startOnFreePorts()) {
      awaitReady(demo, started);

      // then
      assertThat(consumeKeys(demo.bootstrapServers(), TOPICS.requests())).containsOnlyOnce(key);
      assertTopics(demo.bootstrapServers());
    }
  }

  @Test
  void demoRunsTheNotifierWithTheGivenConfiguration() throws Exception {
    // given: a receiver nobody listens on, so every alert ends up as a dead letter
    Path notifiers =
        java.nio.file.Files.writeString(
            stateDir.resolve("notifiers.yaml"),
            """
            receivers:
              - name: nowhere
                webhook: {url: "http://127.0.0.1:1/hook"}
                retry: {max_attempts: 1, timeout: 1s}
            route:
              receiver: nowhere
            """);
    Path state = stateDir.resolve("state");
    String alert =
        """
        {"id":"a-1","fingerprint":"fp-1","rule":"api-error-rate","status":"firing",\
        "severity":"P1","labels":{"service":"api"}}""";

    // when
    try (DemoStack demo =
        startDemo(
            "--kafka-port", String.valueOf(FreePorts.next()),
            "--http-port", String.valueOf(FreePorts.next()),
            "--state-dir", state.toString(),
            "--topic-prefix", PREFIX,
            "--notifiers", notifiers.toString())) {
      assertThat(demo.notifier().running()).isTrue();
      produce(demo.bootstrapServers(), TOPICS.alerts(), "fp-1", alert);

      // then: the notifier consumed it and dead-lettered the failed delivery
      assertThat(consumeKeys(demo.bootstrapServers(), TOPICS.notificationsDlq()))
          .containsExactly("fp-1");
    }
  }

  @Test
  void theBundledNotifierConfigurationPrintsEveryAlertOnTheConsole() {
    // when
    var config = DemoCommand.bundledNotifiers();

    // then
    assertThat(config.receivers()).singleElement().extracting(r -> r.type()).isEqualTo("console");
    assertThat(config.route().routes()).isEmpty();
    assertThat(config.route().receiver()).isEqualTo("console");
  }

  private static void assertTopics(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(TOPICS.all()).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(topics).containsOnlyKeys(TOPICS.all());
      topics.forEach(
          (name, t) -> {
            if (name.equals(TOPICS.rules())) {
              assertThat(t.partitions()).as(name).hasSize(1); // one order for every rule change
            } else {
              assertThat(t.partitions()).as(name).hasSizeGreaterThanOrEqualTo(3);
            }
          });
      ConfigResource rules = new ConfigResource(ConfigResource.Type.TOPIC, TOPICS.rules());
      Config config =
          admin.describeConfigs(List.of(rules)).all().get(30, TimeUnit.SECONDS).get(rules);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  private static void produce(String bootstrap, String topic, String key, String value)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Keys of all records in {@code topic}, read from the beginning until the end offsets. */
  private static List<String> consumeKeys(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  keys.add(r.key());
                }
                return !keys.isEmpty();
              });
    }
    return keys;
  }
}
