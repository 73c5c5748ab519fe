package io.lightcat.alerts.stream.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.rule.Rule;
import io.lightcat.alerts.rule.RuleFileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every rule test file of the repository's rule packs ({@code ../alert-rules}). */
class AlertRuleTestsTest {
  private static final Path ALERT_RULES = Path.of("..", "alert-rules");

  private final RuleTestRunner runner = new RuleTestRunner();

  @TestFactory
  Stream<DynamicNode> everyRuleTestOfEveryPackPasses() {
    assertThat(ALERT_RULES)
        .as("the rule packs, ../alert-rules relative to the topology module")
        .isDirectory();
    List<Path> files = RuleTestRunner.findTestFiles(ALERT_RULES);
    assertThat(files).as("rule test files under " + ALERT_RULES).isNotEmpty();
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path f : files) {
      nodes.add(DynamicContainer.dynamicContainer(ALERT_RULES.relativize(f).toString(), tests(f)));
    }
    return nodes.stream();
  }

  private Stream<DynamicNode> tests(Path file) {
    RuleTestFile loaded = runner.load(file);
    if (!loaded.ok()) {
      return Stream.of(
          DynamicTest.dynamicTest(
              "loads", () -> assertThat(loaded.problems()).as("problems of " + file).isEmpty()));
    }
    return loaded.cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    file.toUri(),
                    () -> {
                      RuleTestResult r = runner.run(loaded, c);
                      assertThat(r.failures()).as(file + ": " + c.name()).isEmpty();
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleFileOfEveryPackHasATestFile() {
    return Stream.of(
        DynamicTest.dynamicTest(
            "lightcat",
            () -> {
              Path pack = ALERT_RULES.resolve("lightcat");
              try (Stream<Path> rules = Files.list(pack)) {
                for (Path rule : rules.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                  String file = rule.getFileName().toString();
                  RuleFileParser.Result parsed = RuleFileParser.parse(file, Files.readString(rule));
                  assertThat(parsed.problems()).as("problems of " + rule).isEmpty();
                  if (parsed.rules().isEmpty()) {
                    continue; // pack.yaml: the redaction list only, nothing to test
                  }
                  // one rule per file (its anyOf alternatives share it), named after its public id
                  assertThat(parsed.rules())
                      .extracting(Rule::publicId)
                      .as("rules of " + rule)
                      .containsOnly(file.replace(".yaml", ""));
                  String name = file.replace(".yaml", ".test.yaml");
                  assertThat(pack.resolve("tests").resolve(name)).as("test of " + rule).exists();
                }
              }
            }));
  }
}
