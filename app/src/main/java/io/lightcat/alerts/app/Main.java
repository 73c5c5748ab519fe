package io.lightcat.alerts.app;

import io.lightcat.alerts.app.cli.AlertEngineCommand;

/** Entry point of the executable jar: {@code java -jar alert-engine.jar <command> ...}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(AlertEngineCommand.commandLine().execute(args));
  }
}
