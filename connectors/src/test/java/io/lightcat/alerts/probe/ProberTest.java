package io.lightcat.alerts.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.EventParser;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.event.ParseResult;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prober against a real HTTP server on loopback, and /proc fixtures for host metrics. */
class ProberTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  static final EventParser PARSER = new EventParser(EngineConfig.defaults());

  HttpServer server;
  URI url;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/broken",
        exchange -> {
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static Prober prober(Map<String, URI> targets, List<String> heartbeats) {
    return new Prober(
        targets,
        new HttpProbe(Duration.ofSeconds(2), CLOCK),
        Optional.empty(),
        heartbeats,
        "probe-host",
        CLOCK);
  }

  /** The event as the engine reads it from events.infra. */
  private static ParseResult parsed(ProbeEvent e) throws Exception {
    return PARSER.parse(
        EventStream.INFRA,
        e.key().getBytes(StandardCharsets.UTF_8),
        JSON.writeValueAsBytes(e.fields()),
        CLOCK.millis());
  }

  @Test
  void aTargetThatGoesDownIsOkThenNotOk() throws Exception {
    // given
    Prober prober = prober(Map.of("api", url), List.of());

    // when
    ProbeEvent up = prober.round().get(0);
    server.stop(0);
    ProbeEvent down = prober.round().get(0);

    // then
    assertThat(up.key()).isEqualTo("api");
    assertThat(up.fields())
        .containsEntry("kind", "health_check")
        .containsEntry("target", "api")
        .containsEntry("url", url.toString())
        .containsEntry("ok", true)
        .containsEntry("status", 200)
        .containsEntry("ts", "2026-11-28T12:00:00Z")
        .containsKey("latencyMs");
    assertThat(down.fields())
        .containsEntry("ok", false)
        .doesNotContainKey("status")
        .containsEntry("error", "ConnectException");
    assertThat(parsed(up)).isInstanceOf(ParseResult.Valid.class);
    assertThat(parsed(down)).isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void a5xxAnswerIsNotOkWithItsStatus() throws Exception {
    // given
    URI broken = url.resolve("/broken");

    // when
    ProbeEvent e = prober(Map.of("api", broken), List.of()).round().get(0);

    // then
    assertThat(e.fields()).containsEntry("ok", false).containsEntry("status", 503);
    assertThat(parsed(e)).isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void heartbeatsNameServiceAndHost() throws Exception {
    // when
    List<ProbeEvent> events = prober(Map.of(), List.of("payments", "game")).round();

    // then
    assertThat(events).extracting(ProbeEvent::key).containsExactly("payments", "game");
    assertThat(events.get(0).fields())
        .containsEntry("kind", "heartbeat")
        .containsEntry("service", "payments")
        .containsEntry("host", "probe-host");
    for (ProbeEvent e : events) {
      assertThat(parsed(e)).isInstanceOf(ParseResult.Valid.class);
    }
  }

  @Test
  void hostMetricsFromProcAreRatesBetweenTwoSamples(@TempDir Path proc) throws Exception {
    // given: 1000 jiffies of which 250 idle+iowait between samples; 3000/1500 bytes in/out
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(
        proc.resolve("meminfo"), "MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 400 kB\n");
    writeSample(proc, "cpu  100 0 100 700 100 0 0 0 0 0", 10_000, 5_000);
    HostMetrics metrics = new HostMetrics(proc, proc, "web-1", CLOCK);

    // when
    ProbeEvent first = metrics.sample(0).orElseThrow();
    writeSample(proc, "cpu  450 0 500 900 150 0 0 0 0 0", 13_000, 6_500);
    ProbeEvent second = metrics.sample(2_000_000_000L).orElseThrow();

    // then
    assertThat(first.fields()).containsEntry("memPct", 60.0).doesNotContainKey("cpuPct");
    assertThat(second.fields())
        .containsEntry("kind", "host")
        .containsEntry("host", "web-1")
        .containsEntry("cpuPct", 75.0)
        .containsEntry("netInBytesPerSec", 1500.0)
        .containsEntry("netOutBytesPerSec", 750.0)
        .containsKey("diskFreePct");
    assertThat(parsed(first)).isInstanceOf(ParseResult.Valid.class);
    assertThat(parsed(second)).isInstanceOf(ParseResult.Valid.class);
  }

  private static void writeSample(Path proc, String cpu, long in, long out) throws Exception {
    Files.writeString(proc.resolve("stat"), cpu + "\ncpu0 1 2 3 4\n");
    Files.writeString(
        proc.resolve("net/dev"),
        "Inter-| Receive | Transmit\n face |bytes packets|bytes\n"
            + "    lo: 999 1 0 0 0 0 0 0 999 1 0 0 0 0 0 0\n"
            + "  eth0: "
            + in
            + " 1 0 0 0 0 0 0 "
            + out
            + " 1 0 0 0 0 0 0\n");
  }

  @Test
  void theLoopPublishesEveryRoundToTheInfraTopic() {
    // given
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    // when
    try (ProbeLoop loop =
        ProbeLoop.start(
            prober(Map.of("api", url), List.of("payments")),
            producer,
            "events.infra",
            Duration.ofMillis(50))) {

      // then
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.published() >= 4);
    }
    assertThat(producer.history()).allSatisfy(r -> assertThat(r.topic()).isEqualTo("events.infra"));
    assertThat(producer.history())
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .startsWith("api", "payments", "api", "payments");
  }
}
