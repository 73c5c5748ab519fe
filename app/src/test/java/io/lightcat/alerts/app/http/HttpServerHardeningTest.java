package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server's limits and error answers for hostile or broken requests: every refusal is {@code
 * {"error", "status"}} JSON with the right 4xx, never a 5xx, a stack trace or a CORS header.
 */
class HttpServerHardeningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLOSE = "Host: localhost\r\nConnection: close\r\n";

  private HttpServer server;

  private int start(ApiAccess access) {
    Routes echo =
        routes -> {
          routes.get("/api/echo/{id}", ctx -> ctx.json(List.of(ctx.pathParam("id"))));
          routes.post("/api/echo", ctx -> ctx.result(ctx.body()));
        };
    server =
        HttpServer.start(
            0, access, List.of(new HealthRoutes(() -> KafkaStreams.State.RUNNING), echo));
    return server.port();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode errorBody(RawHttp.Answer answer, int status) throws Exception {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("error").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
    return body;
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    // when
    RawHttp.Answer answer =
        RawHttp.send(start(ApiAccess.open()), "DELETE /health HTTP/1.1\r\n" + CLOSE + "\r\n");

    // then
    assertThat(errorBody(answer, 405).path("error").asText())
        .isEqualTo("method not allowed: DELETE /health");
    assertThat(answer.header("Allow")).isEqualTo("GET");
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    // given
    String body = "x".repeat(HttpServer.MAX_BODY_BYTES + 1);

    // when
    RawHttp.Answer answer =
        RawHttp.send(
            start(ApiAccess.open()),
            "POST /api/echo HTTP/1.1\r\n"
                + CLOSE
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);

    // then
    assertThat(errorBody(answer, 413).path("error").asText()).contains("too large");
  }

  @Test
  void bodyAtTheLimitIsRead() {
    // given
    String body = "x".repeat(HttpServer.MAX_BODY_BYTES);

    // when
    RawHttp.Answer answer =
        RawHttp.send(
            start(ApiAccess.open()),
            "POST /api/echo HTTP/1.1\r\n"
                + CLOSE
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);

    // then
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).hasSize(HttpServer.MAX_BODY_BYTES);
  }

  @Test
  void uriOverTheLimitIs414() throws Exception {
    // when
    RawHttp.Answer answer =
        RawHttp.send(
            start(ApiAccess.open()),
            "GET /api/echo/"
                + "a".repeat(HttpServer.MAX_HEADER_BYTES)
                + " HTTP/1.1\r\n"
                + CLOSE
                + "\r\n");

    // then
    errorBody(answer, 414);
  }

  @Test
  void headersOverTheLimitAre431() throws Exception {
    // when
    RawHttp.Answer answer =
        RawHttp.send(
            start(ApiAccess.open()),
            "GET /health HTTP/1.1\r\n"
                + CLOSE
                + "X-Padding: "
                + "a".repeat(HttpServer.MAX_HEADER_BYTES)
                + "\r\n\r\n");

    // then
    errorBody(answer, 431);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HELLO",
        "GET /api/echo/a%zz HTTP/1.1",
        "GET /api/echo/a%00b HTTP/1.1",
        "GET /api/echo/%c0%ae%c0%ae HTTP/1.1",
        "GET /api/echo/%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
        "GET /api/echo/../../etc/passwd HTTP/1.1",
      })
  void malformedRequestLinesAre4xxJson(String requestLine) throws Exception {
    // when
    RawHttp.Answer answer =
        RawHttp.send(start(ApiAccess.open()), requestLine + "\r\n" + CLOSE + "\r\n");

    // then
    assertThat(answer.status()).isBetween(400, 499);
    errorBody(answer, answer.status());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "text/plain; charset=bogus | 415",
        "text/plain; charset | 400",
        "a; charset== | 400"
      })
  void aCharsetJavaCannotDecodeIsRefused(String contentType, int status) throws Exception {
    // when
    RawHttp.Answer answer =
        RawHttp.send(
            start(ApiAccess.open()),
            "POST /api/echo HTTP/1.1\r\n"
                + CLOSE
                + "Content-Type: "
                + contentType
                + "\r\nContent-Length: 2\r\n\r\nab");

    // then
    errorBody(answer, status);
  }

  @Test
  void noCorsHeadersByDefault() {
    // when
    int port = start(ApiAccess.writesNeed(Optional.of("t0ken")));
    RawHttp.Answer get =
        RawHttp.send(
            port, "GET /health HTTP/1.1\r\n" + CLOSE + "Origin: https://evil.example\r\n\r\n");
    RawHttp.Answer preflight =
        RawHttp.send(
            port,
            "OPTIONS /api/echo HTTP/1.1\r\n"
                + CLOSE
                + "Origin: https://evil.example\r\n"
                + "Access-Control-Request-Method: POST\r\n\r\n");

    // then
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
    assertThat(preflight.status()).isBetween(400, 499);
    assertThat(preflight.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
  }

  @Test
  void anAllowedOriginGetsCorsHeadersAndOthersDoNot() {
    // given
    int port = start(new ApiAccess(Optional.empty(), false, List.of("https://ops.example.com")));

    // when
    RawHttp.Answer allowed =
        RawHttp.send(
            port, "GET /health HTTP/1.1\r\n" + CLOSE + "Origin: https://ops.example.com\r\n\r\n");
    RawHttp.Answer other =
        RawHttp.send(
            port, "GET /health HTTP/1.1\r\n" + CLOSE + "Origin: https://evil.example\r\n\r\n");

    // then
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://ops.example.com");
    assertThat(other.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
  }

  @Test
  void answersDoNotNameTheServerSoftware() {
    // when
    RawHttp.Answer answer =
        RawHttp.send(start(ApiAccess.open()), "GET /nope HTTP/1.1\r\n" + CLOSE + "\r\n");

    // then
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.header("Server")).isNull();
  }
}
