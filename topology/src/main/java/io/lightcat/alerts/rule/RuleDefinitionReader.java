package io.lightcat.alerts.rule;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads rules as {@link RuleDefinition}s: one text per rule, the unit the {@code alert-rules} topic
 * carries, from rule files (split into their rules) or from a single rule.
 *
 * <p>A document is either a rule file (a list of rules, or a mapping with {@code rules:} and {@code
 * redact:}) or one rule (a mapping with {@code id:}; JSON works too). Rule files are validated all
 * or nothing, exactly as {@link RuleLoader} does; each rule is then written out as its own YAML
 * mapping, with its own style and quoting kept, and compiled from that text, so what is published
 * is exactly what was validated.
 */
public final class RuleDefinitionReader {
  private final RuleCompiler compiler;

  public RuleDefinitionReader() {
    this(new RuleCompiler());
  }

  public RuleDefinitionReader(RuleCompiler compiler) {
    this.compiler = compiler;
  }

  /** What a read found: the definitions and the redaction lists, or the problems. */
  public record Result(
      List<RuleDefinition> definitions, Set<String> redact, List<RuleProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }

    /** The definitions as a pack. */
    public RulePack pack() {
      return new RulePack(definitions, redact);
    }
  }

  /** Reads every rule file under {@code path} ({@code tests/} folders excluded), all or nothing. */
  public Result load(Path path) {
    RuleLoader.Result checked = new RuleLoader(compiler).validate(path);
    if (!checked.ok()) {
      return new Result(List.of(), Set.of(), checked.problems());
    }
    Map<String, String> files = new LinkedHashMap<>();
    List<RuleProblem> unreadable = new ArrayList<>();
    RuleLoader.readFiles(path, files, unreadable);
    return unreadable.isEmpty() ? read(files) : new Result(List.of(), Set.of(), unreadable);
  }

  /**
   * Reads documents given as name → content, all or nothing: any problem in any of them, or one
   * rule id defined twice, and the result holds only the problems.
   */
  public Result read(Map<String, String> documents) {
    List<RuleProblem> problems = new ArrayList<>();
    List<RuleDefinition> definitions = new ArrayList<>();
    Set<String> redact = new LinkedHashSet<>();
    Map<String, String> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> doc : documents.entrySet()) {
      Optional<Node> root = YamlDocument.compose(doc.getKey(), doc.getValue(), new ArrayList<>());
      if (root.isPresent() && isOneRule(root.get())) {
        Outcome one = readOne(doc.getKey(), doc.getValue());
        problems.addAll(one.problems());
        one.definition().ifPresent(definitions::add);
      } else {
        files.put(doc.getKey(), doc.getValue());
      }
    }
    RuleLoader.Result checked = new RuleLoader(compiler).validate(files);
    problems.addAll(checked.problems());
    if (problems.isEmpty()) {
      redact.addAll(checked.rules().redact());
      for (Map.Entry<String, String> file : files.entrySet()) {
        for (String text : ruleTexts(file.getKey(), file.getValue())) {
          Outcome one = readOne(file.getKey(), text);
          problems.addAll(one.problems());
          one.definition().ifPresent(definitions::add);
        }
      }
    }
    problems.addAll(duplicates(definitions));
    if (!problems.isEmpty()) {
      return new Result(List.of(), redact, problems);
    }
    return new Result(definitions, redact, problems);
  }

  /** One definition read, or the problems that keep it from being valid. */
  public record Outcome(Optional<RuleDefinition> definition, List<RuleProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Reads {@code text} as exactly one rule (a value of the rules topic), naming {@code source} in
   * problems.
   */
  public Outcome readOne(String source, String text) {
    RuleFileParser.Result parsed = RuleFileParser.parseOne(source, text);
    List<RuleProblem> problems = new ArrayList<>(parsed.problems());
    List<CompiledRule> variants = new ArrayList<>();
    if (problems.isEmpty()) {
      for (Rule rule : parsed.rules()) {
        RuleCompiler.Outcome outcome = compiler.compile(rule);
        problems.addAll(outcome.problems());
        if (outcome.ok()) {
          variants.add(outcome.rule());
        }
      }
    }
    if (!problems.isEmpty() || variants.isEmpty()) {
      if (problems.isEmpty()) {
        problems.add(new RuleProblem(source, 1, "expected one rule"));
      }
      return new Outcome(Optional.empty(), problems);
    }
    String id = variants.get(0).rule().publicId();
    return new Outcome(Optional.of(new RuleDefinition(id, text, variants)), List.of());
  }

  /**
   * A mapping with an {@code id} is one rule; a list, or {@code rules:}/{@code redact:}, a file.
   */
  private static boolean isOneRule(Node root) {
    if (!(root instanceof MappingNode map)) {
      return false;
    }
    return map.getValue().stream()
        .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && "id".equals(k.getValue()));
  }

  /** Each rule of a valid rule file, written out as its own YAML mapping. */
  private static List<String> ruleTexts(String file, String content) {
    Optional<Node> root = YamlDocument.compose(file, content, new ArrayList<>());
    if (root.isEmpty()) {
      return List.of();
    }
    Node list = root.get();
    if (list instanceof MappingNode map) {
      list = null;
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && "rules".equals(k.getValue())) {
          list = t.getValueNode();
        }
      }
    }
    List<String> texts = new ArrayList<>();
    if (list instanceof SequenceNode seq) {
      for (Node rule : seq.getValue()) {
        texts.add(write(rule));
      }
    }
    return texts;
  }

  /**
   * A node as YAML text. Nodes keep their scalar styles, so quoting (and with it every value's
   * type) is exactly as written; collections holding collections are written in block style so each
   * field gets its own line, and line numbers in problems stay useful.
   */
  static String write(Node node) {
    blockWhereNested(node);
    if (node instanceof CollectionNode<?> top) {
      top.setFlowStyle(DumperOptions.FlowStyle.BLOCK);
    }
    DumperOptions options = new DumperOptions();
    options.setIndent(2);
    options.setWidth(100);
    options.setIndicatorIndent(0);
    StringWriter out = new StringWriter();
    new Yaml(options).serialize(node, out);
    return out.toString();
  }

  private static void blockWhereNested(Node node) {
    if (!(node instanceof CollectionNode<?> collection)) {
      return;
    }
    List<Node> children = new ArrayList<>();
    if (node instanceof MappingNode map) {
      map.getValue().forEach(t -> children.add(t.getValueNode()));
    } else if (node instanceof SequenceNode seq) {
      children.addAll(seq.getValue());
    }
    if (children.stream().anyMatch(c -> c instanceof CollectionNode<?>)) {
      collection.setFlowStyle(DumperOptions.FlowStyle.BLOCK);
    }
    children.forEach(RuleDefinitionReader::blockWhereNested);
  }

  private static List<RuleProblem> duplicates(List<RuleDefinition> definitions) {
    List<RuleProblem> problems = new ArrayList<>();
    Map<String, Rule> seen = new HashMap<>();
    for (RuleDefinition d : definitions) {
      Rule rule = d.variants().get(0).rule();
      Rule earlier = seen.putIfAbsent(d.id(), rule);
      if (earlier != null) {
        problems.add(
            new RuleProblem(
                rule.file(),
                rule.line(),
                "duplicate rule id '" + d.id() + "' (first defined in " + earlier.file() + ")"));
      }
    }
    return problems;
  }
}
