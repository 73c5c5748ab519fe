package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotifyCommandTest extends CliHarness {
  private static final String ROUTES =
      """
      receivers:
        - name: stdout
          console: {}
        - name: pager
          console: {}
        - name: ops-slack
          console: {}
        - name: payments
          console: {}
      route:
        receiver: stdout
        routes:
          - matchers: ['severity="P1"']
            receiver: pager
            continue: true
          - matchers: ['severity=~"P1|P2"', 'service!="batch"']
            receiver: ops-slack
          - matchers: ['rule=~"payment-.*"']
            receiver: payments
      """;

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @ParameterizedTest
  @CsvSource({"notify, alert-engine notify", "notify test-route, alert-engine notify test-route"})
  void helpPrintsUsageAndExitsZero(String command, String usage) {
    // when
    int exit = execute((command + " --help").split(" "));

    // then
    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("Usage: " + usage).contains("--config");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void notifyHelpListsItsOptionsAndTestRoute() {
    // when
    execute("notify", "--help");

    // then
    assertThat(out.toString())
        .contains("--bootstrap-servers", "--kafka-config", "--topic-prefix", "--group-id")
        .contains("test-route");
  }

  @Test
  void missingBootstrapServersIsAUsageError() throws IOException {
    // given
    assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null, "env var set on this machine");
    Path config = file("n.yml", ROUTES);

    // when
    int exit = execute("notify", "--config", config.toString());

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine notify: missing required option --bootstrap-servers"
                + " (or KAFKA_BOOTSTRAP_SERVERS)");
  }

  @Test
  void missingConfigIsAUsageError() {
    // when
    int exit = execute("notify", "--bootstrap-servers", "localhost:1");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine()).isEqualTo("alert-engine notify: missing required option --config");
  }

  @Test
  void aMetricsPortOutOfRangeIsAUsageError() throws IOException {
    // given
    Path config = file("ok.yml", ROUTES);
    // when
    int exit =
        execute(
            "notify",
            "--bootstrap-servers",
            "localhost:1",
            "--config",
            config.toString(),
            "--metrics-port",
            "70000");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine notify: invalid value for --metrics-port: 70000 (must be 1-65535)");
  }

  @Test
  void badConfigFailsWithOneLineNamingFileAndLine() throws IOException {
    // given: line 3 misspells a key
    Path config =
        file(
            "bad.yml",
            """
            receivers:
              - {name: stdout, console: {}}
            route: {receiver: stdout, recevier: other}
            """);

    // when
    int exit =
        execute("notify", "--bootstrap-servers", "localhost:1", "--config", config.toString());

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(errLine()).startsWith("alert-engine notify: " + config + ":3: route.recevier: ");
  }

  @Test
  void missingSecretFailsWithOneLineNamingReceiverNotValue() throws IOException {
    // given
    Path config =
        file(
            "secret.yml",
            """
            receivers:
              - name: hook
                webhook: {url: "${env:NOTIFY_TEST_SURELY_UNSET_VAR}"}
            route:
              receiver: hook
            """);

    // when
    int exit =
        execute("notify", "--bootstrap-servers", "localhost:1", "--config", config.toString());

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine notify: "
                + config
                + ": receiver hook.webhook.url: environment variable"
                + " NOTIFY_TEST_SURELY_UNSET_VAR is not set");
  }

  @Test
  void missingConfigFileFailsWithOneLine() {
    // given
    Path missing = dir.resolve("nope.yml");

    // when
    int exit = execute("notify", "test-route", "--config", missing.toString(), "--labels", "a=b");

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(errLine())
        .isEqualTo("alert-engine notify test-route: --config " + missing + ": no such file");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "severity=P1,rule=api-error-rate,service=api | pager,ops-slack",
        "severity=P1,service=batch                   | pager",
        "severity=P2,service=api                     | ops-slack",
        "severity=P3,rule=payment-failures           | payments",
        "severity=P4,rule=disk-full                  | stdout",
        "severity=P3,alertname=payment-x             | payments"
      })
  void testRoutePrintsTheReceiversInRoutingOrder(String labels, String receivers)
      throws IOException {
    // given
    Path config = file("routes.yml", ROUTES);

    // when
    int exit = execute("notify", "test-route", "--config", config.toString(), "--labels", labels);

    // then
    assertThat(exit).isZero();
    assertThat(out.toString().strip()).isEqualTo(receivers);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void testRouteRejectsALabelWithoutValue() throws IOException {
    // given
    Path config = file("routes.yml", ROUTES);

    // when
    int exit =
        execute("notify", "test-route", "--config", config.toString(), "--labels", "severity");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine notify test-route: invalid value for --labels: 'severity'"
                + " (use name=value)");
  }
}
