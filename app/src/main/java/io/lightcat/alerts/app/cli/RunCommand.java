package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.engine.StreamsSettings;
import io.lightcat.alerts.app.http.ApiAccess;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.app.kafka.TopicProvisioner;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.rule.RulePack;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine run}: one engine instance against an existing Kafka cluster. Instances with
 * the same application id share the work.
 *
 * <p>Creates missing topics first, which needs Create ACLs; without them the topics must exist.
 */
@Command(
    name = "run",
    description = {
      "Runs the engine against an existing Kafka cluster.",
      "Instances with the same application id share the work. Creates missing topics"
          + " (needs the Create ACL, or create the topics beforehand)."
    })
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin CommonOptions common;
  @Mixin KafkaOptions cluster;
  @Spec CommandSpec spec;

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      defaultValue = "${env:ALERT_ENGINE_RULES:-" + RuleDirectory.DEFAULT + "}",
      description =
          "Rule directory (env ALERT_ENGINE_RULES; default " + RuleDirectory.DEFAULT + ").")
  Path rules;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "${env:ALERT_ENGINE_HTTP_PORT:-8080}",
      description = "REST port (env ALERT_ENGINE_HTTP_PORT; default 8080).")
  int httpPort;

  @Option(
      names = "--advertised-host",
      paramLabel = "HOST",
      defaultValue = "localhost",
      description = "Host other instances use to reach this one's REST port (default localhost).")
  String advertisedHost;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = "alert-engine",
      description = "Kafka Streams application id shared by all instances (default alert-engine).")
  String applicationId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Local state store directory (default: Kafka Streams' default).")
  Path stateDir;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of topics this command creates (default 3).")
  int partitions;

  @Mixin ApiAccessOptions access;

  @Override
  public Integer call() throws InterruptedException {
    common.applyLogging();
    SignalShutdown.closeOnSignal(start());
    return 0;
  }

  /**
   * Checks the options, creates missing topics and starts the engine and its REST server.
   *
   * @throws ParameterException for bad arguments
   * @throws io.lightcat.alerts.app.StartupException when a file, directory or Kafka is unusable
   */
  public EngineNode start() {
    cluster.requireBootstrapServers(spec);
    OptionChecks.port(spec, "--http-port", httpPort);
    OptionChecks.positive(spec, "--partitions", partitions);
    ApiAccess apiAccess = access.toAccess(spec);
    if (stateDir != null) {
      OptionChecks.writableDir("--state-dir", stateDir);
    }
    KafkaClientConfig kafka = cluster.clientConfig();
    RulePack rulePack = RuleDirectory.load("--rules", rules);
    TopicNames topics = cluster.topics();
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      new TopicProvisioner(admin, partitions).provision(topics);
    }
    StreamsSettings streams =
        new StreamsSettings(
            applicationId, kafka, Optional.ofNullable(stateDir), advertisedHost + ":" + httpPort);
    return EngineNode.start(
        streams, EngineConfig.defaults().withTopics(topics), rulePack, httpPort, apiAccess);
  }
}
