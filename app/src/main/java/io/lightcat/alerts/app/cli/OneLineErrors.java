package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed command as one line on standard error, {@code <command>: <reason>}.
 *
 * <p>Exit status 2 for bad arguments (unknown or missing options, values out of range), 1 when the
 * command could not start or failed ({@link StartupException}; anything else is also logged with
 * its stack trace).
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(OneLineErrors.class);
  static final int FAILED = 1;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    report(cmd, e.getMessage());
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof StartupException) {
      log.debug("start failed", e);
      report(cmd, e.getMessage());
    } else {
      log.error("{} failed", cmd.getCommandSpec().qualifiedName(), e);
      report(cmd, e.toString());
    }
    return FAILED;
  }

  private static void report(CommandLine cmd, String message) {
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(message));
    cmd.getErr().flush();
  }

  /** The first line, starting lower-case like the rest of our messages. */
  static String oneLine(String message) {
    String line = message == null ? "failed" : message.strip().lines().findFirst().orElse("");
    if (line.length() > 1
        && Character.isUpperCase(line.charAt(0))
        && Character.isLowerCase(line.charAt(1))) {
      return Character.toLowerCase(line.charAt(0)) + line.substring(1);
    }
    return line;
  }
}
