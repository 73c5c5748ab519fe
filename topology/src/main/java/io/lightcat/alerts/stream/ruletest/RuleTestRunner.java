package io.lightcat.alerts.stream.ruletest;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.rule.Durations;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleProblem;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.Expectation;
import io.lightcat.alerts.stream.ruletest.RuleTestCase.InputEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs rule test files (the engine's {@code promtool test rules}) against the production topology.
 *
 * <p>For each test: every input event up to an expectation's {@code at} is piped in, in time order,
 * with {@code ts} = start + offset; the wall clock follows event time, and is moved on to {@code
 * at} before the check, so absence fires and silent groups resolve as in production. Then the
 * alerts firing at that moment (the latest record per fingerprint, when it is {@code firing}) must
 * be exactly the expected ones. Each test starts from an empty engine.
 *
 * <p>Test files are YAML files inside a folder named {@code tests}. Without {@code rules:} a test
 * file uses every rule file of the folder that holds its {@code tests} folder.
 */
public final class RuleTestRunner {
  private final RuleLoader loader;

  public RuleTestRunner() {
    this(new RuleLoader());
  }

  public RuleTestRunner(RuleLoader loader) {
    this.loader = loader;
  }

  /**
   * Runs every test file at {@code path}: the file itself, or every YAML file in a {@code tests}
   * folder under it. Never throws on bad input: malformed files and rules are reported as errors.
   */
  public RuleTestReport run(Path path) {
    List<RuleTestResult> results = new ArrayList<>();
    List<RuleProblem> errors = new ArrayList<>();
    if (!Files.exists(path)) {
      errors.add(new RuleProblem(path.toString(), 0, "no such file or directory"));
      return new RuleTestReport(results, errors);
    }
    List<Path> files;
    try {
      files = findTestFiles(path);
    } catch (UncheckedIOException e) {
      errors.add(new RuleProblem(path.toString(), 0, "cannot list: " + e.getCause().getMessage()));
      return new RuleTestReport(results, errors);
    }
    if (files.isEmpty()) {
      errors.add(
          new RuleProblem(
              path.toString(), 0, "no rule test files (*.yaml in a folder named tests)"));
    }
    for (Path f : files) {
      RuleTestFile file = load(f);
      errors.addAll(file.problems());
      for (RuleTestCase c : file.cases()) {
        results.add(run(file, c));
      }
    }
    return new RuleTestReport(results, errors);
  }

  /**
   * The test files at {@code path}: {@code path} itself when it is a file, otherwise every {@code
   * *.yaml} / {@code *.yml} file under it inside a folder named {@code tests}, sorted.
   *
   * @throws UncheckedIOException when the folder cannot be listed
   */
  public static List<Path> findTestFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(RuleTestRunner::isYaml)
          .filter(p -> inTestsFolder(path, p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and checks one test file and loads the rules it names. Problems (of the test file or of
   * its rule files) come back in {@link RuleTestFile#problems()}, with no cases to run.
   */
  public RuleTestFile load(Path testFile) {
    String name = testFile.toString();
    String content;
    try {
      content = Files.readString(testFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return failed(testFile, List.of(new RuleProblem(name, 0, "cannot read: " + e.getMessage())));
    }
    RuleTestFileParser.Parsed parsed = RuleTestFileParser.parse(name, content);
    List<RuleProblem> problems = new ArrayList<>(parsed.problems());
    Map<String, String> ruleFiles = ruleFiles(testFile, parsed.rules(), problems);
    if (!problems.isEmpty()) {
      return failed(testFile, problems);
    }
    RuleLoader.Result rules = loader.validate(ruleFiles);
    if (!rules.ok()) {
      return failed(testFile, rules.problems());
    }
    return new RuleTestFile(testFile, rules.rules(), parsed.start(), parsed.cases(), List.of());
  }

  /** Runs one test of a loaded file on a fresh engine. */
  public RuleTestResult run(RuleTestFile file, RuleTestCase test) {
    List<String> failures = new ArrayList<>();
    Instant start = file.start();
    try (RuleTestDriver driver = new RuleTestDriver(file.rules(), start)) {
      int next = 0;
      List<InputEvent> inputs = test.inputs();
      for (Expectation expectation : test.expectations()) {
        while (next < inputs.size() && inputs.get(next).offset().compareTo(expectation.at()) <= 0) {
          InputEvent e = inputs.get(next++);
          Instant ts = start.plus(e.offset());
          driver.pipe(e.stream(), ts, RuleTestFileParser.json(e.fields(), ts));
        }
        driver.advanceTo(start.plus(expectation.at()));
        List<Alert> firing = driver.firing();
        String where =
            "at " + Durations.format(expectation.at()) + " (line " + expectation.line() + "): ";
        for (String d : AlertMatcher.diff(expectation.alerts(), firing)) {
          failures.add(where + d);
        }
      }
    }
    return new RuleTestResult(file.file().toString(), test.name(), test.line(), failures);
  }

  private static RuleTestFile failed(Path testFile, List<RuleProblem> problems) {
    return new RuleTestFile(
        testFile, RuleSet.empty(), RuleTestFileParser.DEFAULT_START, List.of(), problems);
  }

  /** Contents of the rule files a test file uses, by name; problems for missing ones. */
  private static Map<String, String> ruleFiles(
      Path testFile, List<RuleTestFileParser.RulesEntry> entries, List<RuleProblem> problems) {
    Path dir = parentOf(testFile);
    List<Path> paths = new ArrayList<>();
    if (entries.isEmpty()) {
      Path tests = dir;
      while (tests != null
          && (tests.getFileName() == null || !tests.getFileName().toString().equals("tests"))) {
        tests = tests.getParent();
      }
      if (tests == null) {
        problems.add(
            new RuleProblem(
                testFile.toString(),
                1,
                "no rules: given and the file is not in a tests folder; name the rule files, e.g."
                    + " rules: [../my-rule.yaml]"));
        return Map.of();
      }
      paths.addAll(expand(parentOf(tests)));
    } else {
      for (RuleTestFileParser.RulesEntry entry : entries) {
        Path p = dir.resolve(entry.path()).normalize();
        if (!Files.exists(p)) {
          problems.add(
              new RuleProblem(
                  testFile.toString(), entry.line(), "rule file " + entry.path() + " not found"));
        } else {
          paths.addAll(expand(p));
        }
      }
    }
    Map<String, String> contents = new LinkedHashMap<>();
    for (Path p : paths) {
      try {
        contents.putIfAbsent(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
      } catch (IOException e) {
        problems.add(new RuleProblem(p.toString(), 0, "cannot read: " + e.getMessage()));
      }
    }
    return contents;
  }

  /** A rule file, or the rule files under a folder (skipping tests folders), sorted. */
  private static List<Path> expand(Path p) {
    if (Files.isRegularFile(p)) {
      return List.of(p);
    }
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile)
          .filter(RuleTestRunner::isYaml)
          .filter(f -> !inTestsFolder(p, f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The folder holding {@code p}; relative paths stay relative, so problems name files as given.
   */
  private static Path parentOf(Path p) {
    Path parent = p.getParent();
    return parent != null ? parent : p.isAbsolute() ? p : Path.of("");
  }

  private static boolean inTestsFolder(Path root, Path file) {
    Path rel = root.relativize(file).getParent();
    boolean rootIsTests =
        root.getFileName() != null && root.getFileName().toString().equals("tests");
    if (rootIsTests) {
      return true;
    }
    if (rel == null) {
      return false;
    }
    for (Path part : rel) {
      if (part.toString().equals("tests")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }
}
