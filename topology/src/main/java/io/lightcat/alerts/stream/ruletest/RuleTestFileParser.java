package io.lightcat.alerts.stream.ruletest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.EventParser;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.event.ParseResult;
import io.lightcat.alerts.rule.Durations;
import io.lightcat.alerts.rule.RuleProblem;
import io.lightcat.alerts.rule.Severity;
import io.lightcat.alerts.rule.YamlDocument;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.Expectation;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.ExpectedAlert;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.ExpectedValue;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.InputEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one rule test file, reporting every problem with its line: bad YAML, unknown fields,
 * unknown streams, bad durations and offsets, and input events the engine would reject (checked by
 * the real {@link EventParser}, whose reason is reported). Rule files are only named here; {@link
 * RuleTestRunner} loads them.
 */
final class RuleTestFileParser {
  /** Start of the offsets when the file has no {@code start:}. */
  static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  /** Upper bound of expanded input events per test: a typo in {@code count} must not hang a run. */
  static final int MAX_EVENTS_PER_TEST = 200_000;

  private static final Set<String> TOP = Set.of("rules", "start", "tests");
  private static final Set<String> TEST = Set.of("name", "input", "expect");
  private static final Set<String> INPUT =
      Set.of("stream", "at", "every", "count", "until", "event");
  private static final Set<String> EXPECT = Set.of("at", "alerts");
  private static final Set<String> ALERT = Set.of("rule", "severity", "labels", "value", "summary");
  private static final Set<String> VALUE = Set.of("approx", "tolerance");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the file held.
   *
   * @param rules rule files or folders named by {@code rules:} (unresolved, with their line), or
   *     empty when the file relies on the default
   */
  record Parsed(
      List<RulesEntry> rules,
      Instant start,
      List<RuleTestCase> cases,
      List<RuleProblem> problems) {}

  /** One entry of {@code rules:}. */
  record RulesEntry(String path, int line) {}

  private final String file;
  private final EventParser eventParser = new EventParser(EngineConfig.defaults());
  private final List<RuleProblem> problems = new ArrayList<>();

  private RuleTestFileParser(String file) {
    this.file = file;
  }

  /** Parses {@code content}, naming {@code file} in problems. */
  static Parsed parse(String file, String content) {
    return new RuleTestFileParser(file).parse(content);
  }

