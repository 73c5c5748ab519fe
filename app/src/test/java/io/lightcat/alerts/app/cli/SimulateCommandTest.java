package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateCommandTest extends CliHarness {

  @Test
  void helpListsOptionsAndScenarios() {
    // when
    int exit = execute("simulate", "--help");

    // then
    assertThat(exit).isZero();
    assertThat(out.toString())
        .startsWith("Usage: alert-engine simulate")
        .contains("--bootstrap-servers", "--kafka-config", "--topic-prefix", "--scenario")
        .contains("--rate", "--duration", "--seed", "--first-incident-after", "--log-format")
        .contains("error-spike", "btcpay-outage", "server-down", "memory-leak");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void unknownScenarioIsAUsageErrorListingTheValidNames() {
    // when
    int exit = execute("simulate", "--bootstrap-servers", "localhost:1", "--scenario", "meteor");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine simulate: unknown scenario 'meteor'; valid: all, steady, error-spike,"
                + " slow-api, server-down, btcpay-outage, db-pool-exhaustion, scanning-attack,"
                + " rate-limit-abuse, login-brute-force, token-supply-low, disk-filling,"
                + " memory-leak");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --rate                 | 0    | invalid value for --rate: 0.0 (must be > 0 and <= 100000)
          --rate                 | -5   | invalid value for --rate: -5.0 (must be > 0 and <= 100000)
          --duration             | 0s   | invalid value for --duration: 0s (must be > 0)
          --duration             | soon | invalid value for --duration: bad duration 'soon': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m
          --first-incident-after | -1s  | invalid value for --first-incident-after: bad duration '-1s': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m
          """)
  void badValuesAreOneLineUsageErrors(String option, String value, String message) {
    // when
    int exit = execute("simulate", "--bootstrap-servers", "localhost:1", option, value);

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine()).isEqualTo("alert-engine simulate: " + message);
  }

  @Test
  void nonNumericRateIsAUsageError() {
    // when
    int exit = execute("simulate", "--bootstrap-servers", "localhost:1", "--rate", "fast");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine()).startsWith("alert-engine simulate: invalid value for option '--rate'");
  }

  @Test
  void missingBootstrapServersIsAUsageError() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null, "env var set on this machine");

    // when
    int exit = execute("simulate", "--duration", "1s");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine simulate: missing required option --bootstrap-servers"
                + " (or KAFKA_BOOTSTRAP_SERVERS)");
  }

  @Test
  void demoHelpOffersSeedAndIncidentTiming() {
    // when
    int exit = execute("demo", "--help");

    // then
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("--no-simulator", "--seed", "--first-incident-after");
  }

  @Test
  void demoRejectsABadFirstIncidentOffset() {
    // when
    int exit = execute("demo", "--first-incident-after", "later");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .startsWith("alert-engine demo: invalid value for --first-incident-after:");
  }
}
