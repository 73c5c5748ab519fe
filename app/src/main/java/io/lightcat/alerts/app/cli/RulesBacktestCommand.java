package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.app.kafka.TopicHistory;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.rule.Durations;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleProblem;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.backtest.Backtest;
import io.lightcat.alerts.stream.backtest.HistoryRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine rules backtest}: what rules would have done over the retained input topics,
 * replayed through the engine's real topology in-process (a TopologyTestDriver fed by a consumer
 * without a group: the cluster's state is never touched); with {@code --compare}, how a second rule
 * version would have differed.
 */
@Command(
    name = "backtest",
    description = {
      "Replays the retained input topics between --from and --to through the engine's topology"
          + " with the rules in --rules and prints the alert transitions they would have produced.",
      "With --compare PATH2, runs PATH2 over the same records and prints the alerts it adds,"
          + " removes or shifts (in time or severity). Reads the cluster, changes nothing in it."
    })
public final class RulesBacktestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin KafkaOptions cluster;
  @Spec CommandSpec spec;

  @Option(
      names = "--rules",
      required = true,
      paramLabel = "PATH",
      description = "The rules to backtest: a rule file or a directory.")
  Path rules;

  @Option(
      names = "--compare",
      paramLabel = "PATH2",
      description = "Other rules to run over the same records and compare with --rules.")
  Path compare;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "T1",
      description = "Start: ISO-8601 (2026-11-28T12:00:00Z), now, or now-DURATION (now-6h).")
  String from;

  @Option(
      names = "--to",
      defaultValue = "now",
      paramLabel = "T2",
      description = "End, in the same forms (default now).")
  String to;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "table (default) or json.")
  String format;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    common.applyLogging();
    cluster.requireBootstrapServers(spec);
    if (!format.equals("table") && !format.equals("json")) {
      throw new ParameterException(
          spec.commandLine(), "--format must be table or json, not '" + format + "'");
    }
    Instant start = time("--from", from);
    Instant end = time("--to", to);
    if (!start.isBefore(end)) {
      throw new ParameterException(spec.commandLine(), "--from must be before --to");
    }
    PrintWriter out = spec.commandLine().getOut();
    RuleSet baseline = load(rules, out);
    RuleSet candidate = compare == null ? null : load(compare, out);
    if (baseline == null || (compare != null && candidate == null)) {
      out.flush();
      return 1;
    }
    KafkaClientConfig kafka = cluster.clientConfig();
    TopicNames topics = cluster.topics();
    List<HistoryRecord> history = TopicHistory.read(kafka, topics.eventTopics(), start, end);
    BacktestReport.Run first =
        new BacktestReport.Run(
            rules.toString(), new Backtest(baseline, topics).run(start, end, history));
    if (candidate == null) {
      out.print(format.equals("json") ? BacktestReport.json(first) : BacktestReport.table(first));
    } else {
      BacktestReport.Run second =
          new BacktestReport.Run(
              compare.toString(), new Backtest(candidate, topics).run(start, end, history));
      out.print(
          format.equals("json")
              ? BacktestReport.json(first, second)
              : BacktestReport.table(first, second));
    }
    out.flush();
    return 0;
  }

  /** The rules under {@code path}, or null after printing every problem. */
  private static RuleSet load(Path path, PrintWriter out) {
    if (!path.toFile().exists()) {
      throw new StartupException(path + ": no such file or directory");
    }
    RuleLoader.Result result = new RuleLoader().validate(path);
    if (result.ok()) {
      return result.rules();
    }
    result.problems().stream().map(RuleProblem::toString).forEach(out::println);
    out.println(path + ": " + result.problems().size() + " problem(s)");
    return null;
  }

  private Instant time(String option, String value) {
    String v = value.strip();
    Instant now = clock.instant();
    try {
      if (v.equals("now")) {
        return now;
      }
      if (v.startsWith("now-")) {
        return now.minus(Durations.parse(v.substring(4)));
      }
      return Instant.parse(v);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid value for " + option + ": '" + value + "' (ISO-8601, now or now-DURATION)");
    }
  }
}
