package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lightcat.alerts.app.DemoStack;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.probe.ProbeLoop;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the probe command's events drive the engine's server-down rule. A loopback server
 * answers 200, then 503 (down), then 200 again: the alert fires and then resolves.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ProbeServerDownIT {
  private static final String PREFIX = "probe-it.";
  private static final TopicNames TOPICS = TopicNames.withPrefix(PREFIX);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void serverDownFiresAndResolves() throws Exception {
    // given: the server-down rule with a short window, the demo stack without simulator
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(
        rules.resolve("server-down.yaml"),
        """
        - id: server-down
          source: infra
          filter: kind == "health_check"
          groupBy: [target]
          window: 2s
          resolution: 1s
          measure: { ratio: "!ok" }
          severity: { P1: "> 0" }
        """);
    AtomicBoolean up = new AtomicBoolean(true);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(up.get() ? 200 : 503, -1);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    String[] demoArgs = {
      "demo",
      "--no-simulator",
      "--rules",
      rules.toString(),
      "--kafka-port",
      String.valueOf(FreePorts.next()),
      "--http-port",
      String.valueOf(FreePorts.next()),
      "--state-dir",
      tmp.resolve("state").toString(),
      "--topic-prefix",
      PREFIX
    };
    DemoCommand demo = parse(demoArgs);
    List<JsonNode> alerts = new ArrayList<>();
    try (DemoStack stack = demo.start();
        KafkaConsumer<String, String> consumer = alertsConsumer(stack.bootstrapServers())) {
      ProbeCommand probe =
          parse(
              "probe",
              "--bootstrap-servers",
              stack.bootstrapServers(),
              "--topic-prefix",
              PREFIX,
              "--target",
              "api=" + url,
              "--interval",
              "200ms",
              "--timeout",
              "2s");
      consumer.subscribe(List.of(TOPICS.alerts()));
      try (ProbeLoop loop = probe.start()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.published() >= 5);

        // when: the server goes down
        up.set(false);

        // then: server-down fires for target api
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> read(consumer, alerts).stream().anyMatch(a -> is(a, "firing")));

        // when: it comes back
        up.set(true);

        // then: it resolves
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> read(consumer, alerts).stream().anyMatch(a -> is(a, "resolved")));
        assertThat(loop.failed()).isZero();
      }
    } finally {
      server.stop(0);
    }
    JsonNode fired = alerts.stream().filter(a -> is(a, "firing")).findFirst().orElseThrow();
    assertThat(fired.path("labels").path("target").asText()).isEqualTo("api");
    assertThat(fired.path("severity").asText()).isEqualTo("P1");
  }

  private static boolean is(JsonNode alert, String status) {
    return alert.path("rule").asText().equals("server-down")
        && alert.path("status").asText().equals(status);
  }

  private static List<JsonNode> read(KafkaConsumer<String, String> consumer, List<JsonNode> into)
      throws Exception {
    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
      into.add(JSON.readTree(r.value()));
    }
    return into;
  }

  @SuppressWarnings("unchecked")
  private static <T> T parse(String... args) {
    return (T)
        AlertEngineCommand.commandLine()
            .parseArgs(args)
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
  }

  private static KafkaConsumer<String, String> alertsConsumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return new KafkaConsumer<>(p);
  }
}
