package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.notify.pipeline.NotifierConfig;
import io.lightcat.alerts.notify.pipeline.NotifierConfigException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a notifier configuration given on the command line; problems are start failures. */
final class NotifierConfigFile {
  private NotifierConfigFile() {}

  /**
   * @throws StartupException {@code file:line: problem}, or naming the option when the file is
   *     missing
   */
  static NotifierConfig load(String option, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new StartupException(option + " " + file + ": no such file");
    }
    try {
      return NotifierConfig.load(file);
    } catch (NotifierConfigException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }
}
