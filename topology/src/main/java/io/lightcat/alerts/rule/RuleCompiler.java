package io.lightcat.alerts.rule;

import io.lightcat.alerts.event.EventSchema;
import io.lightcat.alerts.event.FieldType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks what the YAML parser cannot: expressions (CEL type-checked against the source stream's
 * fields), group-by fields, and consistency between measure and conditions.
 */
public final class RuleCompiler {
  private final ExpressionCompiler expressions;

  public RuleCompiler() {
    this(new ExpressionCompiler());
  }

  public RuleCompiler(ExpressionCompiler expressions) {
    this.expressions = expressions;
  }

  /** The compiled rule, or the problems that keep it from compiling. */
  public record Outcome(CompiledRule rule, List<RuleProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public Outcome compile(Rule rule) {
    List<RuleProblem> problems = new ArrayList<>();
    String ctx =
        rule.isVariant()
            ? " in rule '"
                + rule.publicId()
                + "' (anyOf variant "
                + rule.id().substring(rule.publicId().length() + 1)
                + ")"
            : " in rule '" + rule.id() + "'";
    Map<String, FieldType> fields = EventSchema.of(rule.source()).fields();
    for (String g : rule.groupBy()) {
      FieldType t = fields.get(g);
      if (t == null) {
        problems.add(
            new RuleProblem(
                rule.file(),
                rule.lineOf("groupBy"),
                "groupBy field '"
                    + g
                    + "' is not a field of "
                    + rule.source().ruleName()
                    + " events"
                    + ctx));
      } else if (t == FieldType.MAP) {
        problems.add(
            new RuleProblem(
                rule.file(),
                rule.lineOf("groupBy"),
                "cannot group by map field '" + g + "'" + ctx));
      }
    }
    CompiledExpression filter = null;
    if (rule.filter() != null) {
      try {
        filter = expressions.compile(rule.source(), rule.filter(), Measure.ExpressionType.BOOL);
      } catch (IllegalArgumentException e) {
        problems.add(
            new RuleProblem(rule.file(), rule.lineOf("filter"), "filter: " + e.getMessage() + ctx));
      }
    }
    CompiledExpression value = null;
    if (rule.measure().expression().isPresent()) {
      try {
        value =
            expressions.compile(
                rule.source(), rule.measure().expression().get(), rule.measure().expressionType());
      } catch (IllegalArgumentException e) {
        problems.add(
            new RuleProblem(
                rule.file(), rule.lineOf("measure"), "measure: " + e.getMessage() + ctx));
      }
    }
    CompiledRule.Pairing pairing = null;
    if (rule.measure() instanceof Measure.PairDuration pair) {
      pairing = pairing(rule, pair, problems, ctx);
    }
    if (rule.levels().isEmpty()) {
      problems.add(
          new RuleProblem(rule.file(), rule.lineOf("severity"), "no severity level" + ctx));
    }
    levelWindows(rule, problems, ctx);
    if (rule.longestWindow().toMillis() / rule.resolution().toMillis() > 10_000) {
      problems.add(
          new RuleProblem(
              rule.file(),
              rule.lineOf("resolution"),
              "window / resolution must be at most 10000 buckets (for the longest window, "
                  + Durations.format(rule.longestWindow())
                  + ")"
                  + ctx));
    }
    List<CompiledRule.Figure> figures = new ArrayList<>();
    for (Map.Entry<String, Measure> f : rule.figures().entrySet()) {
      CompiledExpression e = null;
      if (f.getValue().expression().isPresent()) {
        try {
          e =
              expressions.compile(
                  rule.source(), f.getValue().expression().get(), f.getValue().expressionType());
        } catch (IllegalArgumentException ex) {
          problems.add(
              new RuleProblem(
                  rule.file(),
                  rule.lines().getOrDefault("figures." + f.getKey(), rule.lineOf("figures")),
                  "figure " + f.getKey() + ": " + ex.getMessage() + ctx));
        }
      }
      figures.add(new CompiledRule.Figure(f.getKey(), f.getValue(), e));
    }
    if (!problems.isEmpty()) {
      return new Outcome(null, problems);
    }
    return new Outcome(
        new CompiledRule(rule, filter, value, pairing, version(rule), figures), List.of());
  }

  /** Level windows must be measurable: a whole bucket at least, never for absent or spike. */
  private static void levelWindows(Rule rule, List<RuleProblem> problems, String ctx) {
    for (SeverityLevel l : rule.levels()) {
      if (l.window() == null && l.confirmWindow() == null) {
        continue;
      }
      int line = rule.lines().getOrDefault("severity." + l.severity(), rule.lineOf("severity"));
      String where = "severity " + l.severity() + ": ";
      if (rule.measure() instanceof Measure.Absent || rule.measure() instanceof Measure.Spike) {
        problems.add(
            new RuleProblem(
                rule.file(),
                line,
                where
                    + "window and confirmWindow cannot be used with "
                    + rule.measure().describe()
                    + ctx));
        continue;
      }
      Duration window = l.window() == null ? rule.window() : l.window();
      for (Duration d : new Duration[] {l.window(), l.confirmWindow()}) {
        if (d != null && d.compareTo(rule.resolution()) < 0) {
          problems.add(
              new RuleProblem(
                  rule.file(),
                  line,
                  where
                      + "window "
                      + Durations.format(d)
                      + " is shorter than the resolution "
                      + Durations.format(rule.resolution())
                      + ctx));
        }
      }
      if (l.confirmWindow() != null && l.confirmWindow().compareTo(window) >= 0) {
        problems.add(
            new RuleProblem(
                rule.file(),
                line,
                where
                    + "confirmWindow must be shorter than the level's window ("
                    + Durations.format(window)
                    + ")"
                    + ctx));
      }
    }
  }

  private CompiledRule.Pairing pairing(
      Rule rule, Measure.PairDuration pair, List<RuleProblem> problems, String ctx) {
    int measureLine = rule.lineOf("measure");
    CompiledExpression from = pairExpression(rule, "from", pair.from(), problems, ctx);
    CompiledExpression to = pairExpression(rule, "to", pair.to(), problems, ctx);
    FieldType byType = EventSchema.of(rule.source()).fields().get(pair.by());
    int byLine = rule.lines().getOrDefault("measure.by", measureLine);
    if (byType == null) {
      problems.add(
          new RuleProblem(
              rule.file(),
              byLine,
              "duration by: '"
                  + pair.by()
                  + "' is not a field of "
                  + rule.source().ruleName()
                  + " events"
                  + ctx));
    } else if (byType == FieldType.MAP) {
      problems.add(
          new RuleProblem(
              rule.file(),
              byLine,
              "duration by: cannot pair by map field '" + pair.by() + "'" + ctx));
    }
    return from == null || to == null ? null : new CompiledRule.Pairing(from, to, pair.by());
  }

  private CompiledExpression pairExpression(
      Rule rule, String part, String expression, List<RuleProblem> problems, String ctx) {
    try {
      return expressions.compile(rule.source(), expression, Measure.ExpressionType.BOOL);
    } catch (IllegalArgumentException e) {
      problems.add(
          new RuleProblem(
              rule.file(),
              rule.lines().getOrDefault("measure." + part, rule.lineOf("measure")),
              "duration " + part + ": " + e.getMessage() + ctx));
      return null;
    }
  }

  /** A short content hash of the rule's definition (ignores where it was read from). */
  static String version(Rule rule) {
    Rule normalized =
        new Rule(
            rule.id(),
            rule.title(),
            rule.description(),
            rule.source(),
            rule.filter(),
            rule.groupBy(),
            rule.window(),
            rule.resolution(),
            rule.measure(),
            rule.minEvents(),
            rule.levels(),
            rule.forDuration(),
            rule.keepFiringFor(),
            rule.runbook(),
            rule.summary(),
            new java.util.TreeMap<>(rule.labels()),
            "",
            0,
            Map.of(),
            rule.publicId(),
            rule.scale(),
            rule.figures(),
            rule.schedule());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(normalized.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
