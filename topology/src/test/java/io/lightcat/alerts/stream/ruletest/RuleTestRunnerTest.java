package io.lightcat.alerts.stream.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleTestRunnerTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources", "ruletest");
  private static final Path PACK = RESOURCES.resolve("pack");
  private static final String RULE =
      """
      - id: errors
        source: requests
        groupBy: [service]
        window: 1m
        measure: { ratio: status >= 500 }
        severity: { P1: "> 0.5" }
      """;

  private final RuleTestRunner runner = new RuleTestRunner();

  @TempDir Path dir;

  @Test
  void aPassingFileReportsEveryTestAsPassed() {
    // given a test file without rules:, in the tests folder of a pack
    Path file = PACK.resolve("tests").resolve("passing.test.yaml");

    // when
    RuleTestReport report = runner.run(file);

    // then both tests ran against the pack's rule and passed
    assertThat(report.errors()).isEmpty();
    assertThat(report.passed()).isEqualTo(2);
    assertThat(report.failed()).isZero();
    assertThat(report.ok()).isTrue();
    assertThat(report.lines())
        .containsExactly(
            "PASS " + file + ": all failing fires P1",
            "PASS " + file + ": all good stays silent",
            "2 passed, 0 failed");
  }

  @Test
  void aFailingFileNamesTheMissingAndTheUnexpectedAlerts() {
    Path file = PACK.resolve("tests").resolve("failing.yaml");

    RuleTestReport report = runner.run(file);

    assertThat(report.errors()).isEmpty();
    assertThat(report.passed()).isZero();
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.ok()).isFalse();
    assertThat(report.lines())
        .containsExactly(
            "FAIL " + file + ": expects the wrong severity",
            "  at 1m (line 10): missing firing alert"
                + " {rule=errors, severity=P3, labels={service=api}}",
            "  at 1m (line 10): unexpected firing alert"
                + " {rule=errors, severity=P1, labels={service=api}}"
                + " (value 1, summary \"100.00% of api requests failed\")",
            "FAIL " + file + ": expects silence while it fires",
            "  at 1m (line 23): unexpected firing alert"
                + " {rule=errors, severity=P1, labels={service=web}}"
                + " (value 1, summary \"100.00% of web requests failed\")",
            "0 passed, 2 failed");
  }

  @Test
  void aFolderRunsTheFilesOfItsTestsFoldersOnly() {
    RuleTestReport report = runner.run(PACK);

    // errors.yaml is a rule file, not a test; failing.yaml and passing.test.yaml are tests
    assertThat(report.errors()).isEmpty();
    assertThat(report.results()).extracting(RuleTestResult::name).hasSize(4);
    assertThat(report.passed()).isEqualTo(2);
    assertThat(report.failed()).isEqualTo(2);
  }

  @Test
  void theBrokenExampleReportsEveryMistakeWithItsLine() {
    Path file = RESOURCES.resolve("broken").resolve("tests").resolve("broken.test.yaml");

    RuleTestReport report = runner.run(file);

    assertThat(report.results()).isEmpty();
    assertThat(report.ok()).isFalse();
    assertThat(report.errors())
        .extracting(Object::toString)
        .containsExactly(
            file + ":2: start: 'yesterday' is not an ISO-8601 time, e.g. 2026-11-28T12:00:00Z",
            file + ":5: unknown field 'inputs' in a test (expected expect, input, name)",
            file + ":7: unknown stream 'request' (expected requests, payments, game, infra)",
            file
                + ":11: at: bad duration '5 minutes': use a number and a unit (ms, s, m, h, d,"
                + " w), e.g. 5m or 1h30m",
            file
                + ":12: invalid requests event: field 'status' must be an integer from 100 to 599"
                + " (got 700)",
            file + ":17: severity 'P9' is not one of P1, P2, P3, P4");
    assertThat(report.lines()).last().isEqualTo("0 passed, 0 failed, 6 error(s)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bad YAML          | 'tests: [ { name: x'                                                    | 1 | not valid YAML: expected ',' or '}'
          not a mapping     | '- a'                                                                  | 1 | a rule test file is a mapping with tests:
          no tests          | 'start: 2026-11-28T12:00:00Z'                                          | 1 | missing required field 'tests'
          unknown top field | 'test: []'                                                             | 1 | unknown field 'test' (expected rules, start, tests)
          ts in the event   | 'tests: [ { input: [ { stream: requests, at: 0s, event: { ts: 1, service: a, route: /, status: 200, latencyMs: 1 } } ], expect: [] } ]' | 1 | event must not set 'ts'
          missing field     | 'tests: [ { input: [ { stream: infra, at: 0s, event: { kind: host } } ], expect: [] } ]' | 1 | invalid infra event: missing required field 'host' in a infra 'host' event
          every, no count   | 'tests: [ { input: [ { stream: requests, at: 0s, every: 1s, event: { service: a, route: /, status: 200, latencyMs: 1 } } ], expect: [] } ]' | 1 | every repeats an event: give count or until as well
          no alerts         | 'tests: [ { expect: [ { at: 1m } ] } ]'                                 | 1 | missing required field 'alerts' in an expectation (use alerts: [] for silence)
          duplicate field   | 'tests: [ { name: a, name: b, expect: [] } ]'                           | 1 | duplicate field 'name' in a test
          missing rule file | 'rules: [../nope.yaml]\ntests: [ { expect: [] } ]'                       | 1 | rule file ../nope.yaml not found
          """)
  void malformedFilesAreReportedAsFileLineMessage(
      String what, String content, int line, String message) throws IOException {
    Files.createDirectories(dir.resolve("tests"));
    Files.writeString(dir.resolve("errors.yaml"), RULE);
    Path file = dir.resolve("tests").resolve("x.test.yaml");
    Files.writeString(file, content.replace("\\n", "\n"));

    RuleTestReport report = runner.run(file);

    assertThat(report.results()).isEmpty();
    assertThat(report.errors())
        .extracting(Object::toString)
        .anySatisfy(e -> assertThat(e).startsWith(file + ":" + line + ": " + message));
  }

  @Test
  void ruleFilesThatFailToLoadAreReportedWithTheirOwnFileAndLine() throws IOException {
    Files.createDirectories(dir.resolve("tests"));
    Path rules = dir.resolve("bad.yaml");
    Files.writeString(
        rules,
        "- id: bad\n  source: requests\n  window: 1m\n  measure: count\n  severty: {P1: \"> 1\"}\n");
    Path file = dir.resolve("tests").resolve("x.test.yaml");
    Files.writeString(file, "tests: [ { expect: [ { at: 1m, alerts: [] } ] } ]\n");

    RuleTestReport report = runner.run(file);

    assertThat(report.results()).isEmpty();
    assertThat(report.errors())
        .extracting(Object::toString)
        .contains(rules + ":5: unknown field 'severty' (did you mean 'severity'?)");
  }

  @Test
  void aFolderWithoutTestFilesIsAnError() throws IOException {
    Files.writeString(dir.resolve("errors.yaml"), RULE);

    RuleTestReport report = runner.run(dir);

    assertThat(report.ok()).isFalse();
    assertThat(report.errors())
        .extracting(Object::toString)
        .containsExactly(dir + ":0: no rule test files (*.yaml in a folder named tests)");
  }

  @Test
  void aTestFileOutsideATestsFolderMustNameItsRules() throws IOException {
    Path file = dir.resolve("x.test.yaml");
    Files.writeString(file, "tests: [ { expect: [ { at: 1m, alerts: [] } ] } ]\n");

    RuleTestReport report = runner.run(file);

    assertThat(report.errors())
        .extracting(Object::toString)
        .singleElement()
        .asString()
        .startsWith(file + ":1: no rules: given and the file is not in a tests folder");
  }
}
