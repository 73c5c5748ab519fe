package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.EngineNode;
import java.util.ArrayList;
import java.util.List;

/** Starts commands in the test's JVM exactly as the jar parses their command lines. */
public final class InProcessRun {
  private InProcessRun() {}

  /** Parses {@code run <args>} and starts one engine instance without blocking. */
  public static EngineNode start(List<String> args) {
    List<String> line = new ArrayList<>();
    line.add("run");
    line.addAll(args);
    RunCommand run = parse(line.toArray(String[]::new));
    return run.start();
  }

  /**
   * Parses a whole command line ({@code run ...}, {@code notify ...}) into its subcommand, ready to
   * start, exactly as the jar would.
   */
  public static <T> T parse(String... commandLine) {
    return AlertEngineCommand.commandLine()
        .parseArgs(commandLine)
        .subcommand()
        .commandSpec()
        .commandLine()
        .getCommand();
  }
}
