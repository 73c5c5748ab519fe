package io.lightcat.alerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the shaded jar the way a user does ({@code java -jar app/target/alert-engine.jar ...}), so a
 * class missing from the jar fails the build rather than a user's first command.
 */
@Timeout(180)
class PackagedJarIT {
  private static final Path JAR = Path.of("target", "alert-engine.jar");

  private record Run(int exit, String output) {}

  private static Run run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void jarExistsAndPrintsHelp() throws Exception {
    assertThat(Files.isRegularFile(JAR)).isTrue();
    Run help = run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.output()).contains("demo", "run", "rules");
  }

  @Test
  void jarValidatesAndTestsTheBundledRules() throws Exception {
    Run validate = run("rules", "validate", "../alert-rules");
    assertThat(validate.exit()).as(validate.output()).isZero();
    assertThat(validate.output()).contains("rules valid");

    Run test = run("rules", "test", "../alert-rules");
    assertThat(test.exit()).as(test.output()).isZero();
    assertThat(test.output()).containsPattern("\\d+ passed, 0 failed");
  }
}
