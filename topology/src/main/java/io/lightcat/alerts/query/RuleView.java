package io.lightcat.alerts.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lightcat.alerts.rule.CompiledRule;
import io.lightcat.alerts.rule.Rule;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.rule.SeverityLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An active rule as the rules API shows it, under the id its alerts carry. An {@code anyOf} rule is
 * one view: its first alternative's definition at the top, the others in {@code alternatives}; the
 * rule fires when any of them holds. Durations are ISO-8601 ({@code PT5M}), like {@code
 * responseTarget} in alerts.
 */
public record RuleView(
    String id,
    String title,
    String description,
    String source,
    String runbook,
    String version,
    String filter,
    List<String> groupBy,
    String window,
    String measure,
    String schedule,
    @JsonProperty("for") String forDuration,
    String keepFiringFor,
    List<Level> severities,
    List<Definition> alternatives) {

  /** One severity of a rule and the conditions that raise and clear it. */
  public record Level(
      String severity, String when, String recover, String window, String confirmWindow) {
    static Level of(SeverityLevel l) {
      return new Level(
          l.severity().name(),
          l.when().toString(),
          l.recover() == null ? null : l.recover().toString(),
          iso(l.window()),
          iso(l.confirmWindow()));
    }
  }

  /** Another alternative of an {@code anyOf} rule. */
  public record Definition(
      String version,
      String filter,
      List<String> groupBy,
      String window,
      String measure,
      @JsonProperty("for") String forDuration,
      String keepFiringFor,
      List<Level> severities) {
    static Definition of(CompiledRule c) {
      Rule r = c.rule();
      return new Definition(
          c.version(),
          r.filter(),
          r.groupBy(),
          iso(r.window()),
          r.measure().describe(),
          iso(r.forDuration()),
          iso(r.keepFiringFor()),
          levels(r));
    }
  }

  /** Every active rule, one view per public id, in the rule set's order. */
  public static List<RuleView> all(RuleSet rules) {
    Map<String, List<CompiledRule>> byPublicId = new LinkedHashMap<>();
    for (CompiledRule c : rules.all()) {
      byPublicId.computeIfAbsent(c.rule().publicId(), k -> new ArrayList<>()).add(c);
    }
    return byPublicId.values().stream().map(RuleView::of).toList();
  }

  /** The rule alerts carry as {@code id}, if active. */
  public static Optional<RuleView> find(RuleSet rules, String id) {
    return all(rules).stream().filter(v -> v.id().equals(id)).findFirst();
  }

  private static RuleView of(List<CompiledRule> variants) {
    CompiledRule first = variants.get(0);
    Rule r = first.rule();
    return new RuleView(
        r.publicId(),
        r.title(),
        r.description(),
        r.source().ruleName(),
        r.runbook(),
        first.version(),
        r.filter(),
        r.groupBy(),
        iso(r.window()),
        r.measure().describe(),
        r.schedule().name().toLowerCase(Locale.ROOT),
        iso(r.forDuration()),
        iso(r.keepFiringFor()),
        levels(r),
        variants.subList(1, variants.size()).stream().map(Definition::of).toList());
  }

  private static List<Level> levels(Rule r) {
    return r.levels().stream().map(Level::of).toList();
  }

  private static String iso(Duration d) {
    return d == null ? null : d.toString();
  }
}
