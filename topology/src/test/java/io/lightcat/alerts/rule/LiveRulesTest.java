package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.rule.LiveRules.ChangeKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveRulesTest {
  private static final String RULE =
      """
      id: errors
      source: requests
      window: 1m
      measure: { ratio: status >= 500 }
      severity: { P2: "%s" }
      """;

  private final RuleBook book = new RuleBook(RuleSet.empty());
  private final LiveRules live = new LiveRules(book, Set.of("clientIp"));

  @Test
  void appliesAddChangeAndDeleteToTheBookInOrder() {
    // when a rule is added
    LiveRules.Change added = live.apply("errors", RULE.formatted("> 0.5"), "t@0");
    // then the book holds it, with the pack's redaction list
    assertThat(added.kind()).isEqualTo(ChangeKind.ADDED);
    assertThat(book.current().get("errors")).isPresent();
    assertThat(book.current().redact()).containsExactly("clientIp");
    String v1 = added.version();

    // when the same definition comes again, however formatted
    assertThat(live.apply("errors", RULE.formatted("> 0.5") + "# comment\n", "t@1").kind())
        .isEqualTo(ChangeKind.UNCHANGED);

    // when it changes
    LiveRules.Change changed = live.apply("errors", RULE.formatted("> 0.2"), "t@2");
    assertThat(changed.kind()).isEqualTo(ChangeKind.CHANGED);
    assertThat(changed.version()).isNotEqualTo(v1);
    assertThat(book.current().get("errors").orElseThrow().version()).isEqualTo(changed.version());

    // when it is deleted, twice
    assertThat(live.apply("errors", null, "t@3").kind()).isEqualTo(ChangeKind.DELETED);
    assertThat(book.current().size()).isZero();
    assertThat(live.apply("errors", null, "t@4").kind()).isEqualTo(ChangeKind.UNKNOWN);
  }

  @Test
  void anInvalidDefinitionLeavesTheRuleInForceAsItWas() {
    String v1 = live.apply("errors", RULE.formatted("> 0.5"), "t@0").version();

    LiveRules.Change broken = live.apply("errors", RULE.formatted("> lots"), "alert-rules[0]@1");
    assertThat(broken.kind()).isEqualTo(ChangeKind.INVALID);
    assertThat(broken.problems()).isNotEmpty();
    assertThat(broken.problems().get(0).toString()).startsWith("alert-rules[0]@1:5: ");
    assertThat(broken.version()).isEqualTo(v1);
    assertThat(book.current().get("errors").orElseThrow().version()).isEqualTo(v1);

    assertThat(live.apply("other", RULE.formatted("> 0.5"), "t@2").kind())
        .as("a key that is not the rule's id")
        .isEqualTo(ChangeKind.INVALID);
    assertThat(live.apply(null, RULE.formatted("> 0.5"), "t@3").kind())
        .isEqualTo(ChangeKind.INVALID);
    assertThat(live.apply("errors", "- [not, a, rule]", "t@4").kind())
        .isEqualTo(ChangeKind.INVALID);
    assertThat(book.current().size()).isEqualTo(1);
  }
}
