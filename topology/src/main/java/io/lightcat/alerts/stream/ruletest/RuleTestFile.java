package io.lightcat.alerts.stream.ruletest;

import io.lightcat.alerts.rule.RuleProblem;
import io.lightcat.alerts.rule.RuleSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A loaded rule test file: its rules (compiled, ready to run), its start instant and its tests —
 * or, when anything is wrong with it or with the rule files it names, the problems, each as {@code
 * file:line: message}. A file with problems runs no test.
 */
public record RuleTestFile(
    Path file, RuleSet rules, Instant start, List<RuleTestCase> cases, List<RuleProblem> problems) {

  public RuleTestFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(start, "start");
    cases = List.copyOf(cases);
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
