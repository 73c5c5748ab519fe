package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.stream.ruletest.RuleTestReport;
import io.lightcat.alerts.stream.ruletest.RuleTestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine rules test PATH}: runs rule test files through the real topology (like {@code
 * promtool test rules}); exit 1 with a readable diff when any test fails.
 */
@Command(
    name = "test",
    description = {
      "Runs rule test files (input events with times, expected firing alerts at evaluation times)",
      "through the engine's real topology. PATH is a test file, or a directory whose tests/"
          + " folders hold them. Exit 1 with a diff when any test fails."
    })
public final class RulesTestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "A test file or a directory.")
  Path path;

  @Override
  public Integer call() {
    common.applyLogging();
    RuleTestReport report = new RuleTestRunner().run(path);
    PrintWriter out = spec.commandLine().getOut();
    report.lines().forEach(out::println);
    out.flush();
    return report.ok() ? 0 : 1;
  }
}
