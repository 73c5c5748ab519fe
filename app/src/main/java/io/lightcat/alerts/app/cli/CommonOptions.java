package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.logging.ConsoleLogging;
import io.lightcat.alerts.app.logging.LogFormat;
import picocli.CommandLine.Option;

/** Options every command has: {@code --help} and {@code --log-format}. */
public final class CommonOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--log-format",
      paramLabel = "json|text",
      defaultValue = "text",
      description = "Console log lines as text (default) or one JSON object per line.")
  LogFormat logFormat;

  /** Switches the console log format; call first thing when a command runs. */
  void applyLogging() {
    ConsoleLogging.use(logFormat);
  }
}
