package io.lightcat.alerts.app.http;

import static io.lightcat.alerts.app.http.ApiClient.body;
import static io.lightcat.alerts.app.http.ApiClient.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.query.QueryResult;
import io.lightcat.alerts.query.StatsReport;
import io.lightcat.alerts.query.StatsSnapshot;
import io.lightcat.alerts.query.StatsWindow;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The statistics endpoints on a real server on loopback. */
class StatsRoutesTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:34:56Z");
  private static final Alert API =
      TestAlerts.firing("high-error-rate", "P1", "api", "2026-11-28T12:00:00Z");

  private final List<StatsWindow> asked = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> clusterNotReady = new AtomicReference<>();
  private final AtomicReference<QueryResult<List<Alert>>> alerts =
      new AtomicReference<>(QueryResult.ready(List.of(API)));
  private HttpServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    StatsRoutes routes =
        new StatsRoutes(
            window -> {
              asked.add(window);
              return clusterNotReady.get() == null
                  ? QueryResult.ready(TestStats.snapshot(window, 5, 3))
                  : QueryResult.notReady(clusterNotReady.get());
            },
            window -> QueryResult.ready(TestStats.snapshot(window, 2, 1)),
            filter -> alerts.get(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    server = HttpServer.start(0, List.of(routes));
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void paymentsAnswerThePaymentMonitorsFields() throws Exception {
    // when
    HttpResponse<String> response = api.get("/api/metrics/payments");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode p = body(response);
    assertThat(p.get("invoicesLastHour").asLong()).isEqualTo(5);
    assertThat(p.get("successRate").asDouble()).isEqualTo(0.75);
    assertThat(p.get("avgProcessingTime").asDouble()).isEqualTo(4.0);
    assertThat(p.get("failedPayments").asLong()).isEqualTo(1);
    assertThat(p.get("failureReasons").get("insufficient_funds").asLong()).isEqualTo(1);
    assertThat(p.get("pending").asLong()).isZero();
    assertThat(p.get("totalToday").asLong()).isEqualTo(3);
    assertThat(p.get("revenueTodaySats").asLong()).isEqualTo(63_000);
    assertThat(p.get("consignmentGenerationTime").isNull()).isTrue(); // none reported
    assertThat(p.get("webhookResponseTime").isNull()).isTrue();
    assertThat(p.get("at").asText()).isEqualTo(NOW.toString());
    assertThat(asked).containsExactly(new StatsWindow(NOW, Duration.ofHours(1)));
  }

  @Test
  void requestsGameAndInfraAnswerTheirFigures() throws Exception {
    JsonNode requests = body(api.get("/api/metrics/requests"));
    assertThat(requests.get("services").get("api").get("requests").asLong()).isEqualTo(3);
    assertThat(requests.get("services").get("api").get("errorRate").asDouble()).isEqualTo(1.0 / 3);
    assertThat(requests.get("services").get("api").get("avgLatencyMs").asDouble()).isEqualTo(200.0);
    assertThat(requests.get("total").get("p95LatencyMs").asDouble()).isEqualTo(300.0);

    JsonNode game = body(api.get("/api/metrics/game"));
    assertThat(game.get("avgFps").asDouble()).isEqualTo(60.0);
    assertThat(game.get("completionRate").asDouble()).isEqualTo(1.0);
    assertThat(game.get("scoreDistribution").get("40-50").asLong()).isEqualTo(1);

    JsonNode infra = body(api.get("/api/metrics/infra"));
    assertThat(infra.get("health").get("api").get("uptime").asDouble()).isEqualTo(0.5);
  }

  @Test
  void theDashboardsAnswerTheirTiles() throws Exception {
    JsonNode ops = body(api.get("/api/dashboards/operations"));
    assertThat(ops.get("uptime").asDouble()).isEqualTo(0.5);
    assertThat(ops.get("revenueTodaySats").asLong()).isEqualTo(63_000);
    assertThat(ops.get("responseTimeMs").asDouble()).isEqualTo(200.0);
    assertThat(ops.get("errorRate").asDouble()).isEqualTo(1.0 / 3);
    assertThat(ops.get("gameSessionsToday").asLong()).isEqualTo(1);
    assertThat(ops.get("recentAlerts").get(0).get("fingerprint").asText())
        .isEqualTo(API.fingerprint());

    JsonNode payments = body(api.get("/api/dashboards/payments"));
    assertThat(payments.get("invoicesPerHour").asLong()).isEqualTo(5);
    assertThat(payments.get("avgProcessTime").asDouble()).isEqualTo(4.0);
    assertThat(payments.get("totalToday").asLong()).isEqualTo(3);

    JsonNode game = body(api.get("/api/dashboards/GAME"));
    assertThat(game.get("avgLoadMs").asDouble()).isEqualTo(1800.0);
    assertThat(game.get("tierUnlocks").get("gold").asLong()).isZero();
  }

  @Test
  void atAndWindowChooseTheWindow() throws Exception {
    // when
    HttpResponse<String> response =
        api.get("/api/metrics/payments?at=2026-11-28T10:00:00Z&window=5m");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response).get("window").asText()).isEqualTo("PT5M");
    assertThat(asked)
        .containsExactly(
            new StatsWindow(Instant.parse("2026-11-28T10:00:00Z"), Duration.ofMinutes(5)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/metrics/payments?window=2h | window must be whole minutes from 1m to 1h, not 2h",
        "/api/metrics/game?window=soon | window must be a duration such as 5m or 1h, not 'soon'",
        "/api/dashboards/operations?at=yesterday | at must be an ISO-8601 instant such as"
            + " 2026-11-28T12:00:00Z, not 'yesterday'",
        "/internal/stats/local?window=0 | window must be whole minutes from 1m to 1h, not 0s",
      })
  void badParametersAre400(String path, String message) throws Exception {
    HttpResponse<String> response = api.get(path);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response)).isEqualTo(error(message, 400));
  }

  @Test
  void unknownNamesAre404() throws Exception {
    HttpResponse<String> metrics = api.get("/api/metrics/weather");
    assertThat(metrics.statusCode()).isEqualTo(404);
    assertThat(body(metrics))
        .isEqualTo(
            error("no metrics called weather; there are payments, requests, game, infra", 404));

    HttpResponse<String> dashboard = api.get("/api/dashboards/finance");
    assertThat(dashboard.statusCode()).isEqualTo(404);
    assertThat(body(dashboard))
        .isEqualTo(error("no dashboard called finance; there are operations, payments, game", 404));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/metrics/payments", "/api/dashboards/game"})
  void aPartThatCannotBeReadIs503WithRetryAfter(String path) throws Exception {
    // given
    clusterNotReady.set("streams are REBALANCING, not RUNNING");

    // when
    HttpResponse<String> response = api.get(path);

    // then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(body(response)).isEqualTo(error("streams are REBALANCING, not RUNNING", 503));
  }

  @Test
  void operationsIs503WhenTheAlertsCannotBeRead() throws Exception {
    alerts.set(QueryResult.notReady("instance b:8080: answered 503"));
    HttpResponse<String> response = api.get("/api/dashboards/operations");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(body(response)).isEqualTo(error("instance b:8080: answered 503", 503));
  }

  @Test
  void theLocalPartIsTheBinarySnapshotForTheAskedWindow() throws Exception {
    // when
    HttpResponse<byte[]> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:"
                                + server.port()
                                + "/internal/stats/local?at=2026-11-28T12:00:00.250Z&window=15m"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    StatsSnapshot part = StatsSnapshot.fromBytes(response.body());
    assertThat(part.window())
        .isEqualTo(
            new StatsWindow(Instant.parse("2026-11-28T12:00:00.250Z"), Duration.ofMinutes(15)));
    assertThat(new StatsReport(part).payments().invoicesLastHour()).isEqualTo(2);
  }
}
