package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleLoaderTest {

  /**
   * Rules whose YAML is fine but whose expressions or fields are not. The changed line is line 3
   * (filter), 4 (groupBy) or 5 (measure).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          type error quotes the expression | status > "500" | [service] | count | f.yaml:3: filter: expression 'status > "500"' is invalid: at 1:8: found no matching overload for '_>_' applied to '(int, string)' (candidates: (bool, bool),(int, int),(uint, uint),(double, double),(string, string),(bytes, bytes),(google.protobuf.Timestamp, google.protobuf.Timestamp),(google.protobuf.Duration, google.protobuf.Duration),(int, uint),(uint, int),(int, double),(double, int),(uint, double),(double, uint)) in rule 'r'
          undeclared field in the filter   | sttus >= 500 | [service] | count | f.yaml:3: filter: expression 'sttus >= 500' is invalid: at 1:1: undeclared reference to 'sttus' (in container '') in rule 'r'
          filter that is not a bool        | latencyMs | [service] | count | f.yaml:3: filter: expression 'latencyMs' must be a bool but is double in rule 'r'
          field of another stream          | memPct > 90.0 | [service] | count | f.yaml:3: filter: expression 'memPct > 90.0' is invalid: at 1:1: undeclared reference to 'memPct' (in container '') in rule 'r'
          syntax error                     | status >= | [service] | count | f.yaml:3: filter: expression 'status >=' is invalid: at 1:10: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER} in rule 'r'
          groupBy on an unknown field      | status >= 500 | [service, region] | count | f.yaml:4: groupBy field 'region' is not a field of requests events in rule 'r'
          groupBy on a map field           | status >= 500 | [headers] | count | f.yaml:4: cannot group by map field 'headers' in rule 'r'
          measure of a string              | status >= 500 | [service] | { avg: route } | f.yaml:5: measure: expression 'route' must be a number but is string in rule 'r'
          ratio of a number                | status >= 500 | [service] | { ratio: latencyMs } | f.yaml:5: measure: expression 'latencyMs' must be a bool but is double in rule 'r'
          undeclared field in the measure  | status >= 500 | [service] | { p95: latency } | f.yaml:5: measure: expression 'latency' is invalid: at 1:1: undeclared reference to 'latency' (in container '') in rule 'r'
          """)
  void reportsExpressionAndFieldProblemsWithTheirLine(
      String name, String filter, String groupBy, String measure, String problem) {
    // given
    String yaml =
        """
        - id: r
          source: requests
          filter: '%s'
          groupBy: %s
          measure: %s
          window: 5m
          severity: { P1: "> 1" }
        """
            .formatted(filter.replace("'", "''"), groupBy, measure);
    // when
    RuleLoader.Result r = new RuleLoader().validate(Map.of("f.yaml", yaml));
    // then
    assertThat(r.problems()).extracting(RuleProblem::toString).containsExactly(problem);
    assertThat(r.rules().size()).isZero();
  }

  @Test
  void duplicateIdsAcrossFilesNameBothPlaces() {
    // given
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.yaml", rule("shared") + rule("only-a"));
    files.put("b.yaml", rule("only-b") + rule("shared"));
    // when
    RuleLoader.Result r = new RuleLoader().validate(files);
    // then
    assertThat(r.problems())
        .extracting(RuleProblem::toString)
        .containsExactly("b.yaml:6: duplicate rule id 'shared' (first defined at a.yaml:1)");
    assertThat(r.ok()).isFalse();
  }

  @Test
  void loadsADirectoryAllOrNothingAndSkipsTestFolders(@TempDir Path dir) throws IOException {
    // given
    Files.writeString(dir.resolve("a.yaml"), rule("a"));
    Files.createDirectories(dir.resolve("team"));
    Files.writeString(dir.resolve("team/b.yml"), rule("b"));
    Files.writeString(dir.resolve("notes.txt"), "not yaml: [");
    Files.createDirectories(dir.resolve("tests"));
    Files.writeString(dir.resolve("tests/a-test.yaml"), "not a rule file: [");
    // when
    RuleSet rules = new RuleLoader().load(dir);
    // then
    assertThat(rules.all()).extracting(CompiledRule::id).containsExactlyInAnyOrder("a", "b");

    // when one file goes bad, nothing loads and the problem names the file
    Files.writeString(dir.resolve("team/b.yml"), rule("b").replace("window: 5m", "window: 5"));
    // then
    assertThatThrownBy(() -> new RuleLoader().load(dir))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessage(
            "1 rule problem(s):\n"
                + dir.resolve("team/b.yml")
                + ":3: window: bad duration '5': use a number and a unit (ms, s, m, h, d, w),"
                + " e.g. 5m or 1h30m in rule 'b'");
  }

  @Test
  void readsAKubernetesConfigMapVolumeOnceSkippingItsHiddenDataDirectories(@TempDir Path dir)
      throws IOException {
    // given: the layout of a mounted ConfigMap, each file a link into a hidden timestamped dir
    Path data = Files.createDirectories(dir.resolve("..2026_11_28_12_00_00.000000001"));
    Files.writeString(data.resolve("a.yaml"), rule("a"));
    Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
    Files.createSymbolicLink(dir.resolve("a.yaml"), Path.of("..data", "a.yaml"));
    // when
    RuleLoader.Result r = new RuleLoader().validate(dir);
    // then
    assertThat(r.problems()).isEmpty();
    assertThat(r.rules().size()).isEqualTo(1);
  }

  @Test
  void aMissingPathIsAProblem(@TempDir Path dir) {
    // when
    RuleLoader.Result r = new RuleLoader().validate(dir.resolve("nope"));
    // then
    assertThat(r.problems())
        .extracting(RuleProblem::toString)
        .containsExactly(dir.resolve("nope") + ":0: no such file or directory");
  }

  @Test
  void keepsTheRedactListOfEveryFile() {
    // given
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.yaml", "redact: [password]\nrules:\n" + rule("a").indent(2));
    files.put("b.yaml", "redact: [token]\n");
    // when
    RuleLoader.Result r = new RuleLoader().validate(files);
    // then
    assertThat(r.problems()).isEmpty();
    assertThat(r.rules().redact()).containsExactlyInAnyOrder("password", "token");
  }

  private static String rule(String id) {
    return """
        - id: %s
          source: requests
          window: 5m
          measure: count
          severity: { P4: ">= 1" }
        """
        .formatted(id);
  }
}
