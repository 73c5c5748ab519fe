package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The table of the LIGHTCAT pack in {@code alert-rules/README.md} ("The LIGHTCAT pack") cannot
 * drift from the YAML: every rule of {@code alert-rules/lightcat} has exactly one row whose window,
 * thresholds (severity → when, and recover when there is one, most urgent first) and runbook match
 * the rule, and no row names a rule that does not exist. Also checks the pack's redaction list
 * ({@code pack.yaml}).
 */
class PackTableTest {
  private static final Path ALERT_RULES = Path.of("..", "alert-rules");
  private static final Path PACK = ALERT_RULES.resolve("lightcat");
  private static final Path README = ALERT_RULES.resolve("README.md");
  private static final String HEADING = "## The LIGHTCAT pack";

  private static final Pattern LEVEL =
      Pattern.compile(
          "(P[1-4])\\s+`([^`]+)`(?:\\s+over\\s+`([^`]+)`\\+`([^`]+)`)?"
              + "(?:\\s+\\(recover\\s+`([^`]+)`\\))?");
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

  private static RuleSet pack;
  private static String readme;

  @BeforeAll
  static void load() throws Exception {
    pack = new RuleLoader().load(PACK);
    readme = Files.readString(README, StandardCharsets.UTF_8);
  }

  @Test
  void theReadmeTableMatchesEveryRuleOfThePack() {
    assertThat(pack.size()).as("rules in " + PACK).isGreaterThanOrEqualTo(20);
    assertThat(problems(readme, rules())).isEmpty();
  }

  @Test
  void everyRunbookIsAPlaybookThatExists() {
    for (Rule r : rules()) {
      assertThat(r.runbook()).as("runbook of " + r.id()).startsWith("playbooks/").endsWith(".md");
      assertThat(ALERT_RULES.resolve(r.runbook())).as("runbook of " + r.id()).isRegularFile();
    }
  }

  @Test
  void theCheckCatchesAChangedThreshold() {
    String changed = readme.replace("| P1 `> 5%`; P3 `> 0.1%` |", "| P1 `> 6%`; P3 `> 0.1%` |");
    assertThat(changed).isNotEqualTo(readme);
    assertThat(problems(changed, rules()))
        .containsExactly(
            "high-error-rate: thresholds [P1 > 0.06, P3 > 0.001] in the table,"
                + " [P1 > 0.05, P3 > 0.001] in the YAML");
  }

  @Test
  void theCheckCatchesAMissingSeverityAWindowAndARunbook() {
    String changed =
        readme
            .replace("| `5m` | P2 `> 500`; P3 `> 200` |", "| `10m` | P2 `> 500` |")
            .replace(
                "| P2 `< 1000` | [payment-failure](playbooks/payment-failure.md) |",
                "| P2 `< 1000` | [high-load](playbooks/high-load.md) |");
    assertThat(problems(changed, rules()))
        .containsExactlyInAnyOrder(
            "high-response-time: window 10m in the table, 5m in the YAML",
            "high-response-time: thresholds [P2 > 500] in the table, [P2 > 500, P3 > 200] in the"
                + " YAML",
            "low-token-supply: runbook playbooks/high-load.md in the table,"
                + " playbooks/payment-failure.md in the YAML");
  }

  @Test
  void theCheckCatchesAMissingRowADuplicateRowAndARowWithoutARule() {
    String cpuRow = row(readme, "cpu-high");
    String changed =
        readme
            .replace(cpuRow + "\n", "")
            .replace(
                row(readme, "memory-high"),
                row(readme, "memory-high")
                    + "\n"
                    + row(readme, "memory-high")
                    + "\n"
                    + cpuRow.replace("`cpu-high`", "`cpu-critical`"));
    assertThat(problems(changed, rules()))
        .containsExactlyInAnyOrder(
            "cpu-high: no row in the table",
            "memory-high: 2 rows in the table",
            "cpu-critical: a row in the table, but no such rule in " + PACK);
  }

  @Test
  void theCheckCatchesARecoverThatTheTableLeavesOut() {
    Rule r = pack.get("disk-space-low").orElseThrow().rule();
    Rule withRecover =
        copyWithLevels(
            r,
            List.of(
                r.levels().get(0),
                new SeverityLevel(Severity.P2, Condition.parse("< 30"), Condition.parse("> 32"))));
    List<Rule> rules = new ArrayList<>();
    for (Rule other : rules()) {
      rules.add(other.id().equals(r.id()) ? withRecover : other);
    }
    assertThat(problems(readme, rules))
        .containsExactly(
            "disk-space-low: thresholds [P1 < 20, P2 < 30] in the table,"
                + " [P1 < 20, P2 < 30 (recover > 32)] in the YAML");
    String fixed =
        readme.replace("| P1 `< 20`; P2 `< 30` |", "| P1 `< 20`; P2 `< 30` (recover `> 32`) |");
    assertThat(problems(fixed, rules)).isEmpty();
  }

