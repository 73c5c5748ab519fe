package io.lightcat.alerts.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine rules}: validate, test and backtest rule files; apply and delete rules live.
 */
@Command(
    name = "rules",
    description = "Validates, tests and backtests rule files; applies and deletes rules live.",
    subcommands = {
      RulesValidateCommand.class,
      RulesTestCommand.class,
      RulesBacktestCommand.class,
      RulesApplyCommand.class,
      RulesDeleteCommand.class
    })
public final class RulesCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command, one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
