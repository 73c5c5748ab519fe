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

  private static final String GROUPED =
      """
      receivers:
        - {name: stdout, console: {}}
        - {name: ops-slack, console: {}}
      time_intervals:
        - name: weeknights
          time_intervals:
            - weekdays: ['monday:friday']
              times: [{start_time: '22:00', end_time: '24:00'}]
              location: Europe/Berlin
      route:
        receiver: stdout
        group_by: [alertname, service]
        routes:
          - matchers: ['severity=~"P2|P3"']
            receiver: ops-slack
            group_wait: 1m
            repeat_interval: 4h
            mute_time_intervals: [weeknights]
      silences:
        - id: batch-maintenance
          matchers: ['service="batch"']
          starts_at: 2026-12-01T20:00:00Z
          ends_at: 2026-12-02T02:00:00Z
      batching:
        timezone: Europe/Berlin
      """;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Tuesday 2026-12-01 22:30 Berlin: muted, and the batch service silenced
        "severity=P2,rule=api-error-rate,service=batch | 2026-12-01T21:30:00Z | ops-slack: group_by=[alertname, service] group={alertname=api-error-rate, service=batch} group_wait=1m group_interval=5m repeat_interval=4h; muted by weeknights; silenced by batch-maintenance until 2026-12-02T02:00:00Z",
        // Tuesday noon: nothing holds it
        "severity=P2,rule=api-error-rate,service=api   | 2026-12-01T11:00:00Z | ops-slack: group_by=[alertname, service] group={alertname=api-error-rate, service=api} group_wait=1m group_interval=5m repeat_interval=4h",
        // Saturday: a P3 waits for Monday 09:00 Berlin
        "severity=P3,rule=disk,service=db              | 2026-11-28T12:00:00Z | ops-slack: held for the next business day, sent 2026-11-30T08:00:00Z",
        "severity=P4,rule=disk,service=db              | 2026-11-28T12:00:00Z | stdout: daily digest at 09:00",
      })
  void testRouteExplainsGroupingMutesSilencesAndBatching(String labels, String at, String line)
      throws IOException {
    // given
    Path config = file("grouped.yml", GROUPED);

    // when
    int exit =
        execute(
            "notify",
            "test-route",
            "--config",
            config.toString(),
            "--labels",
            labels,
            "--at",
            at,
            "--explain");

    // then
    assertThat(exit).isZero();
    assertThat(out.toString().lines().toList()).hasSize(2).last().isEqualTo("  " + line);
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
