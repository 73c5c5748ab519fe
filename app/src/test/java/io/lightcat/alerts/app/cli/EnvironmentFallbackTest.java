package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.app.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} options fall back to environment variables. Real variables need a child JVM; each
 * case picks a value that fails fast so no Kafka is needed.
 */
@Timeout(60)
class EnvironmentFallbackTest {

  private record Result(int exit, String err) {}

  private static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    List.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "ALERT_ENGINE_RULES",
            "ALERT_ENGINE_HTTP_PORT",
            "ALERT_ENGINE_API_TOKEN",
            "ALERT_ENGINE_REQUIRE_AUTH_FOR_READS",
            "ALERT_ENGINE_CORS_ORIGINS")
        .forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), err);
  }

  @Test
  void bootstrapServersAndHttpPortComeFromTheEnvironment()
      throws IOException, InterruptedException {
    // given: bootstrap servers only from the environment, and a bad port there too
    Map<String, String> env =
        Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1", "ALERT_ENGINE_HTTP_PORT", "70000");

    // when
    Result result = run(env, "run");

    // then: not "missing --bootstrap-servers", but the port from the environment is checked
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().lines())
        .containsExactly(
            "alert-engine run: invalid value for --http-port: 70000 (must be 1-65535)");
  }

  @Test
  void rulesDirectoryComesFromTheEnvironment(@TempDir Path dir)
      throws IOException, InterruptedException {
    // given
    Path missing = dir.resolve("no-rules");
    Map<String, String> env =
        Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1", "ALERT_ENGINE_RULES", missing.toString());

    // when
    Result result = run(env, "run");

    // then
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err().lines())
        .containsExactly("alert-engine run: --rules " + missing + ": no such directory");
  }

  @Test
  void optionsWinOverTheEnvironment() throws IOException, InterruptedException {
    // given
    Map<String, String> env =
        Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1", "ALERT_ENGINE_HTTP_PORT", "8080");

    // when
    Result result = run(env, "run", "--http-port", "0");

    // then
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().lines())
        .containsExactly("alert-engine run: invalid value for --http-port: 0 (must be 1-65535)");
  }

  @Test
  void readsRequireTheTokenFromTheEnvironmentAndOriginsComeFromItToo()
      throws IOException, InterruptedException {
    // given reads protected by the environment, but no token
    Map<String, String> readsOnly =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "localhost:1",
            "ALERT_ENGINE_REQUIRE_AUTH_FOR_READS",
            "true");
    Map<String, String> badOrigin =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "localhost:1",
            "ALERT_ENGINE_API_TOKEN",
            "t",
            "ALERT_ENGINE_CORS_ORIGINS",
            "https://ok.example,not-an-origin");

    // when
    Result noToken = run(readsOnly, "run");
    Result origin = run(badOrigin, "run");

    // then
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.err().lines())
        .containsExactly(
            "alert-engine run: --require-auth-for-reads needs a token: --api-token or"
                + " ALERT_ENGINE_API_TOKEN");
    assertThat(origin.exit()).isEqualTo(2);
    assertThat(origin.err().lines())
        .containsExactly(
            "alert-engine run: invalid value for --cors-origin: not an origin"
                + " (scheme://host[:port]): not-an-origin");
  }
}
