package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleFileParserTest {
  /** A valid rule; rows replace one of its lines. Line numbers: id is line 1. */
  private static final String VALID =
      """
      - id: api-errors
        source: requests
        window: 5m
        measure: { ratio: status >= 500 }
        severity: { P1: "> 0.05" }
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unknown field with did-you-mean | window: 5m\\n  sumary: x | window: 5m | f.yaml:4: unknown field 'sumary' (did you mean 'summary'?)
          unknown field, case typo        | window: 5m\\n  groupby: [service] | window: 5m | f.yaml:4: unknown field 'groupby' (did you mean 'groupBy'?)
          unknown field far from any      | window: 5m\\n  colour: red | window: 5m | f.yaml:4: unknown field 'colour'
          bad duration                    | window: 5 minutes | window: 5m | f.yaml:3: window: bad duration '5 minutes': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m in rule 'api-errors'
          duration too long               | window: 9999999999999999d | window: 5m | f.yaml:3: window: duration '9999999999999999d' is too long in rule 'api-errors'
          zero window                     | window: 0 | window: 5m | f.yaml:3: window must be longer than zero in rule 'api-errors'
          unknown measure                 | measure: { median: latencyMs } | measure: { ratio: status >= 500 } | f.yaml:4: unknown measure 'median' in rule 'api-errors' (expected count, rate, ratio, sum, avg, min, max, p50..p99, distinct, last, absent, spike, duration)
          unknown bare measure            | measure: total | measure: { ratio: status >= 500 } | f.yaml:4: unknown measure 'total' in rule 'api-errors' (expected count, rate, ratio, sum, avg, min, max, p50..p99, distinct, last, absent, spike, duration)
          measure without expression      | measure: { avg: "" } | measure: { ratio: status >= 500 } | f.yaml:4: measure avg needs an expression, e.g. { avg: latencyMs } in rule 'api-errors'
          two measures                    | measure: { avg: latencyMs, max: latencyMs } | measure: { ratio: status >= 500 } | f.yaml:4: measure must name exactly one measure, e.g. { ratio: status >= 500 } in rule 'api-errors'
          bad rate                        | measure: { rate: per_day } | measure: { ratio: status >= 500 } | f.yaml:4: rate must be per_second, per_minute or per_hour in rule 'api-errors'
          percentile out of range         | measure: { p0: latencyMs } | measure: { ratio: status >= 500 } | f.yaml:4: percentile p0 must be between p1 and p99.9 in rule 'api-errors'
          spike of absent                 | measure: { spike: { of: absent } } | measure: { ratio: status >= 500 } | f.yaml:4: spike cannot be of seconds since last event in rule 'api-errors'
          spike baseline out of range     | measure: { spike: { of: count, baseline: 0 } } | measure: { ratio: status >= 500 } | f.yaml:4: spike baseline must be a number of windows from 1 to 100 in rule 'api-errors'
          severity outside P1-P4          | severity: { P5: "> 0.05" } | severity: { P1: "> 0.05" } | f.yaml:5: severity 'P5' is not one of P1, P2, P3, P4 in rule 'api-errors'
          lower-case severity             | severity: { p1: "> 0.05" } | severity: { P1: "> 0.05" } | f.yaml:5: severity 'p1' is not one of P1, P2, P3, P4 in rule 'api-errors'
          severity not a mapping          | severity: P1 | severity: { P1: "> 0.05" } | f.yaml:5: severity must map P1..P4 to conditions, e.g. { P1: "> 0.05" } in rule 'api-errors'
          bad condition                   | severity: { P1: "over 5%" } | severity: { P1: "> 0.05" } | f.yaml:5: condition 'over 5%' must be a comparison (>, >=, <, <=) and a number, e.g. '> 0.05' in rule 'api-errors'
          recover pointing the same way   | severity: { P1: { when: "> 0.05", recover: "> 0.03" } } | severity: { P1: "> 0.05" } | f.yaml:5: recover condition '> 0.03' must point the other way than '> 0.05' in rule 'api-errors'
          unknown level field             | severity: { P1: { when: "> 0.05", below: "< 0.03" } } | severity: { P1: "> 0.05" } | f.yaml:5: unknown field 'below' in severity P1 (expected when, recover, window, confirmWindow) in rule 'api-errors'
          bad id                          | - id: API_errors | - id: api-errors | f.yaml:1: rule id 'API_errors' must be lowercase letters, digits and dashes
          unknown source                  | source: logs | source: requests | f.yaml:2: unknown source 'logs' in rule 'api-errors' (expected requests, payments, game, infra)
          missing source                  | source: requests | | f.yaml:1: missing required field 'source'
          missing window                  | window: 5m | | f.yaml:1: missing required field 'window' in rule 'api-errors'
          missing measure                 | measure: { ratio: status >= 500 } | | f.yaml:1: missing required field 'measure' in rule 'api-errors'
          missing severity                | severity: { P1: "> 0.05" } | | f.yaml:1: missing required field 'severity' in rule 'api-errors'
          empty id                        | - id: "" | - id: api-errors | f.yaml:1: field 'id' must be a non-empty string
          negative minEvents              | window: 5m\\n  minEvents: -1 | window: 5m | f.yaml:4: minEvents must be a whole number >= 0 in rule 'api-errors'
          resolution beyond the window    | window: 5m\\n  resolution: 10m | window: 5m | f.yaml:4: resolution must be between 1ms and the window in rule 'api-errors'
          bad for                         | window: 5m\\n  for: soon | window: 5m | f.yaml:4: for: bad duration 'soon': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m in rule 'api-errors'
          groupBy not a list              | window: 5m\\n  groupBy: service | window: 5m | f.yaml:4: groupBy must be a list of names
          duplicate key                   | window: 1m\\n  window: 5m | window: 5m | f.yaml:4: duplicate key 'window' (first at line 3)
          """)
  void reportsEveryProblemWithItsLine(String name, String line, String replaced, String problem) {
    // given the valid rule with one line changed (or, without a replacement, removed)
    String yaml =
        replaced == null
            ? VALID.replace("  " + line + "\n", "").replace(line + "\n", "")
            : VALID.replace(
                replaced.startsWith("- ") ? replaced : "  " + replaced, lineText(line, replaced));
    assertThat(yaml).isNotEqualTo(VALID);
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", yaml);
    // then
    assertThat(r.problems()).extracting(RuleProblem::toString).containsExactly(problem);
  }

  private static String lineText(String line, String replaced) {
    String text = line.replace("\\n", "\n");
    return replaced.startsWith("- ") ? text : "  " + text;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unclosed flow list    | `- id: a\\n  groupBy: [service\\n`          | f.yaml:3: not valid YAML: expected ',' or ']', but got <stream end>
          tab indentation       | `- id: a\\n\\tsource: requests\\n`         | f.yaml:2: not valid YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)
          not a list            | `id: a\\n`                                 | f.yaml:1: unknown top-level field 'id' (expected rules, redact)
          rules not a list      | `rules: a\\n`                              | f.yaml:1: expected a list of rules
          a rule not a mapping  | `- just a string\\n`                       | f.yaml:1: expected a rule (a mapping with id, source, measure, ...)
          redact not a list     | `redact: password\\nrules: []\\n`          | f.yaml:1: redact must be a list of names
          """)
  void reportsFileLevelProblems(String name, String content, String problem) {
    // when
    RuleFileParser.Result r =
        RuleFileParser.parse("f.yaml", content.replace("\\n", "\n").replace("\\t", "\t"));
    // then
    assertThat(r.problems()).extracting(RuleProblem::toString).containsExactly(problem);
  }

  @Test
  void reportsEveryProblemOfEveryRuleNotJustTheFirst() {
    // given
    String yaml =
        """
        - id: a
          source: requests
          windw: 5m
          measure: count
          severity: { P1: "> 1" }
        - id: b
          source: requests
          window: 5m
          measure: count
          severity: { P9: "> 1" }
        """;
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", yaml);
    // then
    assertThat(r.problems())
        .extracting(RuleProblem::toString)
        .containsExactly(
            "f.yaml:3: unknown field 'windw' (did you mean 'window'?)",
            "f.yaml:1: missing required field 'window' in rule 'a'",
            "f.yaml:10: severity 'P9' is not one of P1, P2, P3, P4 in rule 'b'");
  }

  @Test
  void readsTheListFormWithDefaults() {
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", VALID);
    // then
    assertThat(r.problems()).isEmpty();
    Rule rule = r.rules().get(0);
    assertThat(rule.id()).isEqualTo("api-errors");
    assertThat(rule.title()).isEqualTo("api-errors");
    assertThat(rule.description()).isEmpty();
    assertThat(rule.source()).isEqualTo(EventStream.REQUESTS);
    assertThat(rule.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rule.resolution()).isEqualTo(Duration.ofSeconds(10));
    assertThat(rule.measure()).isEqualTo(new Measure.Ratio("status >= 500"));
    assertThat(rule.minEvents()).isZero();
    assertThat(rule.forDuration()).isZero();
    assertThat(rule.keepFiringFor()).isZero();
    assertThat(rule.groupBy()).isEmpty();
    assertThat(rule.labels()).isEmpty();
    assertThat(rule.filter()).isNull();
    assertThat(rule.line()).isEqualTo(1);
    assertThat(rule.lineOf("measure")).isEqualTo(4);
    assertThat(r.redact()).isEmpty();
  }

  @Test
  void readsTheRulesAndRedactFormWithEveryField() {
    // given
    String yaml =
        """
        redact: [password, token]
        rules:
          - id: mem
            title: Memory high
            description: Host memory
            source: infra
            filter: kind == "host"
            groupBy: [host]
            window: 10m
            resolution: 30s
            measure: { last: memPct }
            minEvents: 2
            severity:
              P3: "> 70"
              P1: { when: "> 95", recover: "< 90" }
            for: 2m
            keepFiringFor: 1h30m
            runbook: playbooks/mem.md
            summary: "{{host}} at {{value}}%"
            labels: { team: infra }
        """;
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", yaml);
    // then
    assertThat(r.problems()).isEmpty();
    assertThat(r.redact()).containsExactly("password", "token");
    Rule rule = r.rules().get(0);
    assertThat(rule.title()).isEqualTo("Memory high");
    assertThat(rule.description()).isEqualTo("Host memory");
    assertThat(rule.filter()).isEqualTo("kind == \"host\"");
    assertThat(rule.groupBy()).containsExactly("host");
    assertThat(rule.resolution()).isEqualTo(Duration.ofSeconds(30));
    assertThat(rule.measure()).isEqualTo(new Measure.Last("memPct"));
    assertThat(rule.minEvents()).isEqualTo(2);
    assertThat(rule.levels())
        .containsExactly(
            new SeverityLevel(Severity.P1, Condition.parse("> 95"), Condition.parse("< 90")),
            new SeverityLevel(Severity.P3, Condition.parse("> 70"), null));
    assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(rule.keepFiringFor()).isEqualTo(Duration.ofMinutes(90));
    assertThat(rule.runbook()).isEqualTo("playbooks/mem.md");
    assertThat(rule.summary()).isEqualTo("{{host}} at {{value}}%");
    assertThat(rule.labels()).containsEntry("team", "infra");
    assertThat(rule.line()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          count                                                   | count                  | 5m
          absent (window defaults to 1d)                          | absent                 |
          rate per minute                                         | { rate: per_minute }   | 5m
          rate 1h                                                 | { rate: 1h }           | 5m
          p99.9                                                   | { p99.9: latencyMs }   | 5m
          spike with defaults                                     | { spike: { of: count } } | 5m
          """)
  void acceptsEveryMeasureSyntax(String name, String measure, String window) {
    // given
    String yaml =
        "- id: m\n  source: requests\n"
            + (window == null ? "" : "  window: " + window + "\n")
            + "  measure: "
            + measure
            + "\n  severity: { P4: \"> 0\" }\n";
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", yaml);
    // then
    assertThat(r.problems()).isEmpty();
    Rule rule = r.rules().get(0);
    assertThat(rule.window())
        .isEqualTo(window == null ? Duration.ofDays(1) : Duration.ofMinutes(5));
    if (measure.contains("spike")) {
      assertThat(rule.measure()).isEqualTo(new Measure.Spike(new Measure.Count(), 6, 0));
      assertThat(rule.retention()).isEqualTo(Duration.ofMinutes(35));
    }
  }

  @Test
  void anEmptyFileHasNoRulesAndNoProblems() {
    // when
    RuleFileParser.Result r = RuleFileParser.parse("f.yaml", "# nothing yet\n");
    // then
    assertThat(r.rules()).isEmpty();
    assertThat(r.problems()).isEqualTo(List.of());
  }
}
