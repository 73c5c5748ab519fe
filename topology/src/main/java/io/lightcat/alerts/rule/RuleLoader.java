package io.lightcat.alerts.rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads every rule file ({@code *.yaml}, {@code *.yml}) under a path into a {@link RuleSet}, all or
 * nothing: any problem in any file fails the whole load with every problem listed. Folders named
 * {@code tests} hold rule tests, not rules, and are skipped, as are hidden files and folders (a
 * mounted Kubernetes ConfigMap keeps a second copy of every file in one).
 */
public final class RuleLoader {
  private final RuleCompiler compiler;

  public RuleLoader() {
    this(new RuleCompiler());
  }

  public RuleLoader(RuleCompiler compiler) {
    this.compiler = compiler;
  }

  /** What a load found: the rules, or the problems. */
  public record Result(RuleSet rules, List<RuleProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Loads and validates.
   *
   * @throws InvalidRulesException listing every problem, when there is any
   */
  public RuleSet load(Path path) {
    Result r = validate(path);
    if (!r.ok()) {
      throw new InvalidRulesException(r.problems());
    }
    return r.rules();
  }

  /** Loads and validates, returning problems instead of throwing. */
  public Result validate(Path path) {
    List<RuleProblem> problems = new ArrayList<>();
    if (!Files.exists(path)) {
      problems.add(new RuleProblem(path.toString(), 0, "no such file or directory"));
      return new Result(RuleSet.empty(), problems);
    }
    Map<String, String> contents = new java.util.LinkedHashMap<>();
    readFiles(path, contents, problems);
    Result r = validate(contents);
    problems.addAll(r.problems());
    return new Result(problems.isEmpty() ? r.rules() : RuleSet.empty(), problems);
  }

  /** Validates rule files given as name → content (for the REST API and tests). */
  public Result validate(Map<String, String> files) {
    List<RuleProblem> problems = new ArrayList<>();
    List<CompiledRule> compiled = new ArrayList<>();
    Set<String> redact = new LinkedHashSet<>();
    Map<String, Rule> seen = new HashMap<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      RuleFileParser.Result parsed = RuleFileParser.parse(f.getKey(), f.getValue());
      problems.addAll(parsed.problems());
      redact.addAll(parsed.redact());
      for (Rule rule : parsed.rules()) {
        // Variants of one anyOf rule share its public id; another rule with that id is a clash.
        Rule earlier = seen.putIfAbsent(rule.publicId(), rule);
        if (earlier != null
            && (!earlier.file().equals(rule.file()) || earlier.line() != rule.line())) {
          problems.add(
              new RuleProblem(
                  rule.file(),
                  rule.line(),
                  "duplicate rule id '"
                      + rule.publicId()
                      + "' (first defined at "
                      + earlier.file()
                      + ":"
                      + earlier.line()
                      + ")"));
          continue;
        }
        RuleCompiler.Outcome outcome = compiler.compile(rule);
        problems.addAll(outcome.problems());
        if (outcome.ok()) {
          compiled.add(outcome.rule());
        }
      }
    }
    if (!problems.isEmpty()) {
      return new Result(RuleSet.empty(), problems);
    }
    return new Result(new RuleSet(compiled, redact), problems);
  }

  /** Reads every rule file under {@code path} into {@code contents}, by name. */
  static void readFiles(Path path, Map<String, String> contents, List<RuleProblem> problems) {
    for (Path f : ruleFiles(path)) {
      try {
        contents.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException e) {
        problems.add(new RuleProblem(f.toString(), 0, "cannot read: " + e.getMessage()));
      }
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> ruleFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !path.relativize(p).toString().replace('\\', '/').matches("(.*/)?tests/.*"))
          // Hidden files and folders are not rules. A mounted Kubernetes ConfigMap holds each file
          // twice: in a hidden "..<timestamp>" folder, and as a link to it beside.
          .filter(p -> !isHidden(path.relativize(p)))
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
