package io.lightcat.alerts.app.http;

import static io.lightcat.alerts.app.http.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.notify.silence.Silence;
import io.lightcat.alerts.notify.silence.Silences;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SilenceRoutesTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  /** What the API publishes, kept as the notifier would read it. */
  private final Silences published = new Silences();

  private HttpServer server;
  private ApiClient api;

  private void start(Optional<String> token) {
    AlertSilences silences =
        new AlertSilences() {
          @Override
          public void publish(Silence silence) {
            published.put(silence);
          }

          @Override
          public List<Silence> all() {
            return published.all();
          }
        };
    server =
        HttpServer.start(
            0,
            List.of(
                new SilenceRoutes(
                    silences, BearerAuth.of(token), Clock.fixed(NOW, ZoneOffset.UTC))));
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void createsASilenceThatListsAsActive() throws Exception {
    // given
    start(Optional.of("t0ken"));

    // when
    HttpResponse<String> created =
        api.post(
            "/api/silences",
            """
            {"matchers": ["service=\\"api\\"", "severity=~P1|P2"], "duration": "2h",
             "createdBy": "alice", "comment": "deploy"}
            """,
            "Authorization",
            "Bearer t0ken");

    // then
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode s = body(created);
    assertThat(s.path("endsAt").asText()).isEqualTo("2026-11-28T14:00:00Z");
    assertThat(s.path("status").asText()).isEqualTo("active");
    assertThat(published.all())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.createdBy()).isEqualTo("alice");
              assertThat(p.matchers()).hasToString("[service=\"api\", severity=~\"P1|P2\"]");
            });
    JsonNode list = body(api.get("/api/silences"));
    assertThat(list.path("silences")).hasSize(1);
    assertThat(list.path("silences").get(0).path("id").asText()).isEqualTo(s.path("id").asText());
  }

  @Test
  void postingTheSameIdAgainEndsItEarly() throws Exception {
    // given
    start(Optional.empty());
    api.post("/api/silences", "{\"id\": \"m1\", \"matchers\": [\"a=b\"], \"duration\": \"1d\"}");

    // when
    HttpResponse<String> ended =
        api.post(
            "/api/silences",
            "{\"id\": \"m1\", \"matchers\": [\"a=b\"], \"startsAt\": \"2026-11-28T11:00:00Z\","
                + " \"endsAt\": \"2026-11-28T12:00:00Z\"}");

    // then
    assertThat(ended.statusCode()).isEqualTo(201);
    assertThat(body(api.get("/api/silences")).path("silences").get(0).path("status").asText())
        .isEqualTo("expired");
  }

  @Test
  void writingWithoutTheTokenIs401() throws Exception {
    start(Optional.of("t0ken"));
    HttpResponse<String> r =
        api.post("/api/silences", "{\"matchers\": [\"a=b\"], \"duration\": \"1h\"}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(published.all()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json         | nope                                             | the body must be a JSON object",
        "no matchers      | {\"duration\": \"1h\"}                           | matchers must be a non-empty list",
        "bad matcher      | {\"matchers\": [\"a~b\"], \"duration\": \"1h\"}  | bad matcher 'a~b'",
        "no end           | {\"matchers\": [\"a=b\"]}                        | endsAt or duration is required",
        "bad duration     | {\"matchers\": [\"a=b\"], \"duration\": \"soon\"} | duration must be like 30m, 2h or 1d",
        "end before start | {\"matchers\": [\"a=b\"], \"endsAt\": \"2026-11-28T11:00:00Z\"} | endsAt must be after startsAt",
        "bad id           | {\"id\": \"../x\", \"matchers\": [\"a=b\"], \"duration\": \"1h\"} | id must be 1-64",
      })
  void badBodiesAre400WithAReason(String what, String json, String reason) throws Exception {
    // given
    start(Optional.empty());

    // when
    HttpResponse<String> r = api.post("/api/silences", json);

    // then
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = body(r);
    assertThat(error.path("status").asInt()).isEqualTo(400);
    assertThat(error.path("error").asText()).startsWith(reason);
    assertThat(published.all()).isEmpty();
  }
}
