package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.app.http.NotReadyException;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.app.kafka.KafkaRuleFeed;
import io.lightcat.alerts.app.kafka.KafkaRulePublisher;
import io.lightcat.alerts.rule.LiveRules;
import io.lightcat.alerts.rule.RuleDefinition;
import io.lightcat.alerts.rule.RuleDefinitionReader;
import io.lightcat.alerts.rule.RuleProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine rules apply PATH}: validates the rule files under PATH (all or nothing) and
 * publishes every rule whose version differs from what the {@code alert-rules} topic holds; running
 * engines apply them at once, without a restart.
 */
@Command(
    name = "apply",
    description = {
      "Publishes rule files to a running cluster's alert-rules topic; engines apply them live.",
      "Validates every rule file under PATH first (nothing is published when any is invalid,"
          + " exit 1 with file:line: message), then publishes each rule whose version differs"
          + " from the topic's. Rules not under PATH are left alone (see rules delete)."
    })
public final class RulesApplyCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin KafkaOptions cluster;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "A rule file or a directory of rule files.")
  Path path;

  @Override
  public Integer call() {
    common.applyLogging();
    cluster.requireBootstrapServers(spec);
    PrintWriter out = spec.commandLine().getOut();
    RuleDefinitionReader.Result read = new RuleDefinitionReader().load(path);
    if (!read.ok()) {
      read.problems().stream().map(RuleProblem::toString).forEach(out::println);
      out.println(path + ": " + read.problems().size() + " problem(s); nothing published");
      out.flush();
      return 1;
    }
    KafkaClientConfig kafka = cluster.clientConfig();
    String topic = cluster.topics().rules();
    LiveRules current = KafkaRuleFeed.snapshot(kafka, topic);
    int published = 0;
    try (KafkaRulePublisher publisher = new KafkaRulePublisher(kafka, topic)) {
      for (RuleDefinition d : read.definitions()) {
        Optional<RuleDefinition> before = current.get(d.id());
        if (before.isPresent() && before.get().version().equals(d.version())) {
          out.println("unchanged " + d.id() + " (" + d.version() + ")");
          continue;
        }
        publisher.publish(d);
        published++;
        out.println(
            (before.isPresent() ? "updated " : "created ") + d.id() + " (" + d.version() + ")");
      }
    } catch (NotReadyException e) {
      throw new StartupException(e.getMessage(), e);
    }
    if (!read.redact().isEmpty()) {
      out.println(
          "note: redact lists are not published; engines read them from their --rules files at"
              + " start");
    }
    out.println(published + " of " + read.definitions().size() + " rule(s) published to " + topic);
    out.flush();
    return 0;
  }
}
