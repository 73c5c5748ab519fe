package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertEngineCommandTest extends CliHarness {

  @ParameterizedTest
  @CsvSource({"'', alert-engine", "demo, alert-engine demo", "run, alert-engine run"})
  void helpPrintsUsageAndExitsZero(String command, String usage) {
    // given
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};

    // when
    int exit = execute(args);

    // then
    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("Usage: " + usage).contains("--log-format");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void unknownOptionIsAOneLineUsageError() {
    // when
    int exit = execute("demo", "--bogus");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine()).isEqualTo("alert-engine demo: unknown option: '--bogus'");
  }

  @Test
  void missingBootstrapServersIsAOneLineUsageError() {
    // given
    assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null, "env var set on this machine");

    // when
    int exit = execute("run");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine run: missing required option --bootstrap-servers"
                + " (or KAFKA_BOOTSTRAP_SERVERS)");
  }

  @ParameterizedTest
  @CsvSource({
    "run, --http-port, 70000",
    "run, --http-port, 0",
    "demo, --http-port, -1",
    "demo, --kafka-port, 65536"
  })
  void portOutOfRangeIsAOneLineUsageError(String command, String option, String port) {
    // given
    String[] args =
        command.equals("run")
            ? new String[] {command, "--bootstrap-servers=localhost:1", option, port}
            : new String[] {command, option, port};

    // when
    int exit = execute(args);

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine "
                + command
                + ": invalid value for "
                + option
                + ": "
                + port
                + " (must be 1-65535)");
  }

  @ParameterizedTest
  @CsvSource({"run", "demo"})
  void readsCannotRequireATokenThatIsNotSet(String command) {
    // given
    assumeTrue(System.getenv("ALERT_ENGINE_API_TOKEN") == null, "env var set on this machine");

    // when
    int exit =
        command.equals("run")
            ? execute(command, "--bootstrap-servers=localhost:1", "--require-auth-for-reads")
            : execute(command, "--require-auth-for-reads");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine "
                + command
                + ": --require-auth-for-reads needs a token: --api-token or"
                + " ALERT_ENGINE_API_TOKEN");
  }

  @Test
  void aCorsOriginThatIsNotAnOriginIsAUsageError() {
    // when
    int exit =
        execute(
            "run",
            "--bootstrap-servers=localhost:1",
            "--cors-origin",
            "https://ops.example.com,ops.example.com/dashboards");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine run: invalid value for --cors-origin: not an origin"
                + " (scheme://host[:port]): ops.example.com/dashboards");
  }

  @Test
  void nonNumericPortIsAOneLineUsageError() {
    // when
    int exit = execute("demo", "--http-port", "eighty");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine()).startsWith("alert-engine demo: invalid value for option '--http-port'");
  }

  @Test
  void unknownLogFormatIsAOneLineUsageError() {
    // when
    int exit = execute("run", "--log-format", "xml");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine()).contains("--log-format").contains("xml");
  }

  @Test
  void missingKafkaConfigFileFailsWithOneLine(@TempDir Path dir) {
    // given
    Path missing = dir.resolve("client.properties");

    // when
    int exit =
        execute("run", "--bootstrap-servers", "localhost:1", "--kafka-config", missing.toString());

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(errLine())
        .isEqualTo("alert-engine run: cannot read --kafka-config " + missing + ": no such file");
  }

  @Test
  void missingRulesDirectoryFailsWithOneLine(@TempDir Path dir) {
    // given
    Path missing = dir.resolve("rules");

    // when
    int exit = execute("demo", "--rules", missing.toString());

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(errLine())
        .isEqualTo("alert-engine demo: --rules " + missing + ": no such directory");
  }

  @Test
  void sameKafkaAndHttpPortIsAUsageError() {
    // when
    int exit = execute("demo", "--kafka-port", "9999", "--http-port", "9999");

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo("alert-engine demo: --kafka-port and --http-port must differ: 9999");
  }

  @Test
  void noCommandIsAOneLineUsageError() {
    // when
    int exit = execute();

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(errLine())
        .isEqualTo(
            "alert-engine: missing command, one of: demo, run, notify, probe, rules, simulate,"
                + " bench");
  }
}
