package io.lightcat.alerts.stream.ruletest;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one test case.
 *
 * @param file the test file, as given to the runner
 * @param failures one readable line per failed expectation item, e.g. {@code at 2m (line 14):
 *     missing firing alert {rule=high-error-rate, severity=P1, labels={service=api}}}; empty when
 *     the test passed
 */
public record RuleTestResult(String file, String name, int line, List<String> failures) {
  public RuleTestResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    failures = List.copyOf(failures);
  }

  public boolean passed() {
    return failures.isEmpty();
  }
}
