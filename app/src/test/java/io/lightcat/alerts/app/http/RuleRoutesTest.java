package io.lightcat.alerts.app.http;

import static io.lightcat.alerts.app.http.ApiClient.JSON;
import static io.lightcat.alerts.app.http.ApiClient.body;
import static io.lightcat.alerts.app.http.ApiClient.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleSet;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleRoutesTest {
  private static final String RULES =
      """
      - id: high-error-rate
        title: High API error rate
        source: requests
        filter: service.startsWith("api")
        groupBy: [service]
        window: 5m
        measure: { ratio: status >= 500 }
        minEvents: 10
        severity: { P1: "> 0.05", P3: "> 0.001" }
        for: 1m
        runbook: playbooks/high-load.md
      - id: slow-payments
        title: Slow payments
        source: payments
        window: 10m
        measure: { avg: durationMs }
        severity: { P2: ">= 2000" }
      """;

  private RuleBook rules;
  private HttpServer server;
  private ApiClient api;

  private static RuleSet load(String yaml) {
    RuleLoader.Result loaded = new RuleLoader().validate(Map.of("test.yaml", yaml));
    assertThat(loaded.problems()).isEmpty();
    return loaded.rules();
  }

  @BeforeEach
  void start() {
    rules = new RuleBook(load(RULES));
    server = HttpServer.start(0, List.of(new RuleRoutes(rules)));
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsEveryActiveRule() throws Exception {
    // when
    HttpResponse<String> response = api.get("/api/rules");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> ids = body(response).get("rules").findValuesAsText("id");
    assertThat(ids).containsExactlyInAnyOrder("high-error-rate", "slow-payments");
  }

  @Test
  void oneRuleShowsItsDefinitionSeveritiesRunbookAndVersion() throws Exception {
    // when
    HttpResponse<String> response = api.get("/api/rules/high-error-rate");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rule = body(response);
    assertThat(rule.get("id").asText()).isEqualTo("high-error-rate");
    assertThat(rule.get("title").asText()).isEqualTo("High API error rate");
    assertThat(rule.get("source").asText()).isEqualTo("requests");
    assertThat(rule.get("window").asText()).isEqualTo("PT5M");
    assertThat(rule.get("for").asText()).isEqualTo("PT1M");
    assertThat(rule.get("measure").asText()).contains("status >= 500");
    assertThat(rule.get("groupBy")).isEqualTo(JSON.readTree("[\"service\"]"));
    assertThat(rule.get("runbook").asText()).isEqualTo("playbooks/high-load.md");
    assertThat(rule.get("version").asText())
        .isEqualTo(rules.current().get("high-error-rate").orElseThrow().version());
    assertThat(rule.get("severities").findValuesAsText("severity")).containsExactly("P1", "P3");
    assertThat(rule.get("severities").findValuesAsText("when"))
        .containsExactly("> 0.05", "> 0.001");
    assertThat(rule.get("alternatives")).isEmpty();
  }

  @Test
  void aRuleChangeShowsAtOnce() throws Exception {
    // when the rule set is replaced
    rules.replace(RuleSet.empty());

    // then
    assertThat(body(api.get("/api/rules")).get("rules")).isEmpty();
    assertThat(api.get("/api/rules/high-error-rate").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownRuleIs404Json() throws Exception {
    // when
    HttpResponse<String> response = api.get("/api/rules/no-such-rule");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(body(response)).isEqualTo(error("no rule with id no-such-rule", 404));
  }
}
