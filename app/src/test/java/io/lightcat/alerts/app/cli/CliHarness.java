package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real command line in-process, capturing what it prints, for CLI tests. */
abstract class CliHarness {
  protected final StringWriter out = new StringWriter();
  protected final StringWriter err = new StringWriter();

  /** Runs {@code alert-engine args...} with our error handling; returns the exit code. */
  protected int execute(String... args) {
    CommandLine cmd = AlertEngineCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  /** The single line printed on standard error; fails when there is not exactly one. */
  protected String errLine() {
    assertThat(err.toString().lines()).hasSize(1);
    return err.toString().strip();
  }
}
