package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleProblem;
import io.lightcat.alerts.rule.RuleSet;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the rules an engine starts with: all or nothing. Invalid rules stop the start — every
 * problem is logged as {@code file:line: message} and the command fails with a one-line reason — so
 * an engine never runs half a rule pack.
 */
final class RuleDirectory {
  /** The bundled LIGHTCAT pack, relative to the repository root. */
  static final String DEFAULT = "alert-rules/lightcat";

  private static final Logger log = LoggerFactory.getLogger(RuleDirectory.class);

  private RuleDirectory() {}

  static RuleSet load(String option, Path dir) {
    OptionChecks.readableDir(option, dir);
    RuleLoader.Result result = new RuleLoader().validate(dir);
    if (!result.ok()) {
      for (RuleProblem p : result.problems()) {
        log.error("{}", p);
      }
      RuleProblem first = result.problems().get(0);
      throw new StartupException(
          option
              + " "
              + dir
              + ": "
              + result.problems().size()
              + " rule problem(s), first: "
              + first
              + " (run 'alert-engine rules validate "
              + dir
              + "' for all)");
    }
    log.info("loaded {} rules from {}", result.rules().size(), dir);
    return result.rules();
  }
}
