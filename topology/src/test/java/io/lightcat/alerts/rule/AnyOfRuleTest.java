package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnyOfRuleTest {
  private static final String SERVER_DOWN =
      """
      - id: server-down
        title: Server down
        runbook: playbooks/server-down.md
        labels: { team: ops }
        keepFiringFor: 1m
        severity: { P1: "> 0" }
        anyOf:
          - source: infra
            filter: kind == "health_check"
            groupBy: [target]
            window: 1m
            measure: { ratio: "!ok" }
          - source: infra
            filter: kind == "heartbeat"
            groupBy: [service]
            measure: absent
            severity: { P1: ">= 60" }
            keepFiringFor: 0
            summary: "no heartbeat from {{service}}"
      """;

  @Test
  void variantsBecomeInternalRulesThatInheritTheRest() {
    // when
    RuleLoader.Result r = new RuleLoader().validate(Map.of("f.yaml", SERVER_DOWN));
    // then
    assertThat(r.problems()).isEmpty();
    assertThat(r.rules().all())
        .extracting(CompiledRule::id)
        .containsExactlyInAnyOrder("server-down/0", "server-down/1");
    Rule checks = r.rules().get("server-down/0").orElseThrow().rule();
    Rule beats = r.rules().get("server-down/1").orElseThrow().rule();
    assertThat(checks.publicId()).isEqualTo("server-down");
    assertThat(beats.publicId()).isEqualTo("server-down");
    assertThat(checks.isVariant()).isTrue();
    // inherited from the rule
    assertThat(beats.title()).isEqualTo("Server down");
    assertThat(beats.runbook()).isEqualTo("playbooks/server-down.md");
    assertThat(beats.labels()).containsEntry("team", "ops");
    assertThat(checks.keepFiringFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(checks.levels().get(0).when().threshold()).isEqualTo(0.0);
    // overridden by the variant
    assertThat(beats.keepFiringFor()).isZero();
    assertThat(beats.levels().get(0).when().threshold()).isEqualTo(60.0);
    assertThat(beats.summary()).isEqualTo("no heartbeat from {{service}}");
    assertThat(beats.measure()).isInstanceOf(Measure.Absent.class);
    assertThat(checks.source()).isEqualTo(EventStream.INFRA);
    assertThat(checks.groupBy()).containsExactly("target");
  }

  @Test
  void aPlainRuleKeepsItsIdAsPublicId() {
    CompiledRule r =
        RuleFixtures.compile(
            """
            - id: plain
              source: requests
              window: 1m
              measure: count
              severity: { P1: "> 1" }
            """);
    assertThat(r.id()).isEqualTo("plain");
    assertThat(r.rule().publicId()).isEqualTo("plain");
    assertThat(r.rule().isVariant()).isFalse();
    assertThat(Rule.publicIdOf("server-down/1")).isEqualTo("server-down");
    assertThat(Rule.publicIdOf("plain")).isEqualTo("plain");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          missing measure in a variant    | measure: { ratio: "!ok" } | | f.yaml:8: missing required field 'measure' in rule 'server-down' (anyOf variant 0)
          bad window in a variant         | window: 1m | window: soon | f.yaml:11: window: bad duration 'soon': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m in rule 'server-down' (anyOf variant 0)
          unknown field in a variant      | window: 1m | windw: 1m | f.yaml:11: unknown field 'windw' (did you mean 'window'?) in rule 'server-down'
          rule field in a variant         | window: 1m | window: 1m\\n      runbook: x.md | f.yaml:12: field 'runbook' belongs to the rule, not to an anyOf variant in rule 'server-down'
          bad filter in a variant         | filter: kind == "heartbeat" | filter: knd == "heartbeat" | f.yaml:14: filter: expression 'knd == "heartbeat"' is invalid
          bad groupBy in a variant        | groupBy: [service] | groupBy: [servce] | f.yaml:15: groupBy field 'servce' is not a field of infra events in rule 'server-down' (anyOf variant 1)
          """)
  void problemsPointAtTheVariantsLines(String name, String line, String replaced, String problem) {
    // given
    String yaml =
        SERVER_DOWN.replaceFirst(
            "\n( *)" + java.util.regex.Pattern.quote(line) + "\n",
            replaced == null
                ? "\n"
                : "\n$1"
                    + java.util.regex.Matcher.quoteReplacement(replaced.replace("\\n", "\n"))
                    + "\n");
    assertThat(yaml).isNotEqualTo(SERVER_DOWN);
    // when
    RuleLoader.Result r = new RuleLoader().validate(Map.of("f.yaml", yaml));
    // then
    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0).toString()).startsWith(problem);
  }

  @Test
  void anyOfMustBeANonEmptyListOfMappings() {
    RuleFileParser.Result r =
        RuleFileParser.parse(
            "f.yaml",
            """
            - id: x
              severity: { P1: "> 0" }
              anyOf: []
            - id: y
              severity: { P1: "> 0" }
              anyOf: [ count ]
            """);
    assertThat(r.problems())
        .extracting(RuleProblem::toString)
        .containsExactly(
            "f.yaml:3: anyOf must be a list of variants, e.g. [{ source: infra, ... }] in rule 'x'",
            "f.yaml:6: an anyOf variant must be a mapping (source, filter, measure, ...) in rule 'y'");
    assertThat(r.rules()).isEmpty();
  }

  @Test
  void anotherRuleWithTheSameIdClashesWithTheVariants() {
    RuleLoader.Result r =
        new RuleLoader()
            .validate(
                Map.of(
                    "a.yaml",
                    SERVER_DOWN,
                    "b.yaml",
                    """
                    - id: server-down
                      source: infra
                      window: 1m
                      measure: count
                      severity: { P1: "> 0" }
                    """));
    assertThat(r.problems())
        .extracting(RuleProblem::message)
        .anyMatch(m -> m.startsWith("duplicate rule id 'server-down'"));
  }
}
