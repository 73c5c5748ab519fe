package io.lightcat.alerts.app.deploy;

import io.lightcat.alerts.app.cli.AlertEngineCommand;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What the real command line accepts, from picocli's model of {@code alert-engine}. */
final class CliSpec {
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");

  private CliSpec() {}

  /**
   * Parses {@code args} (a subcommand and its options) like the jar does, without running it.
   *
   * @throws CommandLine.ParameterException for an unknown command or option, or a bad value
   */
  static void parse(List<String> args) {
    AlertEngineCommand.commandLine().parseArgs(args.toArray(String[]::new));
  }

  /** The environment variables {@code subcommand}'s options fall back on. */
  static Set<String> envVars(String subcommand) {
    CommandLine root = AlertEngineCommand.commandLine().setInterpolateVariables(false);
    CommandLine sub = root.getSubcommands().get(subcommand);
    if (sub == null) {
      throw new AssertionError("no command " + subcommand);
    }
    Set<String> vars = new TreeSet<>();
    for (OptionSpec option : sub.getCommandSpec().options()) {
      String fallback = option.defaultValue();
      if (fallback != null) {
        Matcher m = ENV.matcher(fallback);
        while (m.find()) {
          vars.add(m.group(1));
        }
      }
    }
    return vars;
  }

  /** The {@code ${env:NAME}} references of a file's text (notifier configurations). */
  static Set<String> envReferences(String text) {
    Set<String> vars = new TreeSet<>();
    Matcher m = ENV.matcher(text);
    while (m.find()) {
      vars.add(m.group(1));
    }
    return vars;
  }

  /** The value after {@code option} in {@code args}. */
  static String value(List<String> args, String option) {
    int i = args.indexOf(option);
    if (i < 0 || i + 1 >= args.size()) {
      throw new AssertionError(option + " not given in " + args);
    }
    return args.get(i + 1);
  }
}
