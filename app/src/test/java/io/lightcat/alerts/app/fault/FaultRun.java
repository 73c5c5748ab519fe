package io.lightcat.alerts.app.fault;

import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.cli.InProcessRun;
import io.lightcat.alerts.config.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One fault test's set-up: a fresh application id and topic prefix, the workload's rule in a rule
 * directory, extra Kafka client settings in a properties file, and the {@code run} arguments that
 * tie them together.
 */
final class FaultRun {
  final String applicationId;
  final TopicNames topics;
  private final Path dir;
  private final Path rules;
  private final Path kafkaConfig;

  FaultRun(String name, Path dir, String kafkaProperties) throws IOException {
    this.applicationId = name + "-" + UUID.randomUUID();
    this.topics = TopicNames.withPrefix(applicationId + ".");
    this.dir = dir;
    this.rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("fault.yaml"), IncidentWorkload.RULE);
    this.kafkaConfig = dir.resolve("kafka.properties");
    Files.writeString(kafkaConfig, kafkaProperties);
  }

  /** The arguments of {@code run} for one instance keeping its state in {@code stateName}. */
  List<String> runArgs(String bootstrapServers, String stateName) {
    return new ArrayList<>(
        List.of(
            "--bootstrap-servers", bootstrapServers,
            "--application-id", applicationId,
            "--topic-prefix", applicationId + ".",
            "--rules", rules.toString(),
            "--state-dir", dir.resolve(stateName).toString(),
            "--kafka-config", kafkaConfig.toString(),
            "--http-port", String.valueOf(FreePorts.next())));
  }

  Path stateDir(String stateName) {
    return dir.resolve(stateName);
  }

  /** Starts one instance in this JVM. */
  EngineNode startInProcess(String bootstrapServers, String stateName) {
    return InProcessRun.start(runArgs(bootstrapServers, stateName));
  }
}
