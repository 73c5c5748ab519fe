package io.lightcat.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.alertmanager.AlertmanagerNotifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our {@code alertmanager} receiver against the real Alertmanager from Debian (package {@code
 * prometheus-alertmanager}, 0.25), on a free loopback port without clustering: a firing alert shows
 * up active in its {@code /api/v2/alerts}, the resolution (with {@code endsAt}) takes it out of the
 * active alerts.
 */
@Timeout(120)
class AlertmanagerReceiverIT {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static Process process;
  static Path dir;
  static String baseUrl;

  @BeforeAll
  static void startAlertmanager() throws Exception {
    if (!Files.isExecutable(BINARY)) {
      fail(
          BINARY
              + " is missing: install the Debian package prometheus-alertmanager"
              + " (apt-get install prometheus-alertmanager; CI installs it)");
    }
    dir = Files.createTempDirectory("alertmanager-it");
    Path config =
        Files.writeString(
            dir.resolve("alertmanager.yml"),
            """
            route:
              receiver: blackhole
            receivers:
              - name: blackhole
            """);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    baseUrl = "http://127.0.0.1:" + port;
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--storage.path=" + dir.resolve("data"),
                "--config.file=" + config)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> get("/-/ready").statusCode() == 200);
  }

  @AfterAll
  static void stopAlertmanager() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void aFiringAlertShowsUpActiveAndItsResolutionEndsIt() {
    // given
    AlertmanagerNotifier am =
        new AlertmanagerNotifier(
            "am", Secret.of(baseUrl), Duration.ofSeconds(5), Clock.systemUTC());
    Alert firing = alert("am-1", "am-it-rule", Alert.FIRING);

    // when
    DeliveryResult sent = am.deliver(Notification.of(firing, "am"));

    // then: active in Alertmanager with our labels and annotations
    assertThat(sent).isEqualTo(DeliveryResult.ok());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode a = find("am-it-rule");
              assertThat(a).as("alert in /api/v2/alerts").isNotNull();
              assertThat(a.path("status").path("state").asText()).isEqualTo("active");
              assertThat(a.path("labels").path("service").asText()).isEqualTo("api");
              assertThat(a.path("labels").path("severity").asText()).isEqualTo("P1");
              assertThat(a.path("annotations").path("summary").asText())
                  .isEqualTo("api error rate 6.2% > 5% over 5m");
            });

    // when: resolved (endsAt = now, from the notifier's clock)
    DeliveryResult resolved =
        am.deliver(Notification.of(alert("am-1", "am-it-rule", Alert.RESOLVED), "am"));

    // then: no longer active (Alertmanager drops resolved alerts from the list or shows endsAt)
    assertThat(resolved).isEqualTo(DeliveryResult.ok());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode a = find("am-it-rule");
              if (a != null) {
                assertThat(Instant.parse(a.path("endsAt").asText()))
                    .isBeforeOrEqualTo(Instant.now());
              }
            });
  }

  @Test
  void aGroupNotificationPostsEveryAlert() {
    // given
    AlertmanagerNotifier am =
        new AlertmanagerNotifier(
            "am", Secret.of(baseUrl), Duration.ofSeconds(5), Clock.systemUTC());
    List<Alert> alerts = new ArrayList<>();
    for (String rule : List.of("am-group-a", "am-group-b", "am-group-c")) {
      alerts.add(alert(rule + "-id", rule, Alert.FIRING));
    }
    Notification group =
        new Notification(
            alerts,
            "am",
            "group-test",
            new Notification.Group("k", Map.of("service", "api"), Notification.Kind.GROUP));

    // when
    assertThat(am.deliver(group)).isEqualTo(DeliveryResult.ok());

    // then
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (String rule : List.of("am-group-a", "am-group-b", "am-group-c")) {
                assertThat(find(rule)).as(rule).isNotNull();
              }
            });
  }

  private static Alert alert(String id, String rule, String status) {
    Instant startsAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Alert a = Alerts.alert().id(id).fingerprint(rule + "|service=api").rule(rule).build();
    return new Alert(
        a.id(),
        a.fingerprint(),
        a.rule(),
        a.ruleVersion(),
        status,
        a.severity(),
        a.title(),
        a.summary(),
        a.labels(),
        a.value(),
        a.threshold(),
        a.window(),
        startsAt.toString(),
        null,
        a.runbook(),
        a.responseTarget(),
        a.evidence());
  }

  /** The alert named {@code alertname} in Alertmanager's {@code /api/v2/alerts}, or null. */
  private static JsonNode find(String alertname) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v2/alerts");
    assertThat(r.statusCode()).isEqualTo(200);
    for (JsonNode a : JSON.readTree(r.body())) {
      if (alertname.equals(a.path("labels").path("alertname").asText())) {
        return a;
      }
    }
    return null;
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
