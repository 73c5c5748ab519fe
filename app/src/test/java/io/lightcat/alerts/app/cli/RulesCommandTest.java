package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest extends CliHarness {
  private static final Path PACK = Path.of("..", "alert-rules", "lightcat");
  private static final String RULE =
      """
      - id: errors
        source: requests
        groupBy: [service]
        window: 1m
        measure: { ratio: status >= 500 }
        severity: { P1: "> 0.5" }
      """;

  @Test
  void validateAcceptsTheBundledPack() {
    // when
    int exit = execute("rules", "validate", PACK.toString());

    // then
    assertThat(exit).isZero();
    assertThat(out.toString()).matches("(?s).*: \\d+ rules valid\\s*");
  }

  @Test
  void validatePrintsEveryProblemAsFileLineMessage(@TempDir Path dir) throws IOException {
    // given two files with problems of parsing and of type checking
    Files.writeString(
        dir.resolve("a.yaml"),
        """
        - id: one
          source: requests
          windw: 5m
          measure: count
          severity: { P1: "> 1" }
        """);
    Files.writeString(
        dir.resolve("b.yaml"),
        """
        - id: two
          source: requests
          window: 5m
          measure: count
          severity: { P5: "> 1" }
        - id: three
          source: requests
          window: 5m
          measure: { ratio: status > "500" }
          severity: { P1: "> 1" }
        """);

    // when
    int exit = execute("rules", "validate", dir.toString());

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(out.toString())
        .contains(dir.resolve("a.yaml") + ":3: unknown field 'windw' (did you mean 'window'?)")
        .contains(dir.resolve("b.yaml") + ":5: severity 'P5' is not one of P1, P2, P3, P4")
        .contains(dir.resolve("b.yaml") + ":9: measure: expression 'status > \"500\"' is invalid");
  }

  @Test
  void testRunsThePackTestsAndPasses() {
    // when
    int exit = execute("rules", "test", PACK.toString());

    // then
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("PASS").matches("(?s).*\\d+ passed, 0 failed\\s*");
  }

  @Test
  void testFailsWithADiffWhenAnExpectationIsNotMet(@TempDir Path dir) throws IOException {
    // given a rule and a test that expects P1 where only P1-free traffic flows
    Files.writeString(dir.resolve("errors.yaml"), RULE);
    Files.createDirectories(dir.resolve("tests"));
    Files.writeString(
        dir.resolve("tests/errors.test.yaml"),
        """
        tests:
          - name: expects an alert that never fires
            input:
              - stream: requests
                at: 0s
                every: 1s
                count: 10
                event: { service: api, route: /x, status: 200, latencyMs: 5 }
            expect:
              - at: 30s
                alerts:
                  - rule: errors
                    severity: P1
                    labels: { service: api }
        """);

    // when
    int exit = execute("rules", "test", dir.toString());

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAIL")
        .contains("missing firing alert {rule=errors, severity=P1, labels={service=api}}")
        .contains("0 passed, 1 failed");
  }
}
