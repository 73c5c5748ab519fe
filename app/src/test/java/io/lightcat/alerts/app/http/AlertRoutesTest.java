package io.lightcat.alerts.app.http;

import static io.lightcat.alerts.app.http.ApiClient.JSON;
import static io.lightcat.alerts.app.http.ApiClient.body;
import static io.lightcat.alerts.app.http.ApiClient.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.lifecycle.AlertAction;
import io.lightcat.alerts.query.AlertFilter;
import io.lightcat.alerts.query.AlertQueries;
import io.lightcat.alerts.query.AlertSource;
import io.lightcat.alerts.query.QueryResult;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertRoutesTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:34:56Z");
  private static final Alert API =
      TestAlerts.firing("high-error-rate", "P1", "api", "2026-11-28T12:00:00Z");
  private static final Alert AUTH =
      TestAlerts.resolved(
          TestAlerts.firing("high-error-rate", "P3", "auth", "2026-11-28T11:00:00Z"),
          "2026-11-28T12:10:00Z");
  private static final Alert DB = TestAlerts.firing("db-pool", "P2", "db", "2026-11-28T11:30:00Z");

  /** What the cluster source answers: every instance's alerts, or not ready. */
  private final AtomicReference<QueryResult<List<Alert>>> cluster =
      new AtomicReference<>(QueryResult.ready(AlertQueries.merge(List.of(List.of(API, AUTH, DB)))));

  private final List<AlertFilter> localFilters = new CopyOnWriteArrayList<>();
  private final List<AlertAction> published = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ApiClient api;

  private void start(Optional<String> token) {
    AlertSource clusterSource =
        filter -> {
          QueryResult<List<Alert>> all = cluster.get();
          if (all instanceof QueryResult.Ready<List<Alert>> ready) {
            return QueryResult.ready(ready.value().stream().filter(filter::matches).toList());
          }
          return all;
        };
    AlertSource localSource =
        filter -> {
          localFilters.add(filter);
          return QueryResult.ready(List.of(DB));
        };
    AlertRoutes routes =
        new AlertRoutes(
            clusterSource,
            localSource,
            published::add,
            BearerAuth.of(token),
            Clock.fixed(NOW, ZoneOffset.UTC));
    server = HttpServer.start(0, List.of(routes));
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<String> fingerprints(HttpResponse<String> response) throws Exception {
    List<String> fps = new ArrayList<>();
    body(response).get("alerts").forEach(a -> fps.add(a.get("fingerprint").asText()));
    return fps;
  }

  @Test
  void listsEveryInstancesAlertsNewestFirstAsContractRecords() throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> response = api.get("/api/alerts");

    // then auth resolved at 12:10, api fired at 12:00, db at 11:30
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fingerprints(response))
        .containsExactly(AUTH.fingerprint(), API.fingerprint(), DB.fingerprint());
    JsonNode first = body(response).get("alerts").get(0);
    assertThat(first).isEqualTo(JSON.valueToTree(AUTH));
    assertThat(first.has("endsAt")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "?status=firing,                     fp-high-error-rate-api fp-db-pool-db",
    "?status=resolved,                   fp-high-error-rate-auth",
    "?severity=p2,                       fp-db-pool-db",
    "?rule=high-error-rate&status=firing, fp-high-error-rate-api",
    "?rule=no-such-rule,                 ''",
  })
  void filtersByStatusSeverityAndRule(String query, String expected) throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> response = api.get("/api/alerts" + query);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fingerprints(response))
        .containsExactly(expected.isBlank() ? new String[0] : expected.split(" "));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "?severity=P9   | severity must be one of P1, P2, P3, P4, not 'P9'",
        "?status=maybe  | status must be firing or resolved, not 'maybe'",
      })
  void badParametersAre400JsonErrors(String query, String message) throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> onApi = api.get("/api/alerts" + query);
    HttpResponse<String> onLocal = api.get(AlertRoutes.LOCAL_PATH + query);

    // then
    assertThat(onApi.statusCode()).isEqualTo(400);
    assertThat(body(onApi)).isEqualTo(error(message, 400));
    assertThat(onLocal.statusCode()).isEqualTo(400);
    assertThat(body(onLocal)).isEqualTo(error(message, 400));
  }

  @Test
  void aRebalanceIs503WithRetryAfterNeverAPartialList() throws Exception {
    // given
    start(Optional.empty());
    cluster.set(QueryResult.notReady("streams are REBALANCING, not RUNNING"));

    // when
    HttpResponse<String> response = api.get("/api/alerts");

    // then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(body(response)).isEqualTo(error("streams are REBALANCING, not RUNNING", 503));
  }

  @Test
  void theInternalEndpointAnswersThisInstancesPartWithTheFilter() throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> response = api.get(AlertRoutes.LOCAL_PATH + "?status=firing&rule=x");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fingerprints(response)).containsExactly(DB.fingerprint());
    assertThat(localFilters).containsExactly(AlertFilter.parse("firing", null, "x"));
  }

  @Test
  void ackWritesAnActionAndAnswers202() throws Exception {
    // given
    start(Optional.of("s3cret"));

    // when
    HttpResponse<String> response =
        api.post(
            "/api/alerts/" + API.fingerprint() + "/ack",
            "{\"by\":\"alice\"}",
            "Authorization",
            "Bearer s3cret");

    // then
    assertThat(response.statusCode()).isEqualTo(202);
    AlertAction expected =
        new AlertAction("ack", API.fingerprint(), API.id(), "alice", NOW.toString());
    assertThat(body(response)).isEqualTo(JSON.valueToTree(expected));
    assertThat(published).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                    ",
        "Bearer wrong          ",
        "Bearer s3cret2        ",
        "Basic czNjcmV0        ",
        "s3cret                ",
      })
  void ackWithoutTheRightBearerTokenIs401(String authorization) throws Exception {
    // given
    start(Optional.of("s3cret"));

    // when
    HttpResponse<String> response =
        authorization.isBlank()
            ? api.post("/api/alerts/" + API.fingerprint() + "/ack", "")
            : api.post(
                "/api/alerts/" + API.fingerprint() + "/ack", "", "Authorization", authorization);

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(body(response))
        .isEqualTo(error("a valid Authorization: Bearer token is required", 401));
    assertThat(published).isEmpty();
  }

  @Test
  void withoutAConfiguredTokenAckIsOpenAndByDefaultsToApi() throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> response = api.post("/api/alerts/" + DB.fingerprint() + "/ack", "");

    // then
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(published)
        .containsExactly(new AlertAction("ack", DB.fingerprint(), DB.id(), "api", NOW.toString()));
  }

  @Test
  void ackOfAnUnknownFingerprintIs404() throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> response = api.post("/api/alerts/nope/ack", "");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(body(response)).isEqualTo(error("no alert with fingerprint nope", 404));
    assertThat(published).isEmpty();
  }

  @Test
  void ackOfAResolvedAlertIs409() throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> response = api.post("/api/alerts/" + AUTH.fingerprint() + "/ack", "");

    // then
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(body(response))
        .isEqualTo(
            error("alert " + AUTH.fingerprint() + " is resolved; nothing to acknowledge", 409));
    assertThat(published).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json      | the body must be a JSON object such as {\"by\": \"alice\"}",
        "[1]           | the body must be a JSON object such as {\"by\": \"alice\"}",
        "{\"by\": 7}   | by must be a non-blank string of at most 200 characters",
        "{\"by\": \" \"} | by must be a non-blank string of at most 200 characters",
      })
  void aBadAckBodyIs400(String requestBody, String message) throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> response =
        api.post("/api/alerts/" + API.fingerprint() + "/ack", requestBody);

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response)).isEqualTo(error(message, 400));
    assertThat(published).isEmpty();
  }

  @Test
  void ackWhileNotReadyIs503() throws Exception {
    // given
    start(Optional.empty());
    cluster.set(QueryResult.notReady("instance b:8080: unreachable"));

    // when
    HttpResponse<String> response = api.post("/api/alerts/" + API.fingerprint() + "/ack", "");

    // then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(published).isEmpty();
  }
}
