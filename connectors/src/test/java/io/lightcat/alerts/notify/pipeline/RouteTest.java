package io.lightcat.alerts.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Alerts;
import io.lightcat.alerts.notify.LabelMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing table of the golden config {@code config/full.yml}. */
class RouteTest {
  static Route full() throws IOException {
    Path file = Path.of("src/test/resources/config/full.yml");
    return NotifierConfig.parse(file.toString(), Files.readString(file)).route();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // severity | rule              | labels              | receivers
        "P1 | api-error-rate   | service=api          | pager,ops-slack",
        "P1 | api-error-rate   | service=batch        | pager",
        "P2 | api-error-rate   | service=api          | ops-slack",
        "P2 | payment-failures | service=pay          | ops-slack,payments-hook",
        "P3 | payment-failures | tier=gold            | mail",
        "P3 | payment-failures | tier=silver          | payments-hook",
        "P3 | disk-full        | host=db1             | stdout",
        "P4 | disk-full        | host=db1             | am",
        "P1 | payment-failures | tier=gold            | pager,ops-slack,mail",
      })
  void routes(String severity, String rule, String labels, String expected) throws IOException {
    Alert alert = withLabelsOnly(Alerts.alert().severity(severity).rule(rule).build(), labels);
    assertThat(full().receivers(alert))
        .containsExactlyElementsOf(Arrays.asList(expected.split(",")));
  }

  /** The builder's default service=api label removed unless the row sets service. */
  private static Alert withLabelsOnly(Alert a, String labels) {
    java.util.Map<String, String> l = new java.util.HashMap<>();
    for (String kv : labels.split(",")) {
      String[] p = kv.split("=");
      l.put(p[0].strip(), p[1].strip());
    }
    return new Alert(
        a.id(),
        a.fingerprint(),
        a.rule(),
        a.ruleVersion(),
        a.status(),
        a.severity(),
        a.title(),
        a.summary(),
        l,
        a.value(),
        a.threshold(),
        a.window(),
        a.startsAt(),
        a.endsAt(),
        a.runbook(),
        a.responseTarget(),
        a.evidence());
  }

  @ParameterizedTest(name = "{0} on {1}={2} -> {3}")
  @CsvSource({
    "'service=api', api, true",
    "'service=\"api\"', api, true",
    "'service!=api', api, false",
    "'service!=api', '', true",
    "'service=~\"ap.*\"', api, true",
    "'service=~\"ap\"', api, false",
    "'service!~\"web|batch\"', api, true",
    "'service=', '', true",
  })
  void matchers(String matcher, String value, boolean matches) {
    Alert alert = Alerts.alert().build();
    java.util.Map<String, String> labels =
        value.isEmpty() ? java.util.Map.of() : java.util.Map.of("service", value);
    Alert a = withLabels(alert, labels);
    assertThat(LabelMatcher.parse(matcher).matches(a)).isEqualTo(matches);
  }

  private static Alert withLabels(Alert a, java.util.Map<String, String> l) {
    return new Alert(
        a.id(),
        a.fingerprint(),
        a.rule(),
        a.ruleVersion(),
        a.status(),
        a.severity(),
        a.title(),
        a.summary(),
        l,
        a.value(),
        a.threshold(),
        a.window(),
        a.startsAt(),
        a.endsAt(),
        a.runbook(),
        a.responseTarget(),
        a.evidence());
  }

  @Test
  void theRootTakesWhatNoChildMatches() {
    Route root =
        new Route(
            List.of(),
            "default",
            false,
            List.of(
                new Route(List.of(LabelMatcher.parse("severity=P1")), "pager", false, List.of())));
    assertThat(root.receivers(Alerts.alert().severity("P2").build())).containsExactly("default");
    assertThat(root.receivers(Alerts.alert().severity("P1").build())).containsExactly("pager");
  }
}
