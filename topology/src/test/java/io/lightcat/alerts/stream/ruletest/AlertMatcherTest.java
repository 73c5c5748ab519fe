package io.lightcat.alerts.stream.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.rule.Severity;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.ExpectedAlert;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.ExpectedValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMatcherTest {
  private static Alert firing(String service, String severity, double value) {
    return new Alert(
        "id-" + service,
        "fp-" + service,
        "errors",
        "v1",
        Alert.FIRING,
        severity,
        "Errors",
        service + " fails",
        Map.of("service", service),
        value,
        0.5,
        null,
        "t",
        null,
        null,
        "PT15M",
        Map.of());
  }

  private static ExpectedAlert expected(Map<String, String> labels, ExpectedValue value) {
    return new ExpectedAlert("errors", Severity.P1, labels, value, null, 1);
  }

  @Test
  void aLooseExpectationDoesNotStealTheAlertASpecificOneNeeds() {
    // given the loose expectation first, and the alert it would grab first being the specific one's
    List<ExpectedAlert> want =
        List.of(expected(Map.of(), null), expected(Map.of("service", "api"), null));
    List<Alert> got = List.of(firing("api", "P1", 1), firing("web", "P1", 1));

    assertThat(AlertMatcher.diff(want, got)).isEmpty();
  }

  @Test
  void valuesMatchWithinTheirTolerance() {
    List<Alert> got = List.of(firing("api", "P1", 0.0625));

    assertThat(AlertMatcher.diff(List.of(expected(Map.of(), new ExpectedValue(0.06, 0.01))), got))
        .isEmpty();
    assertThat(AlertMatcher.diff(List.of(expected(Map.of(), new ExpectedValue(0.06, 0.001))), got))
        .containsExactly(
            "missing firing alert {rule=errors, severity=P1, labels={}, value=0.06±0.001}",
            "unexpected firing alert {rule=errors, severity=P1, labels={service=api}}"
                + " (value 0.0625, summary \"api fails\")");
  }

  @Test
  void eachExpectationNeedsItsOwnAlert() {
    List<ExpectedAlert> want =
        List.of(expected(Map.of("service", "api"), null), expected(Map.of("service", "api"), null));

    assertThat(AlertMatcher.diff(want, List.of(firing("api", "P1", 1))))
        .containsExactly("missing firing alert {rule=errors, severity=P1, labels={service=api}}");
  }
}
