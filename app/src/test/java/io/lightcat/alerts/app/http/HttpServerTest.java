package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.StartupException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  private static final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.REBALANCING);
  private HttpServer server;

  @BeforeEach
  void start() {
    Routes failing =
        routes ->
            routes.get(
                "/boom",
                ctx -> {
                  throw new IllegalStateException("secret detail");
                });
    server = HttpServer.start(0, List.of(new HealthRoutes(state::get), failing));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return json.readTree(response.body());
  }

  @Test
  void healthIsUpWhateverTheStreamsState() throws Exception {
    // when
    HttpResponse<String> response = get("/health");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response)).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
  }

  @Test
  void readyIs503UntilStreamsRuns() throws Exception {
    // given
    state.set(KafkaStreams.State.REBALANCING);

    // when
    HttpResponse<String> response = get("/ready");

    // then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(body(response))
        .isEqualTo(
            json.readTree("{\"error\":\"streams not running: REBALANCING\",\"status\":503}"));
  }

  @Test
  void readyIs200WhenStreamsRuns() throws Exception {
    // given
    state.set(KafkaStreams.State.RUNNING);

    // when
    HttpResponse<String> response = get("/ready");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response))
        .isEqualTo(json.readTree("{\"status\":\"READY\",\"streams\":\"RUNNING\"}"));
  }

  @Test
  void unknownPathIsA404JsonError() throws Exception {
    // when
    HttpResponse<String> response = get("/no/such/thing");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(body(response))
        .isEqualTo(json.readTree("{\"error\":\"not found: GET /no/such/thing\",\"status\":404}"));
  }

  @Test
  void aPortInUseIsAStartupFailureNamingThePort() {
    assertThatThrownBy(() -> HttpServer.start(server.port(), List.of()))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("cannot serve HTTP on port " + server.port() + ": ");
  }

  @Test
  void failingRouteIsA500JsonErrorWithoutDetails() throws Exception {
    // when
    HttpResponse<String> response = get("/boom");

    // then
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(body(response))
        .isEqualTo(json.readTree("{\"error\":\"internal error\",\"status\":500}"));
  }
}
