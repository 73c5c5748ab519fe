package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeCommandTest extends CliHarness {

  @Test
  void helpListsTheOptions() {
    // when
    int exit = execute("probe", "--help");

    // then
    assertThat(exit).isZero();
    assertThat(out.toString())
        .startsWith("Usage: alert-engine probe")
        .contains("--target", "--interval", "--host-metrics", "--heartbeat", "--log-format");
  }

  @Test
  void nothingToProbeIsAUsageError() {
    // when
    int exit = execute("probe", "--bootstrap-servers", "localhost:1");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine probe: nothing to probe: give --target, --host-metrics or --heartbeat");
  }

  @ParameterizedTest
  @CsvSource({
    "api, invalid value for --target: 'api' (use NAME=http(s)://host[:port]/path)",
    "api=ftp://x/y, invalid value for --target: 'api=ftp://x/y' (use NAME=http(s)://host[:port]/path)",
    "=http://x/, invalid value for --target: '=http://x/' (use NAME=http(s)://host[:port]/path)"
  })
  void badTargetIsAUsageError(String target, String message) {
    // when
    int exit = execute("probe", "--bootstrap-servers", "localhost:1", "--target", target);

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine()).isEqualTo("alert-engine probe: " + message);
  }

  @Test
  void zeroIntervalIsAUsageError() {
    // when
    int exit =
        execute(
            "probe",
            "--bootstrap-servers",
            "localhost:1",
            "--heartbeat",
            "api",
            "--interval",
            "0s");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo("alert-engine probe: invalid value for --interval: 0s (must be > 0)");
  }
}
