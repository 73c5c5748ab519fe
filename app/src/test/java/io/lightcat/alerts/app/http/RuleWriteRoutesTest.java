package io.lightcat.alerts.app.http;

import static io.lightcat.alerts.app.http.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.rule.LiveRules;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleDefinition;
import io.lightcat.alerts.rule.RuleSet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST} and {@code DELETE /api/rules} over a one-instance rule log: every write goes through
 * {@link LiveRules}, as a record of the rules topic would (the topic itself is covered by {@code
 * LiveRulesIT}).
 */
class RuleWriteRoutesTest {
  private static final String TOKEN = "secret-token";
  private static final String RULE =
      """
      id: errors
      source: requests
      window: 1m
      measure: { ratio: status >= 500 }
      severity: { P2: "> 0.5" }
      """;

  private final RuleBook book = new RuleBook(RuleSet.empty());
  private final LiveRules live = new LiveRules(book, Set.of());
  private final List<String> log = new ArrayList<>();
  private HttpServer server;
  private ApiClient api;

  /** Writes applied in order to {@link #live}, like the rules topic's single partition. */
  private final RuleWrites writes =
      new RuleWrites() {
        @Override
        public List<Result> apply(List<RuleDefinition> definitions) {
          List<Result> out = new ArrayList<>();
          for (RuleDefinition d : definitions) {
            LiveRules.Change c = live.apply(d.id(), d.text(), "log@" + log.size());
            log.add(d.id());
            String change =
                switch (c.kind()) {
                  case ADDED -> "created";
                  case CHANGED -> "updated";
                  default -> "unchanged";
                };
            out.add(new Result(d.id(), change, c.version(), true));
          }
          return out;
        }

        @Override
        public Optional<Result> delete(String id) {
          if (live.get(id).isEmpty()) {
            return Optional.empty();
          }
          live.apply(id, null, "log@" + log.size());
          log.add(id);
          return Optional.of(new Result(id, "deleted", null, true));
        }
      };

  @BeforeEach
  void start() {
    server =
        HttpServer.start(
            0, List.of(new RuleRoutes(book, writes, BearerAuth.of(Optional.of(TOKEN)))));
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return api.post("/api/rules", body, "Authorization", "Bearer " + TOKEN);
  }

  @Test
  void aValidRuleIsPublishedAndListed() throws Exception {
    HttpResponse<String> created = post(RULE);

    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode result = body(created).get("rules").get(0);
    assertThat(result.get("id").asText()).isEqualTo("errors");
    assertThat(result.get("change").asText()).isEqualTo("created");
    assertThat(result.get("applied").asBoolean()).isTrue();
    assertThat(body(api.get("/api/rules/errors")).get("version").asText())
        .isEqualTo(result.get("version").asText());
    assertThat(body(post(RULE)).get("rules").get(0).get("change").asText()).isEqualTo("unchanged");
  }

  @Test
  void jsonAndRuleFileListsAreAccepted() throws Exception {
    String json =
        """
        {"id": "json-rule", "source": "infra", "window": "5m", "measure": {"avg": "cpuPct"},
         "severity": {"P3": "> 90"}}""";
    assertThat(post(json).statusCode()).isEqualTo(200);
    String list =
        "- "
            + RULE.replace("\n", "\n  ")
            + "\n- "
            + RULE.replace("errors", "more").replace("\n", "\n  ");
    assertThat(body(post(list)).get("rules").findValuesAsText("id"))
        .containsExactly("errors", "more");
    assertThat(body(api.get("/api/rules")).get("rules").findValuesAsText("id"))
        .containsExactlyInAnyOrder("json-rule", "errors", "more");
  }

  @Test
  void invalidRulesAre400WithEveryProblemAndLine() throws Exception {
    HttpResponse<String> response =
        post(RULE.replace("window", "windw").replace("requests", "nowhere"));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = body(response);
    assertThat(error.get("status").asInt()).isEqualTo(400);
    List<String> problems = new ArrayList<>();
    error.get("problems").forEach(p -> problems.add(p.asText()));
    assertThat(problems)
        .anyMatch(p -> p.startsWith("body:2: unknown source 'nowhere'"))
        .anyMatch(p -> p.startsWith("body:3: unknown field 'windw'"));
    assertThat(error.get("error").asText()).contains("body:3: unknown field 'windw'");
    assertThat(log).isEmpty();
  }

  @Test
  void badBodiesAre400AndNothingIsWritten() throws Exception {
    assertThat(post("").statusCode()).isEqualTo(400);
    assertThat(post("[]").statusCode()).isEqualTo(400);
    assertThat(post("{ not yaml").statusCode()).isEqualTo(400);
    assertThat(post("redact: [clientIp]\nrules:\n  - " + RULE.replace("\n", "\n    ")).statusCode())
        .isEqualTo(400);
    assertThat(log).isEmpty();
  }

  @Test
  void writesNeedTheBearerToken() throws Exception {
    assertThat(api.post("/api/rules", RULE).statusCode()).isEqualTo(401);
    assertThat(api.post("/api/rules", RULE, "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(delete("errors", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(log).isEmpty();
  }

  @Test
  void deleteRemovesTheRuleAndAnUnknownOneIs404() throws Exception {
    post(RULE);

    assertThat(delete("no-such-rule", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    HttpResponse<String> deleted = delete("errors", "Bearer " + TOKEN);

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(body(deleted).get("rules").get(0).get("change").asText()).isEqualTo("deleted");
    assertThat(api.get("/api/rules/errors").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> delete(String id, String authorization) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + server.port() + "/api/rules/" + id))
                .DELETE()
                .header("Authorization", authorization)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
