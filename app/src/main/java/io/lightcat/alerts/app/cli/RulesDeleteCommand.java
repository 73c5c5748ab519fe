package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.app.http.NotReadyException;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.app.kafka.KafkaRuleFeed;
import io.lightcat.alerts.app.kafka.KafkaRulePublisher;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine rules delete ID}: publishes the deletion of a rule to the {@code alert-rules}
 * topic; running engines stop evaluating it and resolve its firing alerts, saying why.
 */
@Command(
    name = "delete",
    description = {
      "Deletes a rule from a running cluster's alert-rules topic; engines drop it live.",
      "Its firing alerts resolve with the reason. Exit 1 when the topic holds no such rule."
    })
public final class RulesDeleteCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin KafkaOptions cluster;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The rule id, as its alerts carry it.")
  String id;

  @Override
  public Integer call() {
    common.applyLogging();
    cluster.requireBootstrapServers(spec);
    PrintWriter out = spec.commandLine().getOut();
    KafkaClientConfig kafka = cluster.clientConfig();
    String topic = cluster.topics().rules();
    if (KafkaRuleFeed.snapshot(kafka, topic).get(id).isEmpty()) {
      throw new StartupException("no rule with id " + id + " in " + topic);
    }
    try (KafkaRulePublisher publisher = new KafkaRulePublisher(kafka, topic)) {
      publisher.delete(id);
    } catch (NotReadyException e) {
      throw new StartupException(e.getMessage(), e);
    }
    out.println("deleted " + id + " from " + topic);
    out.flush();
    return 0;
  }
}
