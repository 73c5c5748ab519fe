package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine rules validate PATH}: exit 0 when every rule file under PATH is valid,
 * otherwise exit 1 and print every problem as {@code file:line: message}.
 */
@Command(
    name = "validate",
    description = {
      "Checks every rule file (*.yaml, *.yml; tests/ folders excluded) under PATH.",
      "Exit 0 when all are valid; otherwise exit 1 and print each problem as file:line: message."
    })
public final class RulesValidateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "A rule file or a directory of rule files.")
  Path path;

  @Override
  public Integer call() {
    common.applyLogging();
    RuleLoader.Result result = new RuleLoader().validate(path);
    PrintWriter out = spec.commandLine().getOut();
    if (result.ok()) {
      out.println(path + ": " + result.rules().size() + " rules valid");
      out.flush();
      return 0;
    }
    for (RuleProblem p : result.problems()) {
      out.println(p);
    }
    out.println(path + ": " + result.problems().size() + " problem(s)");
    out.flush();
    return 1;
  }
}
