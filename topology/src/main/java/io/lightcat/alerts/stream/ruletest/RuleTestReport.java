package io.lightcat.alerts.stream.ruletest;

import io.lightcat.alerts.rule.RuleProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run of rule test files found: one result per test case, and the problems of files that
 * could not run (malformed test files, rule files that fail to load). The run is green only when
 * both every test passed and there is no problem.
 */
public record RuleTestReport(List<RuleTestResult> results, List<RuleProblem> errors) {
  public RuleTestReport {
    results = List.copyOf(results);
    errors = List.copyOf(errors);
  }

  /** Number of test cases that passed. */
  public int passed() {
    return (int) results.stream().filter(RuleTestResult::passed).count();
  }

  /** Number of test cases that failed (errors not included: see {@link #errors()}). */
  public int failed() {
    return results.size() - passed();
  }

  /** True when every test passed and no file had a problem: exit code 0. */
  public boolean ok() {
    return failed() == 0 && errors.isEmpty();
  }

  /**
   * The report as text, one line each: every problem as {@code file:line: message}, then {@code
   * PASS file: name} or {@code FAIL file: name} per test with its failures indented below, then a
   * summary line.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    errors.forEach(e -> lines.add(e.toString()));
    for (RuleTestResult r : results) {
      lines.add((r.passed() ? "PASS " : "FAIL ") + r.file() + ": " + r.name());
      r.failures().forEach(f -> lines.add("  " + f));
    }
    lines.add(
        passed()
            + " passed, "
            + failed()
            + " failed"
            + (errors.isEmpty() ? "" : ", " + errors.size() + " error(s)"));
    return lines;
  }
}
