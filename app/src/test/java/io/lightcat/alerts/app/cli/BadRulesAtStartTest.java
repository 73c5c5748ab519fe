package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invalid rule files refuse the start of {@code run} and {@code demo} with {@code file:line} errors
 * and a non-zero exit, before anything touches Kafka: the rule set is loaded whole or not at all,
 * so a good file beside a bad one is not half-loaded. (The broker address below is unreachable: had
 * the command got as far as Kafka it would fail differently, after a timeout.)
 */
class BadRulesAtStartTest extends CliHarness {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"run", "demo"})
  void aBadRuleFileBesideAGoodOneRefusesTheStart(String command) throws IOException {
    // given one valid and one invalid rule file
    Files.writeString(
        dir.resolve("good.yaml"),
        """
        - id: good
          source: requests
          window: 1m
          measure: count
          severity: { P3: "> 100" }
        """);
    Files.writeString(
        dir.resolve("bad.yaml"),
        """
        - id: bad
          source: requests
          window: 1m
          measure: { ratio: status >= "500" }
          severity: { P1: "> 5%" }
        - id: worse
          source: nowhere
          window: 1m
          measure: count
          severity: { P1: "> 1" }
        """);
    String[] args =
        command.equals("run")
            ? new String[] {"run", "--bootstrap-servers", "127.0.0.1:1", "--rules", dir.toString()}
            : new String[] {"demo", "--rules", dir.toString(), "--kafka-port", "1"};

    // when
    int exit = execute(args);

    // then the command fails with one line counting the problems and naming the first by
    // file:line (each problem is also logged with its own file:line)
    assertThat(exit).isEqualTo(1);
    assertThat(errLine())
        .contains("2 rule problem(s)")
        .contains(dir.resolve("bad.yaml") + ":7: unknown source 'nowhere'")
        .contains("alert-engine rules validate " + dir)
        .doesNotContain("good.yaml")
        .doesNotContain("Exception");
  }
}
