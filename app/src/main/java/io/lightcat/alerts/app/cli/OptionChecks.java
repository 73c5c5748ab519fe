package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types cannot express. Range errors are usage errors (exit
 * 2); unusable files and directories are start failures (exit 1).
 */
final class OptionChecks {
  private OptionChecks() {}

  static int port(CommandSpec spec, String option, int value) {
    if (value < 1 || value > 65_535) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for " + option + ": " + value + " (must be 1-65535)");
    }
    return value;
  }

  static int positive(CommandSpec spec, String option, int value) {
    if (value < 1) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for " + option + ": " + value + " (must be >= 1)");
    }
    return value;
  }

  /** An existing, readable directory. */
  static Path readableDir(String option, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new StartupException(option + " " + dir + ": no such directory");
    }
    if (!Files.isReadable(dir)) {
      throw new StartupException(option + " " + dir + ": not readable");
    }
    return dir;
  }

  /** A directory we can write to, created when missing. */
  static Path writableDir(String option, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StartupException(option + " " + dir + ": cannot create (" + e + ")", e);
    }
    if (!Files.isWritable(dir)) {
      throw new StartupException(option + " " + dir + ": not writable");
    }
    return dir;
  }
}
