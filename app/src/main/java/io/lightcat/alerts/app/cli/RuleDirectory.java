package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.rule.RuleDefinitionReader;
import io.lightcat.alerts.rule.RulePack;
import io.lightcat.alerts.rule.RuleProblem;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the rule files an engine publishes at start: all or nothing. Invalid rules stop the start —
 * every problem is logged as {@code file:line: message} and the command fails with a one-line
 * reason — so an engine never runs half a rule pack.
 */
final class RuleDirectory {
  /** The bundled LIGHTCAT pack, relative to the repository root. */
  static final String DEFAULT = "alert-rules/lightcat";

  private static final Logger log = LoggerFactory.getLogger(RuleDirectory.class);

  private RuleDirectory() {}

  static RulePack load(String option, Path dir) {
    OptionChecks.readableDir(option, dir);
    RuleDefinitionReader.Result result = new RuleDefinitionReader().load(dir);
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
    log.info("loaded {} rules from {}", result.definitions().size(), dir);
    return result.pack();
  }
}
