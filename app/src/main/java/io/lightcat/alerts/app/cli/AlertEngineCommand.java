package io.lightcat.alerts.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code alert-engine} command. A new subcommand is one class plus one entry in
 * {@code subcommands} below.
 */
@Command(
    name = "alert-engine",
    description = "Stream-processing alert engine on Apache Kafka Streams.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      NotifyCommand.class,
      ProbeCommand.class,
      RulesCommand.class,
      SimulateCommand.class,
      BenchCommand.class
    })
public final class AlertEngineCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  /** The command line with our error handling: one line on stderr, exit 2 or 1. */
  public static CommandLine commandLine() {
    OneLineErrors errors = new OneLineErrors();
    return new CommandLine(new AlertEngineCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command, one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
