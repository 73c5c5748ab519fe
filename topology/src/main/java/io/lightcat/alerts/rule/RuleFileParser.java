package io.lightcat.alerts.rule;

import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML rule file into {@link Rule}s, reporting every structural problem with its line:
 * unknown fields, bad durations, unknown measures, bad conditions, severities outside P1–P4.
 * Expressions are only checked later, by {@link RuleCompiler}.
 *
 * <p>A file is either a list of rules, or a mapping with {@code rules:} (the list) and {@code
 * redact:} (field names removed from everything the engine writes).
 */
public final class RuleFileParser {
  static final Set<String> RULE_FIELDS =
      Set.of(
          "id",
          "title",
          "description",
          "source",
          "filter",
          "groupBy",
          "window",
          "resolution",
          "measure",
          "minEvents",
          "severity",
          "for",
          "keepFiringFor",
          "runbook",
          "summary",
          "labels",
          "anyOf",
          "scale",
          "figures",
          "schedule");

  /**
   * Fields an {@code anyOf} variant may set; the others (id, title, description, runbook, labels)
   * belong to the public rule and are inherited by every variant.
   */
  static final Set<String> VARIANT_FIELDS =
      Set.of(
          "source",
          "filter",
          "groupBy",
          "window",
          "resolution",
          "measure",
          "minEvents",
          "severity",
          "for",
          "keepFiringFor",
          "summary",
          "scale",
          "figures",
          "schedule");

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern FIGURE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?)");

  /** What one file held. */
  public record Result(List<Rule> rules, Set<String> redact, List<RuleProblem> problems) {}

  private final String file;
  private final List<RuleProblem> problems = new ArrayList<>();

  /** Lines of the rule being parsed, by field; nested fields as {@code measure.from}. */
  private Map<String, Integer> lines = new HashMap<>();

  private RuleFileParser(String file) {
    this.file = file;
  }

  /** Whether {@code id} is a valid rule id: lowercase letters, digits and dashes. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** Parses {@code content}, naming {@code file} in problems. */
  public static Result parse(String file, String content) {
    return new RuleFileParser(file).parse(content);
  }

  /**
   * Parses {@code content} as exactly one rule: a mapping with {@code id}, {@code source}, ... (the
   * form the rules topic carries, and a rule in a file's list). JSON is YAML too.
   */
  public static Result parseOne(String file, String content) {
    return new RuleFileParser(file).parseOne(content);
  }

  private Result parseOne(String content) {
    List<Rule> rules = new ArrayList<>();
    Optional<Node> document = YamlDocument.compose(file, content, problems);
    if (document.isEmpty()) {
      if (problems.isEmpty()) {
        problems.add(new RuleProblem(file, 1, "empty: expected one rule"));
      }
      return new Result(rules, Set.of(), problems);
    }
    Node root = document.get();
    duplicateKeys(root, Collections.newSetFromMap(new IdentityHashMap<>()));
    if (root instanceof MappingNode ruleNode) {
      rules.addAll(parseRule(ruleNode));
    } else {
      problem(root, "expected one rule (a mapping with id, source, measure, ...)");
    }
    return new Result(rules, Set.of(), problems);
  }

  private Result parse(String content) {
    List<Rule> rules = new ArrayList<>();
    Set<String> redact = new LinkedHashSet<>();
    Optional<Node> document = YamlDocument.compose(file, content, problems);
    if (document.isEmpty()) {
      return new Result(rules, redact, problems);
    }
    Node root = document.get();
    // compose() builds nodes without constructing Java objects, so SnakeYAML's own duplicate-key
    // check (a constructor feature) never runs: without this, the last of two 'window:' keys
    // would silently win.
    duplicateKeys(root, Collections.newSetFromMap(new IdentityHashMap<>()));
    Node ruleList = root;
    if (root instanceof MappingNode map) {
      ruleList = null;
      for (NodeTuple t : map.getValue()) {
        String key = scalar(t.getKeyNode());
        switch (key == null ? "" : key) {
          case "rules" -> ruleList = t.getValueNode();
          case "redact" -> redact.addAll(stringList(t.getValueNode(), "redact"));
          default ->
              problem(
                  t.getKeyNode(), "unknown top-level field '" + key + "' (expected rules, redact)");
        }
      }
      if (ruleList == null) {
        return new Result(rules, redact, problems);
      }
    }
    if (!(ruleList instanceof SequenceNode seq)) {
      problem(ruleList, "expected a list of rules");
      return new Result(rules, redact, problems);
    }
    for (Node item : seq.getValue()) {
      if (item instanceof MappingNode ruleNode) {
        rules.addAll(parseRule(ruleNode));
      } else {
        problem(item, "expected a rule (a mapping with id, source, measure, ...)");
      }
    }
    return new Result(rules, redact, problems);
  }

  /**
   * One rule, or — with {@code anyOf} — one internal rule per variant, with ids {@code <id>/0},
   * {@code <id>/1}, ... and the rule's id as their public id.
   */
  private List<Rule> parseRule(MappingNode node) {
    Map<String, Node> fields = new LinkedHashMap<>();
    Map<String, Integer> fieldLines = new HashMap<>();
    for (NodeTuple t : node.getValue()) {
      String key = scalar(t.getKeyNode());
      if (key == null || !RULE_FIELDS.contains(key)) {
        problem(t.getKeyNode(), "unknown field '" + key + "'" + suggestion(key));
        continue;
      }
      fields.put(key, t.getValueNode());
      fieldLines.put(key, line(t.getKeyNode()));
    }
    Node anyOf = fields.remove("anyOf");
    if (anyOf == null) {
      return buildRule(node, line(node), fields, fieldLines, -1).stream().toList();
    }
    int before = problems.size();
    String id = requiredString(node, fields, "id");
    String ctx = id == null ? "" : " in rule '" + id + "'";
    if (!(anyOf instanceof SequenceNode variants) || variants.getValue().isEmpty()) {
      problem(anyOf, "anyOf must be a list of variants, e.g. [{ source: infra, ... }]" + ctx);
      return List.of();
    }
    List<Map<String, Node>> variantFields = new ArrayList<>();
    List<Map<String, Integer>> variantLines = new ArrayList<>();
    for (Node v : variants.getValue()) {
      Map<String, Node> merged = new LinkedHashMap<>(fields);
      Map<String, Integer> mergedLines = new HashMap<>(fieldLines);
      if (!(v instanceof MappingNode vm)) {
        problem(v, "an anyOf variant must be a mapping (source, filter, measure, ...)" + ctx);
        continue;
      }
      for (NodeTuple t : vm.getValue()) {
        String key = scalar(t.getKeyNode());
        if (key != null && RULE_FIELDS.contains(key) && !VARIANT_FIELDS.contains(key)) {
          problem(
              t.getKeyNode(),
              "field '" + key + "' belongs to the rule, not to an anyOf variant" + ctx);
        } else if (key == null || !VARIANT_FIELDS.contains(key)) {
          problem(t.getKeyNode(), "unknown field '" + key + "'" + suggestion(key) + ctx);
        } else {
          merged.put(key, t.getValueNode());
          mergedLines.put(key, line(t.getKeyNode()));
        }
      }
      variantFields.add(merged);
      variantLines.add(mergedLines);
    }
    if (problems.size() > before || id == null) {
      return List.of();
    }
    List<Rule> out = new ArrayList<>();
    for (int i = 0; i < variantFields.size(); i++) {
      buildRule(
              variants.getValue().get(i), line(node), variantFields.get(i), variantLines.get(i), i)
          .ifPresent(out::add);
    }
    return out.size() == variantFields.size() ? out : List.of();
  }

  /**
   * Builds one rule from its fields.
   *
   * @param node where problems about missing fields point: the rule, or its anyOf variant
   * @param variant the index of the anyOf variant, or -1 for a plain rule
   */
  private Optional<Rule> buildRule(
      Node node,
      int ruleLine,
      Map<String, Node> fields,
      Map<String, Integer> fieldLines,
      int variant) {
    int before = problems.size();
    lines = new HashMap<>(fieldLines);
    String publicId = requiredString(node, fields, "id");
    if (publicId != null && !ID.matcher(publicId).matches()) {
      problem(
          fields.get("id"),
          "rule id '" + publicId + "' must be lowercase letters, digits and dashes");
    }
    String id = publicId == null || variant < 0 ? publicId : publicId + "/" + variant;
    String ctx =
        publicId == null
            ? ""
            : variant < 0
                ? " in rule '" + publicId + "'"
                : " in rule '" + publicId + "' (anyOf variant " + variant + ")";
    EventStream source = null;
    String sourceName = requiredString(node, fields, "source");
    if (sourceName != null) {
      source = EventStream.fromRuleName(sourceName).orElse(null);
      if (source == null) {
        problem(
            fields.get("source"),
            "unknown source '"
                + sourceName
                + "'"
                + ctx
                + " (expected requests, payments, game, infra)");
      }
    }
    Measure measure = fields.containsKey("measure") ? measure(fields.get("measure"), ctx) : null;
    if (!fields.containsKey("measure")) {
      problem(node, "missing required field 'measure'" + ctx);
    }
    Rule.Schedule schedule = Rule.Schedule.SLIDING;
    if (fields.containsKey("schedule")) {
      if ("daily".equals(scalar(fields.get("schedule")))) {
        schedule = Rule.Schedule.DAILY;
      } else {
        problem(
            fields.get("schedule"),
            "schedule must be 'daily' (leave it out for a sliding window)" + ctx);
      }
    }
    boolean daily = schedule == Rule.Schedule.DAILY;
    Duration window = null;
    if (daily) {
      window = Rule.DAY;
      if (fields.containsKey("window")) {
        problem(fields.get("window"), "a daily rule has no window: it covers the UTC day" + ctx);
      }
      for (String f : List.of("for", "keepFiringFor")) {
        if (fields.containsKey(f)) {
          problem(
              fields.get(f),
              f
                  + " does not apply to a daily rule: its digest fires at the day boundary and"
                  + " resolves at the next"
                  + ctx);
        }
      }
      if (measure instanceof Measure.Absent
          || measure instanceof Measure.Spike
          || measure instanceof Measure.PairDuration) {
        problem(fields.get("measure"), "a daily rule cannot measure " + measure.describe() + ctx);
      }
    } else if (fields.containsKey("window")) {
      window = duration(fields.get("window"), "window", ctx);
      if (window != null && window.isZero()) {
        problem(fields.get("window"), "window must be longer than zero" + ctx);
        window = null;
      }
    } else if (measure instanceof Measure.Absent) {
      window = Duration.ofDays(1);
    } else {
      problem(node, "missing required field 'window'" + ctx);
    }
    Duration resolution = daily ? Duration.ofHours(1) : null;
    if (fields.containsKey("resolution")) {
      resolution = duration(fields.get("resolution"), "resolution", ctx);
      if (resolution != null
          && window != null
          && (resolution.isZero() || resolution.compareTo(window) > 0)) {
        problem(fields.get("resolution"), "resolution must be between 1ms and the window" + ctx);
      } else if (resolution != null && daily && Rule.DAY.toMillis() % resolution.toMillis() != 0) {
        problem(
            fields.get("resolution"),
            "a daily rule's resolution must divide a day evenly, e.g. 1h" + ctx);
      }
    }
    Map<String, Measure> figures =
        fields.containsKey("figures") ? figures(fields.get("figures"), ctx) : Map.of();
    if (!figures.isEmpty() && measure instanceof Measure.PairDuration) {
      problem(fields.get("figures"), "a duration rule cannot have figures" + ctx);
    }
    List<SeverityLevel> levels =
        fields.containsKey("severity") ? levels(fields.get("severity"), ctx) : List.of();
    if (!fields.containsKey("severity")) {
      problem(node, "missing required field 'severity'" + ctx);
    }
    Duration forDuration =
        fields.containsKey("for") ? duration(fields.get("for"), "for", ctx) : Duration.ZERO;
    Duration keep =
        fields.containsKey("keepFiringFor")
            ? duration(fields.get("keepFiringFor"), "keepFiringFor", ctx)
            : Duration.ZERO;
    long minEvents = 0;
    if (fields.containsKey("minEvents")) {
      String s = scalar(fields.get("minEvents"));
      try {
        minEvents = Long.parseLong(s == null ? "" : s.trim());
        if (minEvents < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        problem(fields.get("minEvents"), "minEvents must be a whole number >= 0" + ctx);
      }
    }
    double scale = 1;
    if (fields.containsKey("scale")) {
      String s = scalar(fields.get("scale"));
      try {
        scale = Double.parseDouble(s == null ? "" : s.trim());
        if (!(scale > 0) || Double.isInfinite(scale)) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        problem(fields.get("scale"), "scale must be a number > 0, e.g. 1000" + ctx);
        scale = 1;
      }
    }
    List<String> groupBy =
        fields.containsKey("groupBy") ? stringList(fields.get("groupBy"), "groupBy") : List.of();
    Map<String, String> labels =
        fields.containsKey("labels") ? stringMap(fields.get("labels"), "labels") : Map.of();
    if (problems.size() > before
        || id == null
        || source == null
        || measure == null
        || window == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Rule(
            id,
            optionalString(fields, "title"),
            optionalString(fields, "description"),
            source,
            optionalString(fields, "filter"),
            groupBy,
            window,
            resolution == null ? Rule.defaultResolution(window) : resolution,
            measure,
            minEvents,
            levels,
            forDuration,
            keep,
            optionalString(fields, "runbook"),
            optionalString(fields, "summary"),
            labels,
            file,
            ruleLine,
            lines,
            publicId,
            scale,
            figures,
            schedule));
  }

  /** {@code figures:}: names to measures over the rule's events, each counted on its own. */
  private Map<String, Measure> figures(Node node, String ctx) {
    Map<String, Measure> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
      problem(
          node, "figures must map names to measures, e.g. { revenue: { sum: amountSats } }" + ctx);
      return out;
    }
    for (NodeTuple t : map.getValue()) {
      String name = scalar(t.getKeyNode());
      if (name == null || !FIGURE.matcher(name).matches()) {
        problem(
            t.getKeyNode(), "figure name '" + name + "' must be a word (letters, digits, _)" + ctx);
        continue;
      }
      lines.put("figures." + name, line(t.getKeyNode()));
      Measure m = measure(t.getValueNode(), ctx);
      if (m instanceof Measure.Absent
          || m instanceof Measure.Spike
          || m instanceof Measure.PairDuration) {
        problem(t.getValueNode(), "figure '" + name + "' cannot be " + m.describe() + ctx);
      } else if (m != null) {
        out.put(name, m);
      }
    }
    return out;
  }

  private Measure measure(Node node, String ctx) {
    if (node instanceof ScalarNode) {
      String name = scalar(node);
      return switch (name == null ? "" : name) {
        case "count" -> new Measure.Count();
        case "absent" -> new Measure.Absent();
        default -> {
          problem(node, "unknown measure '" + name + "'" + ctx + measureHelp());
          yield null;
        }
      };
    }
    if (!(node instanceof MappingNode map) || map.getValue().size() != 1) {
      problem(node, "measure must name exactly one measure, e.g. { ratio: status >= 500 }" + ctx);
      return null;
    }
    NodeTuple t = map.getValue().get(0);
    String name = scalar(t.getKeyNode());
    Node value = t.getValueNode();
    String expr = scalar(value);
    if (name == null) {
      problem(node, "measure must name a measure" + ctx);
      return null;
    }
    Matcher pm = PERCENTILE.matcher(name);
    if (pm.matches()) {
      double q = Double.parseDouble(pm.group(1)) / 100.0;
      if (q <= 0 || q >= 1) {
        problem(t.getKeyNode(), "percentile " + name + " must be between p1 and p99.9" + ctx);
        return null;
      }
      return needsExpression(value, name, ctx) ? new Measure.Percentile(q, expr) : null;
    }
    return switch (name) {
      case "count" -> new Measure.Count();
      case "absent" -> new Measure.Absent();
      case "rate" -> rate(value, ctx);
      case "ratio" -> needsExpression(value, name, ctx) ? new Measure.Ratio(expr) : null;
      case "sum", "avg", "min", "max" ->
          needsExpression(value, name, ctx)
              ? new Measure.Stat(Measure.Stat.Kind.valueOf(name.toUpperCase(Locale.ROOT)), expr)
              : null;
      case "distinct" -> needsExpression(value, name, ctx) ? new Measure.Distinct(expr) : null;
      case "last" -> needsExpression(value, name, ctx) ? new Measure.Last(expr) : null;
      case "spike" -> spike(value, ctx);
      case "duration" -> pairDuration(t.getKeyNode(), value, ctx);
      default -> {
        problem(t.getKeyNode(), "unknown measure '" + name + "'" + ctx + measureHelp());
        yield null;
      }
    };
  }

  private Measure rate(Node value, String ctx) {
    String per = scalar(value);
    if ("per_second".equals(per) || "1s".equals(per)) {
      return new Measure.Rate(Duration.ofSeconds(1));
    }
    if ("per_minute".equals(per) || "1m".equals(per)) {
      return new Measure.Rate(Duration.ofMinutes(1));
    }
    if ("per_hour".equals(per) || "1h".equals(per)) {
      return new Measure.Rate(Duration.ofHours(1));
    }
    problem(value, "rate must be per_second, per_minute or per_hour" + ctx);
    return null;
  }

  private Measure spike(Node value, String ctx) {
    if (!(value instanceof MappingNode map)) {
      problem(
          value, "spike needs { of: <measure>, baseline: <windows>, minBaseline: <number> }" + ctx);
      return null;
    }
    Measure of = null;
    int baseline = 6;
    double minBaseline = 0;
    for (NodeTuple t : map.getValue()) {
      String key = scalar(t.getKeyNode());
      switch (key == null ? "" : key) {
        case "of" -> of = measure(t.getValueNode(), ctx);
        case "baseline" -> {
          try {
            baseline = Integer.parseInt(String.valueOf(scalar(t.getValueNode())).trim());
            if (baseline < 1 || baseline > 100) {
              throw new NumberFormatException();
            }
          } catch (NumberFormatException e) {
            problem(
                t.getValueNode(), "spike baseline must be a number of windows from 1 to 100" + ctx);
          }
        }
        case "minBaseline" -> {
          try {
            minBaseline = Double.parseDouble(String.valueOf(scalar(t.getValueNode())).trim());
          } catch (NumberFormatException e) {
            problem(t.getValueNode(), "spike minBaseline must be a number" + ctx);
          }
        }
        default ->
            problem(
                t.getKeyNode(),
                "unknown spike field '" + key + "' (expected of, baseline, minBaseline)" + ctx);
      }
    }
    if (of == null) {
      problem(value, "spike needs 'of': the measure to compare with its baseline" + ctx);
      return null;
    }
    if (of instanceof Measure.Spike
        || of instanceof Measure.Absent
        || of instanceof Measure.PairDuration) {
      problem(value, "spike cannot be of " + of.describe() + ctx);
      return null;
    }
    return new Measure.Spike(of, baseline, minBaseline);
  }

  private Measure pairDuration(Node name, Node value, String ctx) {
    if (!(value instanceof MappingNode map)) {
      problem(
          value,
          "duration needs { from: <bool expr>, to: <bool expr>, by: <field>, stat: avg, timeout: 1h }"
              + ctx);
      return null;
    }
    Map<String, String> parts = new HashMap<>();
    Measure stat = new Measure.Stat(Measure.Stat.Kind.AVG, Measure.PairDuration.SECONDS);
    Duration timeout = Measure.PairDuration.DEFAULT_TIMEOUT;
    int before = problems.size();
    for (NodeTuple t : map.getValue()) {
      String key = scalar(t.getKeyNode());
      Node v = t.getValueNode();
      switch (key == null ? "" : key) {
        case "from", "to", "by" -> {
          String s = scalar(v);
          lines.put("measure." + key, line(t.getKeyNode()));
          if (s == null || s.isBlank()) {
            problem(v, "duration " + key + " must be " + pairPartHelp(key) + ctx);
          } else {
            parts.put(key, s.strip());
          }
        }
        case "stat" -> stat = pairStat(v, ctx);
        case "timeout" -> {
          timeout = duration(v, "duration timeout", ctx);
          if (timeout != null && timeout.isZero()) {
            problem(v, "duration timeout must be longer than zero" + ctx);
          }
        }
        default ->
            problem(
                t.getKeyNode(),
                "unknown duration field '"
                    + key
                    + "' (expected from, to, by, stat, timeout)"
                    + ctx);
      }
    }
    for (String required : List.of("from", "to", "by")) {
      if (!lines.containsKey("measure." + required)) {
        problem(name, "duration needs '" + required + "': " + pairPartHelp(required) + ctx);
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new Measure.PairDuration(
        parts.get("from"), parts.get("to"), parts.get("by"), stat, timeout);
  }

  private static String pairPartHelp(String part) {
    return switch (part) {
      case "from" ->
          "a bool expression that picks the start events, e.g. kind == \"invoice_created\"";
      case "to" ->
          "a bool expression that picks the end events, e.g. kind == \"payment_confirmed\"";
      default -> "the field that pairs a start with its end, e.g. invoiceId";
    };
  }

  private Measure pairStat(Node value, String ctx) {
    String name = scalar(value);
    String seconds = Measure.PairDuration.SECONDS;
    Matcher pm = PERCENTILE.matcher(name == null ? "" : name);
    if (pm.matches()) {
      double q = Double.parseDouble(pm.group(1)) / 100.0;
      if (q > 0 && q < 1) {
        return new Measure.Percentile(q, seconds);
      }
    }
    return switch (name == null ? "" : name) {
      case "count" -> new Measure.Count();
      case "sum", "avg", "min", "max" ->
          new Measure.Stat(Measure.Stat.Kind.valueOf(name.toUpperCase(Locale.ROOT)), seconds);
      default -> {
        problem(
            value,
            "duration stat '"
                + name
                + "' must be avg, max, min, sum, count or a percentile p1..p99.9"
                + ctx);
        yield null;
      }
    };
  }

  private boolean needsExpression(Node value, String name, String ctx) {
    String expr = scalar(value);
    if (expr == null || expr.isBlank()) {
      problem(
          value,
          "measure " + name + " needs an expression, e.g. { " + name + ": latencyMs }" + ctx);
      return false;
    }
    return true;
  }

  private static String measureHelp() {
    return " (expected count, rate, ratio, sum, avg, min, max, p50..p99, distinct, last, absent,"
        + " spike, duration)";
  }

  private List<SeverityLevel> levels(Node node, String ctx) {
    List<SeverityLevel> levels = new ArrayList<>();
    if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
      problem(node, "severity must map P1..P4 to conditions, e.g. { P1: \"> 0.05\" }" + ctx);
      return levels;
    }
    for (NodeTuple t : map.getValue()) {
      String key = scalar(t.getKeyNode());
      Optional<Severity> severity = Severity.parse(key == null ? "" : key);
      if (severity.isEmpty() || !key.equals(severity.get().name())) {
        problem(t.getKeyNode(), "severity '" + key + "' is not one of P1, P2, P3, P4" + ctx);
        continue;
      }
      lines.put("severity." + key, line(t.getKeyNode()));
      if (t.getValueNode() instanceof SequenceNode alternatives) {
        // Several conditions for one severity: it holds when any of them does.
        if (alternatives.getValue().isEmpty()) {
          problem(alternatives, "severity " + key + " needs at least one condition" + ctx);
        }
        for (Node v : alternatives.getValue()) {
          level(severity.get(), key, v, ctx).ifPresent(levels::add);
        }
      } else {
        level(severity.get(), key, t.getValueNode(), ctx).ifPresent(levels::add);
      }
    }
    // Stable: alternatives of one severity keep their order.
    levels.sort((a, b) -> a.severity().compareTo(b.severity()));
    return levels;
  }

  private Optional<SeverityLevel> level(Severity severity, String key, Node v, String ctx) {
    String when;
    String recover = null;
    Duration window = null;
    Duration confirmWindow = null;
    int before = problems.size();
    if (v instanceof MappingNode levelMap) {
      when = null;
      for (NodeTuple lt : levelMap.getValue()) {
        String k = scalar(lt.getKeyNode());
        switch (k == null ? "" : k) {
          case "when" -> when = scalar(lt.getValueNode());
          case "recover" -> recover = scalar(lt.getValueNode());
          case "window" -> window = positive(lt.getValueNode(), "severity " + key + " window", ctx);
          case "confirmWindow" ->
              confirmWindow =
                  positive(lt.getValueNode(), "severity " + key + " confirmWindow", ctx);
          default ->
              problem(
                  lt.getKeyNode(),
                  "unknown field '"
                      + k
                      + "' in severity "
                      + key
                      + " (expected when, recover, window, confirmWindow)"
                      + ctx);
        }
      }
    } else {
      when = scalar(v);
    }
    try {
      Condition w = Condition.parse(when);
      Condition r = recover == null ? null : Condition.parse(recover);
      if (r != null && r.rising() == w.rising()) {
        problem(
            v,
            "recover condition '"
                + recover
                + "' must point the other way than '"
                + when
                + "'"
                + ctx);
        return Optional.empty();
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      return Optional.of(new SeverityLevel(severity, w, r, window, confirmWindow));
    } catch (IllegalArgumentException e) {
      problem(v, e.getMessage() + ctx);
      return Optional.empty();
    }
  }

  private Duration positive(Node node, String field, String ctx) {
    Duration d = duration(node, field, ctx);
    if (d != null && d.isZero()) {
      problem(node, field + " must be longer than zero" + ctx);
      return null;
    }
    return d;
  }

  private Duration duration(Node node, String field, String ctx) {
    try {
      Duration d = Durations.parse(scalar(node));
      return d;
    } catch (IllegalArgumentException e) {
      problem(node, field + ": " + e.getMessage() + ctx);
      return null;
    }
  }

  private String requiredString(Node ruleNode, Map<String, Node> fields, String name) {
    Node n = fields.get(name);
    if (n == null) {
      problem(ruleNode, "missing required field '" + name + "'");
      return null;
    }
    String s = scalar(n);
    if (s == null || s.isBlank()) {
      problem(n, "field '" + name + "' must be a non-empty string");
      return null;
    }
    return s;
  }

  private String optionalString(Map<String, Node> fields, String name) {
    Node n = fields.get(name);
    if (n == null) {
      return null;
    }
    String s = scalar(n);
    if (s == null) {
      problem(n, "field '" + name + "' must be a string");
    }
    return s;
  }

  private List<String> stringList(Node node, String field) {
    List<String> out = new ArrayList<>();
    if (!(node instanceof SequenceNode seq)) {
      problem(node, field + " must be a list of names");
      return out;
    }
    for (Node item : seq.getValue()) {
      String s = scalar(item);
      if (s == null || s.isBlank()) {
        problem(item, field + " entries must be names");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private Map<String, String> stringMap(Node node, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode map)) {
      problem(node, field + " must map names to values");
      return out;
    }
    for (NodeTuple t : map.getValue()) {
      String k = scalar(t.getKeyNode());
      String v = scalar(t.getValueNode());
      if (k == null || v == null) {
        problem(t.getKeyNode(), field + " entries must be name: value");
      } else {
        out.put(k, v);
      }
    }
    return out;
  }

  private static String suggestion(String key) {
    if (key == null) {
      return "";
    }
    String best = null;
    int bestDistance = 3;
    // Sorted: Set.of iterates in a per-JVM random order, which would make ties unstable.
    for (String f : new TreeSet<>(RULE_FIELDS)) {
      int d = distance(key.toLowerCase(Locale.ROOT), f.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = f;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    return prev[b.length()];
  }

  private void duplicateKeys(Node node, Set<Node> visited) {
    if (!visited.add(node)) {
      return; // an alias to a node already checked; also stops recursive anchors
    }
    if (node instanceof MappingNode map) {
      Map<String, Integer> seen = new HashMap<>();
      for (NodeTuple t : map.getValue()) {
        String key = scalar(t.getKeyNode());
        Integer first = key == null ? null : seen.putIfAbsent(key, line(t.getKeyNode()));
        if (first != null) {
          problem(t.getKeyNode(), "duplicate key '" + key + "' (first at line " + first + ")");
        }
        duplicateKeys(t.getValueNode(), visited);
      }
    } else if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(n -> duplicateKeys(n, visited));
    }
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  private static int line(Node node) {
    return node == null ? 1 : node.getStartMark().getLine() + 1;
  }

  private void problem(Node node, String message) {
    problems.add(new RuleProblem(file, line(node), message));
  }
}
