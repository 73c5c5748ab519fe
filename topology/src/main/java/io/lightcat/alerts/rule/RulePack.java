package io.lightcat.alerts.rule;

import java.util.List;
import java.util.Set;

/**
 * The rules read from a rule directory, one {@link RuleDefinition} per rule, plus the pack's
 * redaction list (which is configuration of the engine, not a rule: it is read from the files at
 * start and never travels through the rules topic).
 */
public record RulePack(List<RuleDefinition> definitions, Set<String> redact) {
  public RulePack {
    definitions = List.copyOf(definitions);
    redact = Set.copyOf(redact);
  }

  /** Every variant of every definition, as one rule set. */
  public RuleSet ruleSet() {
    return new RuleSet(definitions.stream().flatMap(d -> d.variants().stream()).toList(), redact);
  }
}
