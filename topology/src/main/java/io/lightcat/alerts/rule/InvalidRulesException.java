package io.lightcat.alerts.rule;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when rules cannot be loaded; carries every problem found, not just the first. */
public final class InvalidRulesException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<RuleProblem> problems;

  public InvalidRulesException(List<RuleProblem> problems) {
    super(
        problems.size()
            + " rule problem(s):\n"
            + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<RuleProblem> problems() {
    return problems;
  }
}
