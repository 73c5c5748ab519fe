package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may call what: with a token, everything but reads needs it; with reads protected too, only
 * {@code /health}, {@code /ready} and {@code /metrics} stay open, whatever routes exist.
 */
class AccessGuardTest {
  private static final String TOKEN = "s3cret-t0ken";
  private static final String CLOSE = "Host: localhost\r\nConnection: close\r\n";
  private HttpServer server;

  private int start(ApiAccess access) {
    Routes api =
        routes -> {
          routes.get("/api/things", ctx -> ctx.json(List.of("a")));
          routes.get("/internal/things/local", ctx -> ctx.json(List.of("a")));
          routes.post("/api/things", ctx -> ctx.status(201).json(List.of("b")));
          routes.get("/metrics", ctx -> ctx.result("# metrics"));
        };
    server =
        HttpServer.start(
            0, access, List.of(new HealthRoutes(() -> KafkaStreams.State.RUNNING), api));
    return server.port();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static int status(int port, String method, String path, String authorization) {
    String auth = authorization.isEmpty() ? "" : "Authorization: " + authorization + "\r\n";
    String body = method.equals("POST") ? "Content-Length: 0\r\n" : "";
    return RawHttp.send(port, method + " " + path + " HTTP/1.1\r\n" + CLOSE + auth + body + "\r\n")
        .status();
  }

  @ParameterizedTest(name = "{0} {1} with [{2}] -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET    | /api/things            |                        | 200",
        "GET    | /internal/things/local |                        | 200",
        "POST   | /api/things            |                        | 401",
        "POST   | /api/things            | Bearer wrong           | 401",
        "POST   | /api/things            | Basic czNjcmV0LXQwa2Vu | 401",
        "POST   | /api/things            | Bearer s3cret-t0ken    | 201",
        "POST   | /api/things            | bearer s3cret-t0ken    | 201",
        "DELETE | /api/unknown           |                        | 401",
        "DELETE | /api/unknown           | Bearer s3cret-t0ken    | 404",
        "PUT    | /health                | Bearer s3cret-t0ken    | 405",
      })
  void writesNeedTheToken(String method, String path, String auth, int expected) {
    int port = start(ApiAccess.writesNeed(Optional.of(TOKEN)));
    assertThat(status(port, method, path, auth == null ? "" : auth)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} with [{2}] -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET  | /health                |                     | 200",
        "GET  | /ready                 |                     | 200",
        "GET  | /metrics               |                     | 200",
        "GET  | /api/things            |                     | 401",
        "HEAD | /api/things            |                     | 401",
        "GET  | /api/things            | Bearer wrong        | 401",
        "GET  | /api/things            | Bearer s3cret-t0ken | 200",
        "GET  | /internal/things/local |                     | 401",
        "GET  | /internal/things/local | Bearer s3cret-t0ken | 200",
        "GET  | /api/later-added       |                     | 401",
        "GET  | /api/later-added       | Bearer s3cret-t0ken | 404",
        "GET  | /health/../api/things  |                     | 401",
        "GET  | //api/things           |                     | 401",
        "GET  | /API/things            |                     | 401",
      })
  void readsNeedTheTokenWhenConfigured(String method, String path, String auth, int expected) {
    int port = start(new ApiAccess(Optional.of(TOKEN), true, List.of()));
    assertThat(status(port, method, path, auth == null ? "" : auth)).isEqualTo(expected);
  }

  @Test
  void theTokenIsNeverShownByToString() {
    assertThat(new ApiAccess(Optional.of(TOKEN), true, List.of()).toString())
        .doesNotContain(TOKEN)
        .contains("token=set");
  }

  @Test
  void readsCannotNeedATokenThatIsNotSet() {
    assertThatThrownBy(() -> new ApiAccess(Optional.of(" "), true, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"ops.example.com", "https://ops.example.com/path", "ftp://ops.example.com", "*"})
  void originsMustBeSchemeHostAndPort(String origin) {
    assertThatThrownBy(() -> new ApiAccess(Optional.empty(), false, List.of(origin)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(origin);
  }
}