  private Parsed parse(String content) {
    List<RulesEntry> rules = new ArrayList<>();
    List<RuleTestCase> cases = new ArrayList<>();
    Instant start = DEFAULT_START;
    Optional<Node> document = YamlDocument.compose(file, content, problems);
    if (document.isEmpty() && !problems.isEmpty()) {
      return new Parsed(rules, start, cases, problems);
    }
    Node root = document.orElse(null);
    if (!(root instanceof MappingNode map)) {
      problems.add(
          new RuleProblem(
              file, root == null ? 1 : line(root), "a rule test file is a mapping with tests:"));
      return new Parsed(rules, start, cases, problems);
    }
    Map<String, NodeTuple> fields = fields(map, TOP, "");
    if (fields.containsKey("rules")) {
      Node n = fields.get("rules").getValueNode();
      for (Node item : n instanceof SequenceNode seq ? seq.getValue() : List.of(n)) {
        String path = scalar(item);
        if (path == null || path.isBlank()) {
          problem(item, "rules: entries must be paths of rule files, relative to this file");
        } else {
          rules.add(new RulesEntry(path, line(item)));
        }
      }
    }
    if (fields.containsKey("start")) {
      Node n = fields.get("start").getValueNode();
      try {
        start = OffsetDateTime.parse(String.valueOf(scalar(n))).toInstant();
      } catch (DateTimeParseException e) {
        problem(n, "start: '" + scalar(n) + "' is not an ISO-8601 time, e.g. 2026-11-28T12:00:00Z");
      }
    }
    NodeTuple tests = fields.get("tests");
    if (tests == null) {
      problem(map, "missing required field 'tests'");
    } else if (!(tests.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      problem(tests.getValueNode(), "tests must be a non-empty list of tests");
    } else {
      int i = 0;
      for (Node item : seq.getValue()) {
        i++;
        testCase(item, i, start).ifPresent(cases::add);
      }
    }
    return new Parsed(rules, start, cases, problems);
  }

  private Optional<RuleTestCase> testCase(Node node, int index, Instant start) {
    if (!(node instanceof MappingNode map)) {
      problem(node, "expected a test (a mapping with name, input, expect)");
      return Optional.empty();
    }
    int before = problems.size();
    Map<String, NodeTuple> fields = fields(map, TEST, " in a test");
    String name = fields.containsKey("name") ? scalar(fields.get("name").getValueNode()) : null;
    if (name == null || name.isBlank()) {
      name = "test " + index;
    }
    List<InputEvent> inputs = new ArrayList<>();
    if (fields.containsKey("input")) {
      for (Node item : list(fields.get("input").getValueNode(), "input")) {
        input(item, start, inputs);
        if (inputs.size() > MAX_EVENTS_PER_TEST) {
          problem(
              item, "more than " + MAX_EVENTS_PER_TEST + " input events in test '" + name + "'");
          return Optional.empty();
        }
      }
    }
    List<Expectation> expectations = new ArrayList<>();
    if (!fields.containsKey("expect")) {
      problem(map, "missing required field 'expect' in test '" + name + "'");
    } else {
      for (Node item : list(fields.get("expect").getValueNode(), "expect")) {
        expectation(item).ifPresent(expectations::add);
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    inputs.sort(Comparator.comparing(InputEvent::offset));
    expectations.sort(Comparator.comparing(Expectation::at));
    return Optional.of(new RuleTestCase(name, line(map), inputs, expectations));
  }

  private void input(Node node, Instant start, List<InputEvent> out) {
    if (!(node instanceof MappingNode map)) {
      problem(node, "expected an input (a mapping with stream, at, event)");
      return;
    }
    Map<String, NodeTuple> fields = fields(map, INPUT, " in an input");
    EventStream stream = null;
    if (!fields.containsKey("stream")) {
      problem(map, "missing required field 'stream' in an input");
    } else {
      Node n = fields.get("stream").getValueNode();
      stream = EventStream.fromRuleName(String.valueOf(scalar(n))).orElse(null);
      if (stream == null) {
        problem(n, "unknown stream '" + scalar(n) + "' (expected requests, payments, game, infra)");
      }
    }
    Duration at = offset(map, fields, "at", true);
    Duration every = offset(map, fields, "every", false);
    Duration until = offset(map, fields, "until", false);
    long count = 1;
    if (fields.containsKey("count")) {
      Node n = fields.get("count").getValueNode();
      try {
        count = Long.parseLong(String.valueOf(scalar(n)).trim());
        if (count < 1) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        problem(n, "count must be a whole number >= 1");
        return;
      }
    }
    if (every != null && every.isZero()) {
      problem(fields.get("every").getValueNode(), "every must be longer than zero");
      return;
    }
    if ((fields.containsKey("count") || until != null) && every == null) {
      problem(map, "count and until repeat an event: they need 'every'");
      return;
    }
    if (fields.containsKey("count") && until != null) {
      problem(map, "give either count or until, not both");
      return;
    }
    if (every != null && !fields.containsKey("count") && until == null) {
      problem(map, "every repeats an event: give count or until as well");
      return;
    }
    if (every != null && at != null && until != null) {
      if (until.compareTo(at) < 0) {
        problem(fields.get("until").getValueNode(), "until must not be before at");
        return;
      }
      count = until.minus(at).toMillis() / every.toMillis() + 1;
    }
    Map<String, Object> event = null;
    if (!fields.containsKey("event")) {
      problem(map, "missing required field 'event' in an input");
    } else {
      event =
          event(
              fields.get("event").getValueNode(),
              stream,
              start.plus(at == null ? Duration.ZERO : at));
    }
    if (stream == null || at == null || event == null) {
      return;
    }
    if (count > MAX_EVENTS_PER_TEST) {
      problem(map, "more than " + MAX_EVENTS_PER_TEST + " input events in one input");
      return;
    }
    for (long i = 0; i < count; i++) {
      Duration offset = every == null ? at : at.plus(every.multipliedBy(i));
      out.add(new InputEvent(stream, offset, event, line(map)));
    }
  }

  /** The event's fields, checked by the engine's own parser; null when invalid. */
  private Map<String, Object> event(Node node, EventStream stream, Instant ts) {
    if (!(node instanceof MappingNode map)) {
      problem(node, "event must be a mapping of fields, e.g. { service: api, status: 500 }");
      return null;
    }
    Object value = toJava(map);
    if (value == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) value;
    if (fields.containsKey("ts")) {
      problem(node, "event must not set 'ts': the input's at/every give each event its time");
      return null;
    }
    if (stream == null) {
      return null;
    }
    ParseResult result = eventParser.parse(stream, null, json(fields, ts), ts.toEpochMilli());
    if (result instanceof ParseResult.Invalid invalid) {
      problem(node, "invalid " + stream.ruleName() + " event: " + invalid.reason());
      return null;
    }
    return fields;
  }

  /** The JSON record the runner pipes in: the event's fields plus {@code ts}. */
  static byte[] json(Map<String, Object> fields, Instant ts) {
    Map<String, Object> withTs = new LinkedHashMap<>(fields);
    withTs.put("ts", ts.toString());
    try {
      return JSON.writeValueAsString(withTs).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      // Maps of strings, numbers, booleans, lists and maps always serialize.
      throw new IllegalStateException("cannot serialize a test event", e);
    }
  }

  private Optional<Expectation> expectation(Node node) {
    if (!(node instanceof MappingNode map)) {
      problem(node, "expected an expectation (a mapping with at, alerts)");
      return Optional.empty();
    }
    int before = problems.size();
    Map<String, NodeTuple> fields = fields(map, EXPECT, " in an expectation");
    Duration at = offset(map, fields, "at", true);
    List<ExpectedAlert> alerts = new ArrayList<>();
    if (!fields.containsKey("alerts")) {
      problem(
          map, "missing required field 'alerts' in an expectation (use alerts: [] for silence)");
    } else {
      for (Node item : list(fields.get("alerts").getValueNode(), "alerts")) {
        expectedAlert(item).ifPresent(alerts::add);
      }
    }
    if (problems.size() > before || at == null) {
      return Optional.empty();
    }
    return Optional.of(new Expectation(at, line(map), alerts));
  }

  private Optional<ExpectedAlert> expectedAlert(Node node) {
    if (!(node instanceof MappingNode map)) {
      problem(node, "expected an alert (a mapping with rule, severity, labels)");
      return Optional.empty();
    }
    int before = problems.size();
    Map<String, NodeTuple> fields = fields(map, ALERT, " in an expected alert");
    String rule = fields.containsKey("rule") ? scalar(fields.get("rule").getValueNode()) : null;
    if (rule == null || rule.isBlank()) {
      problem(map, "missing required field 'rule' in an expected alert");
    }
    Severity severity = null;
    if (fields.containsKey("severity")) {
      Node n = fields.get("severity").getValueNode();
      String s = scalar(n);
      severity = s == null ? null : Severity.parse(s).filter(v -> v.name().equals(s)).orElse(null);
      if (severity == null) {
        problem(n, "severity '" + s + "' is not one of P1, P2, P3, P4");
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (fields.containsKey("labels")) {
      Node n = fields.get("labels").getValueNode();
      if (n instanceof MappingNode labelMap) {
        for (NodeTuple t : labelMap.getValue()) {
          String k = scalar(t.getKeyNode());
          String v = scalar(t.getValueNode());
          if (k == null || v == null) {
            problem(t.getKeyNode(), "labels entries must be name: value");
          } else {
            labels.put(k, v);
          }
        }
      } else {
        problem(n, "labels must map names to values, e.g. { service: api }");
      }
    }
    ExpectedValue value =
        fields.containsKey("value") ? value(fields.get("value").getValueNode()) : null;
    String summary =
        fields.containsKey("summary") ? scalar(fields.get("summary").getValueNode()) : null;
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new ExpectedAlert(rule, severity, labels, value, summary, line(map)));
  }

  private ExpectedValue value(Node node) {
    if (node instanceof ScalarNode) {
      Double v = number(node, "value");
      return v == null ? null : new ExpectedValue(v, ExpectedValue.DEFAULT_TOLERANCE);
    }
    if (!(node instanceof MappingNode map)) {
      problem(node, "value must be a number or { approx: 0.06, tolerance: 0.01 }");
      return null;
    }
    Map<String, NodeTuple> fields = fields(map, VALUE, " in value");
    if (!fields.containsKey("approx")) {
      problem(map, "value needs approx, e.g. { approx: 0.06, tolerance: 0.01 }");
      return null;
    }
    Double approx = number(fields.get("approx").getValueNode(), "approx");
    Double tolerance =
        fields.containsKey("tolerance")
            ? number(fields.get("tolerance").getValueNode(), "tolerance")
            : Double.valueOf(ExpectedValue.DEFAULT_TOLERANCE);
    if (tolerance != null && tolerance < 0) {
      problem(fields.get("tolerance").getValueNode(), "tolerance must not be negative");
      return null;
    }
    return approx == null || tolerance == null ? null : new ExpectedValue(approx, tolerance);
  }

  private Double number(Node node, String field) {
    try {
      double d = Double.parseDouble(String.valueOf(scalar(node)).trim());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(node, field + " must be a number");
    return null;
  }

  /** An offset from the file's start; null (and a problem, when required) if absent or bad. */
  private Duration offset(
      MappingNode owner, Map<String, NodeTuple> fields, String name, boolean required) {
    NodeTuple t = fields.get(name);
    if (t == null) {
      if (required) {
        problem(owner, "missing required field '" + name + "'");
      }
      return null;
    }
    try {
      return Durations.parse(scalar(t.getValueNode()));
    } catch (IllegalArgumentException e) {
      problem(t.getValueNode(), name + ": " + e.getMessage());
      return null;
    }
  }

  /** The mapping's fields by name, reporting names outside {@code allowed}. */
  private Map<String, NodeTuple> fields(MappingNode map, Set<String> allowed, String where) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = scalar(t.getKeyNode());
      if (key == null || !allowed.contains(key)) {
        problem(
            t.getKeyNode(),
            "unknown field '"
                + key
                + "'"
                + where
                + " (expected "
                + String.join(", ", sorted(allowed))
                + ")");
      } else if (out.putIfAbsent(key, t) != null) {
        // compose() does not enforce allowDuplicateKeys (construction does), so check here.
        problem(t.getKeyNode(), "duplicate field '" + key + "'" + where);
      }
    }
    return out;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private List<Node> list(Node node, String field) {
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    problem(node, field + " must be a list");
    return List.of();
  }

  /**
   * Plain Java value of a YAML node, as JSON would hold it; null (and a problem) if it has none.
   */
  private Object toJava(Node node) {
    if (node instanceof ScalarNode s) {
      return scalarValue(s);
    }
    if (node instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        out.add(toJava(item));
      }
      return out;
    }
    if (node instanceof MappingNode map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        String key = scalar(t.getKeyNode());
        if (key == null) {
          problem(t.getKeyNode(), "event field names must be plain names");
          return null;
        }
        out.put(key, toJava(t.getValueNode()));
      }
      return out;
    }
    problem(node, "unsupported YAML value");
    return null;
  }

  private static Object scalarValue(ScalarNode s) {
    String v = s.getValue();
    Tag tag = s.getTag();
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    if (Tag.BOOL.equals(tag)) {
      // YAML 1.1 booleans: true/false, yes/no, on/off.
      return Set.of("true", "yes", "on").contains(v.toLowerCase(Locale.ROOT));
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      String digits = v.replace("_", "");
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException notLong) {
        try {
          return Double.parseDouble(digits);
        } catch (NumberFormatException notDouble) {
          return v;
        }
      }
    }
    return v;
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
