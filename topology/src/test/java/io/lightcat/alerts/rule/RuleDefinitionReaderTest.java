package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleDefinitionReaderTest {
  private static final Path PACK = Path.of("../alert-rules/lightcat");
  private final RuleDefinitionReader reader = new RuleDefinitionReader();

  @Test
  void splitsThePackIntoOneTextPerRuleWithTheVersionsTheFilesHave() {
    // given the pack as the engine has always loaded it
    RuleSet loaded = new RuleLoader().load(PACK);

    // when it is read as definitions
    RuleDefinitionReader.Result read = reader.load(PACK);

    // then every rule is one definition whose text alone compiles to the same versions
    assertThat(read.problems()).isEmpty();
    assertThat(read.pack().ruleSet().all())
        .extracting(CompiledRule::version)
        .containsExactlyInAnyOrderElementsOf(
            loaded.all().stream().map(CompiledRule::version).toList());
    assertThat(read.redact()).isEqualTo(loaded.redact());
    for (RuleDefinition d : read.definitions()) {
      RuleDefinitionReader.Outcome again = reader.readOne("topic", d.text());
      assertThat(again.problems()).isEmpty();
      assertThat(again.definition().orElseThrow().version()).isEqualTo(d.version());
    }
    Map<String, Integer> variants =
        read.definitions().stream()
            .collect(Collectors.toMap(RuleDefinition::id, d -> d.variants().size()));
    assertThat(variants).containsEntry("server-down", 2).containsEntry("high-error-rate", 1);
  }

  @Test
  void aRuleFileSplitsIntoItsRulesKeepingQuotedValuesAsWritten() {
    RuleDefinitionReader.Result read =
        reader.read(
            Map.of(
                "two.yaml",
                """
                - id: a
                  title: "yes"
                  source: requests
                  window: 1m
                  measure: count
                  severity: { P3: "> 10" }
                - id: b
                  source: infra
                  groupBy: [host]
                  window: 5m
                  measure: { avg: cpuPct }
                  severity:
                    P2: { when: "> 80", recover: "< 70" }
                """));
    assertThat(read.problems()).isEmpty();
    assertThat(read.definitions()).extracting(RuleDefinition::id).containsExactly("a", "b");
    RuleDefinition a = read.definitions().get(0);
    assertThat(a.text()).startsWith("id: a\n").contains("title: \"yes\"");
    assertThat(a.variants().get(0).rule().title()).isEqualTo("yes");
    assertThat(read.definitions().get(1).text()).contains("groupBy: [host]");
  }

  @Test
  void oneRuleAsJsonIsADefinitionAsWritten() {
    String json =
        """
        {"id": "c", "source": "requests", "window": "1m", "measure": "count",
         "severity": {"P4": "> 1"}}""";
    RuleDefinitionReader.Result read = reader.read(Map.of("body", json));
    assertThat(read.problems()).isEmpty();
    assertThat(read.definitions())
        .singleElement()
        .satisfies(d -> assertThat(d.text()).isEqualTo(json));
  }

  @Test
  void problemsAreReportedWithTheirLineAndNothingIsRead() {
    RuleDefinitionReader.Result read =
        reader.read(
            Map.of(
                "body",
                """
                id: c
                source: requests
                windw: 1m
                measure: count
                severity: { P4: "> 1" }
                """));
    assertThat(read.definitions()).isEmpty();
    assertThat(read.problems())
        .extracting(RuleProblem::toString)
        .anyMatch(p -> p.startsWith("body:3: unknown field 'windw'"));
  }

  @Test
  void oneIdTwiceIsAProblem() {
    String rule =
        """
        id: c
        source: requests
        window: 1m
        measure: count
        severity: { P4: "> 1" }
        """;
    RuleDefinitionReader.Result read =
        reader.read(Map.of("x", rule, "y", "- " + rule.replace("\n", "\n  ")));
    assertThat(read.problems())
        .extracting(RuleProblem::message)
        .anyMatch(m -> m.contains("duplicate rule id 'c'"));
  }
}
