package io.lightcat.alerts.query;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.rule.Severity;
import java.util.Locale;
import java.util.Optional;

/**
 * Which alerts a query wants: each present criterion must match, an empty one matches all.
 *
 * @param status {@code firing} or {@code resolved}
 * @param severity {@code P1}..{@code P4}
 * @param rule the rule id alerts carry (an {@code anyOf} rule's public id)
 */
public record AlertFilter(
    Optional<String> status, Optional<Severity> severity, Optional<String> rule) {
  public static final AlertFilter ALL =
      new AlertFilter(Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Parses the query parameters; null or blank means "any".
   *
   * @throws BadQueryException naming the parameter when a value is not one it accepts
   */
  public static AlertFilter parse(String status, String severity, String rule) {
    Optional<String> st = present(status).map(s -> s.toLowerCase(Locale.ROOT));
    if (st.isPresent() && !st.get().equals(Alert.FIRING) && !st.get().equals(Alert.RESOLVED)) {
      throw new BadQueryException(
          "status must be firing or resolved, not '" + status.strip() + "'");
    }
    Optional<Severity> sev = Optional.empty();
    if (present(severity).isPresent()) {
      sev =
          Optional.of(
              Severity.parse(severity.strip())
                  .orElseThrow(
                      () ->
                          new BadQueryException(
                              "severity must be one of P1, P2, P3, P4, not '"
                                  + severity.strip()
                                  + "'")));
    }
    return new AlertFilter(st, sev, present(rule));
  }

  private static Optional<String> present(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public boolean matches(Alert alert) {
    return status.map(s -> s.equals(alert.status())).orElse(true)
        && severity.map(s -> s.name().equals(alert.severity())).orElse(true)
        && rule.map(r -> r.equals(alert.rule())).orElse(true);
  }
}
