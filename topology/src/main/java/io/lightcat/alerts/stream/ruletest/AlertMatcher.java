package io.lightcat.alerts.stream.ruletest;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.ExpectedAlert;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the alerts firing at one moment with the expected ones, order-insensitively: every
 * expected alert must match its own firing alert and every firing alert must be expected. Matching
 * is a maximum bipartite matching, so an expectation with fewer labels never steals the alert a
 * more specific one needed.
 */
final class AlertMatcher {
  private AlertMatcher() {}

  /** The differences, one readable line each; empty when the two sets agree. */
  static List<String> diff(List<ExpectedAlert> expected, List<Alert> firing) {
    int[] matchOfAlert = new int[firing.size()];
    Arrays.fill(matchOfAlert, -1);
    for (int e = 0; e < expected.size(); e++) {
      augment(e, expected, firing, matchOfAlert, new boolean[firing.size()]);
    }
    boolean[] expectedMatched = new boolean[expected.size()];
    for (int m : matchOfAlert) {
      if (m >= 0) {
        expectedMatched[m] = true;
      }
    }
    List<String> out = new ArrayList<>();
    for (int e = 0; e < expected.size(); e++) {
      if (!expectedMatched[e]) {
        out.add("missing firing alert " + describe(expected.get(e)));
      }
    }
    for (int a = 0; a < firing.size(); a++) {
      if (matchOfAlert[a] < 0) {
        out.add("unexpected firing alert " + describe(firing.get(a)));
      }
    }
    return out;
  }

  private static boolean augment(
      int e, List<ExpectedAlert> expected, List<Alert> firing, int[] matchOfAlert, boolean[] seen) {
    for (int a = 0; a < firing.size(); a++) {
      if (seen[a] || !matches(expected.get(e), firing.get(a))) {
        continue;
      }
      seen[a] = true;
      if (matchOfAlert[a] < 0 || augment(matchOfAlert[a], expected, firing, matchOfAlert, seen)) {
        matchOfAlert[a] = e;
        return true;
      }
    }
    return false;
  }

  static boolean matches(ExpectedAlert e, Alert a) {
    if (!e.rule().equals(a.rule())) {
      return false;
    }
    if (e.severity() != null && !e.severity().name().equals(a.severity())) {
      return false;
    }
    Map<String, String> labels = a.labels() == null ? Map.of() : a.labels();
    for (Map.Entry<String, String> l : e.labels().entrySet()) {
      if (!l.getValue().equals(labels.get(l.getKey()))) {
        return false;
      }
    }
    if (e.value() != null && !e.value().matches(a.value())) {
      return false;
    }
    return e.summary() == null || e.summary().equals(a.summary());
  }

  static String describe(ExpectedAlert e) {
    StringBuilder s = new StringBuilder("{rule=").append(e.rule());
    if (e.severity() != null) {
      s.append(", severity=").append(e.severity());
    }
    s.append(", labels=").append(new TreeMap<>(e.labels()));
    if (e.value() != null) {
      s.append(", value=").append(number(e.value().approx()));
      if (e.value().tolerance() > RuleTestCase.ExpectedValue.DEFAULT_TOLERANCE) {
        s.append("±").append(number(e.value().tolerance()));
      }
    }
    if (e.summary() != null) {
      s.append(", summary=\"").append(e.summary()).append('"');
    }
    return s.append('}').toString();
  }

  static String describe(Alert a) {
    return "{rule="
        + a.rule()
        + ", severity="
        + a.severity()
        + ", labels="
        + new TreeMap<>(a.labels() == null ? Map.of() : a.labels())
        + "} (value "
        + (a.value() == null ? "none" : number(a.value()))
        + (a.summary() == null ? "" : ", summary \"" + a.summary() + "\"")
        + ")";
  }

  /** Up to six significant digits, no exponent, no trailing zeros: 0.0666667, 20, 512.5. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