  @Test
  void thePackRedactsSecretFieldsAndPackYamlHoldsNoRules() throws Exception {
    assertThat(pack.redact())
        .contains("authorization", "rgbInvoice", "password", "token", "apiKey", "cookie");
    long ruleFiles;
    try (Stream<Path> files = Files.list(PACK)) {
      ruleFiles =
          files
              .filter(p -> p.getFileName().toString().endsWith(".yaml"))
              .filter(p -> !p.getFileName().toString().equals("pack.yaml"))
              .count();
    }
    assertThat(pack.all().stream().map(CompiledRule::rule).map(Rule::publicId).distinct().count())
        .as("one public rule per file; pack.yaml's empty rules list adds none")
        .isEqualTo((int) ruleFiles);
    RuleFileParser.Result packYaml =
        RuleFileParser.parse("pack.yaml", Files.readString(PACK.resolve("pack.yaml")));
    assertThat(packYaml.problems()).isEmpty();
    assertThat(packYaml.rules()).isEmpty();
    assertThat(packYaml.redact()).contains("authorization", "rgbInvoice");
  }

  // ---------------------------------------------------------------------------------------------

  /** Every difference between the pack table of {@code markdown} and {@code rules}. */
  static List<String> problems(String markdown, Collection<Rule> rules) {
    List<String> out = new ArrayList<>();
    Map<String, List<String[]>> rows = new LinkedHashMap<>();
    for (String line : section(markdown)) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = cells(line);
      if (cells.length != 5) {
        out.add("row with " + cells.length + " cells instead of 5: " + line);
        continue;
      }
      rows.computeIfAbsent(unquote(cells[0]), k -> new ArrayList<>()).add(cells);
    }
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (Rule r : rules) {
      byId.put(r.id(), r);
    }
    for (Rule rule : byId.values()) {
      List<String[]> found = rows.getOrDefault(rule.id(), List.of());
      if (found.isEmpty()) {
        out.add(rule.id() + ": no row in the table");
        continue;
      }
      if (found.size() > 1) {
        out.add(rule.id() + ": " + found.size() + " rows in the table");
        continue;
      }
      out.addAll(compare(rule, found.get(0)));
    }
    for (String id : rows.keySet()) {
      if (!byId.containsKey(id)) {
        out.add(id + ": a row in the table, but no such rule in " + PACK);
      }
    }
    return out;
  }

  private static List<String> compare(Rule rule, String[] cells) {
    List<String> out = new ArrayList<>();
    String window = unquote(cells[2]);
    try {
      if (!Durations.parse(window).equals(rule.window())) {
        out.add(
            rule.id()
                + ": window "
                + window
                + " in the table, "
                + Durations.format(rule.window())
                + " in the YAML");
      }
    } catch (IllegalArgumentException e) {
      out.add(rule.id() + ": window '" + window + "' in the table is not a duration");
    }
    List<SeverityLevel> levels = new ArrayList<>();
    for (String part : cells[3].split(";")) {
      Matcher m = LEVEL.matcher(part.trim());
      if (!m.matches()) {
        out.add(rule.id() + ": threshold '" + part.trim() + "' in the table is not P<n> `<cond>`");
        return out;
      }
      levels.add(
          new SeverityLevel(
              Severity.parse(m.group(1)).orElseThrow(),
              Condition.parse(m.group(2)),
              m.group(5) == null ? null : Condition.parse(m.group(5)),
              m.group(3) == null ? null : Durations.parse(m.group(3)),
              m.group(4) == null ? null : Durations.parse(m.group(4))));
    }
    if (!levels.equals(rule.levels())) {
      out.add(
          rule.id()
              + ": thresholds "
              + describe(levels)
              + " in the table, "
              + describe(rule.levels())
              + " in the YAML");
    }
    Matcher link = LINK.matcher(cells[4]);
    String runbook = link.find() ? link.group(1) : cells[4];
    if (!runbook.equals(rule.runbook())) {
      out.add(
          rule.id() + ": runbook " + runbook + " in the table, " + rule.runbook() + " in the YAML");
    }
    return out;
  }

  private static List<Rule> rules() {
    return pack.all().stream().map(CompiledRule::rule).toList();
  }

  private static String describe(List<SeverityLevel> levels) {
    List<String> out = new ArrayList<>();
    for (SeverityLevel l : levels) {
      out.add(
          l.severity()
              + " "
              + l.when()
              + (l.window() == null ? "" : " over " + l.window() + "+" + l.confirmWindow())
              + (l.recover() == null ? "" : " (recover " + l.recover() + ")"));
    }
    return out.toString();
  }

  /** The lines of the "The LIGHTCAT pack" section; fails when the section is missing. */
  private static List<String> section(String markdown) {
    List<String> lines = markdown.lines().toList();
    int start = lines.indexOf(HEADING);
    assertThat(start).as("section '" + HEADING + "' in " + README).isNotNegative();
    List<String> out = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      out.add(lines.get(i));
    }
    return out;
  }

  private static String[] cells(String line) {
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    String[] cells = inner.split("\\|", -1);
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i].trim();
    }
    return cells;
  }

  private static String unquote(String cell) {
    return cell.replace("`", "").trim();
  }

  private static String row(String markdown, String id) {
    return markdown
        .lines()
        .filter(l -> l.startsWith("| `" + id + "` |"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + id));
  }

  private static Rule copyWithLevels(Rule r, List<SeverityLevel> levels) {
    return new Rule(
        r.id(),
        r.title(),
        r.description(),
        r.source(),
        r.filter(),
        r.groupBy(),
        r.window(),
        r.resolution(),
        r.measure(),
        r.minEvents(),
        levels,
        r.forDuration(),
        r.keepFiringFor(),
        r.runbook(),
        r.summary(),
        r.labels(),
        r.file(),
        r.line(),
        r.lines(),
        r.publicId(),
        r.scale(),
        r.figures(),
        r.schedule());
  }
}
