package io.lightcat.alerts.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Prometheus and Alertmanager configs pass the projects' own checkers (Debian packages). */
class PrometheusToolsTest {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Path AMTOOL = Path.of("/usr/bin/amtool");

  @Test
  void promtoolAcceptsThePrometheusConfigAndItsRuleFiles() throws Exception {
    String out =
        run(tool(PROMTOOL, "prometheus"), "check", "config", DeployFiles.PROMETHEUS_CONFIG);
    // the rule files were found and checked, not skipped by a glob that matched nothing
    assertThat(out).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void promtoolAcceptsTheRuleFiles() throws Exception {
    List<Object> args = new ArrayList<>(List.of("check", "rules"));
    args.addAll(DeployFiles.under(DeployFiles.PROMETHEUS_RULES, ".yml"));
    run(tool(PROMTOOL, "prometheus"), args.toArray());
  }

  @Test
  void amtoolAcceptsTheAlertmanagerConfig() throws Exception {
    run(tool(AMTOOL, "prometheus-alertmanager"), "check-config", DeployFiles.ALERTMANAGER_CONFIG);
  }

  private static Path tool(Path path, String debianPackage) {
    assertThat(Files.isExecutable(path))
        .as(path + " is missing: install the Debian package '" + debianPackage + "'")
        .isTrue();
    return path;
  }

  /** Runs the tool; fails with its output unless it exits 0. Returns its output. */
  private static String run(Path tool, Object... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(tool.toString()));
    for (Object a : args) {
      command.add(a.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
