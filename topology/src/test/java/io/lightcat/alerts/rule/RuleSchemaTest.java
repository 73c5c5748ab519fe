package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keeps alert-rules/rule-schema.json and the README from drifting away from the parser. */
class RuleSchemaTest {
  private static final Path RULES_DIR = Path.of("..", "alert-rules");

  private static JsonNode schema() throws IOException {
    return new ObjectMapper().readTree(Files.readString(RULES_DIR.resolve("rule-schema.json")));
  }

  @Test
  void declaresExactlyTheFieldsTheParserAccepts() throws IOException {
    // given
    JsonNode rule = schema().at("/$defs/rule");
    // when
    Set<String> declared = new HashSet<>();
    rule.get("properties").fieldNames().forEachRemaining(declared::add);
    // then
    assertThat(schema().get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(declared).isEqualTo(RuleFileParser.RULE_FIELDS);
    assertThat(rule.get("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void declaresExactlyTheFieldsAVariantMaySet() throws IOException {
    // when
    Set<String> declared = new HashSet<>();
    schema().at("/$defs/variant/properties").fieldNames().forEachRemaining(declared::add);
    // then
    assertThat(declared).isEqualTo(RuleFileParser.VARIANT_FIELDS);
  }

  @Test
  void declaresExactlyTheSeverities() throws IOException {
    // when
    Set<String> declared = new HashSet<>();
    schema()
        .at("/$defs/rule/properties/severity/properties")
        .fieldNames()
        .forEachRemaining(declared::add);
    // then
    assertThat(declared).containsExactlyInAnyOrder("P1", "P2", "P3", "P4");
  }

  @ParameterizedTest(name = "''{0}'' valid {1}")
  @CsvSource({
    "5m, true",
    "1h30m, true",
    "500ms, true",
    "0, true",
    "2w, true",
    "5, false",
    "5 m, false",
    "PT5M, false",
    "'', false"
  })
  void durationPatternAgreesWithTheParser(String text, boolean valid) throws IOException {
    // given
    Pattern pattern = Pattern.compile(schema().at("/$defs/duration/pattern").asText());
    // when
    boolean parses;
    try {
      Durations.parse(text);
      parses = true;
    } catch (IllegalArgumentException e) {
      parses = false;
    }
    // then
    assertThat(pattern.matcher(text).find()).isEqualTo(valid);
    assertThat(parses).isEqualTo(valid);
  }

  @Test
  void declaresTheDurationMeasure() throws IOException {
    // when
    JsonNode duration = schema().at("/$defs/namedMeasure/properties/duration");
    Set<String> declared = new HashSet<>();
    duration.get("properties").fieldNames().forEachRemaining(declared::add);
    Pattern stat = Pattern.compile(duration.at("/properties/stat/pattern").asText());
    // then
    assertThat(declared).containsExactlyInAnyOrder("from", "to", "by", "stat", "timeout");
    assertThat(duration.get("required").toString()).isEqualTo("[\"from\",\"to\",\"by\"]");
    assertThat(List.of("avg", "max", "min", "sum", "count", "p95", "p99.9"))
        .allMatch(s -> stat.matcher(s).matches());
    assertThat(List.of("median", "p", "average")).noneMatch(s -> stat.matcher(s).matches());
  }

  @Test
  void theReadmeDocumentsEveryField() throws IOException {
    // given
    String readme = Files.readString(RULES_DIR.resolve("README.md"));
    // then
    for (String field : RuleFileParser.RULE_FIELDS) {
      assertThat(readme).as(field).contains("| `" + field + "` |");
    }
  }
}
