package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.EngineNode;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code run} in the test's JVM exactly as the jar parses its command line. */
public final class InProcessRun {
  private InProcessRun() {}

  /** Parses {@code run <args>} and starts one engine instance without blocking. */
  public static EngineNode start(List<String> args) {
    List<String> line = new ArrayList<>();
    line.add("run");
    line.addAll(args);
    RunCommand run =
        AlertEngineCommand.commandLine()
            .parseArgs(line.toArray(String[]::new))
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
    return run.start();
  }
}
