package io.lightcat.alerts.rule;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML file into SnakeYAML's node tree — which keeps every node's line, for {@code
 * file:line: message} problems — with limits that keep hostile input small: few aliases, shallow
 * nesting. Used for rule files and rule test files alike.
 */
public final class YamlDocument {
  private YamlDocument() {}

  /**
   * The document's root node; empty for an empty document, or when it is not valid YAML (then a
   * problem is added to {@code problems}).
   */
  public static Optional<Node> compose(String file, String content, List<RuleProblem> problems) {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      options.setNestingDepthLimit(20);
      options.setAllowDuplicateKeys(false);
      return Optional.ofNullable(
          new Yaml(new SafeConstructor(options)).compose(new StringReader(content)));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      problems.add(new RuleProblem(file, line, "not valid YAML: " + e.getProblem()));
    } catch (YAMLException e) {
      problems.add(new RuleProblem(file, 1, "not valid YAML: " + e.getMessage()));
    }
    return Optional.empty();
  }
}
