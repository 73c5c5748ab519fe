package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.config.TopicNames;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options every command that talks to an existing Kafka cluster shares: where the cluster is,
 * extra client settings, and the topic prefix. A picocli mixin: {@code @Mixin KafkaOptions kafka}.
 */
public final class KafkaOptions {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
      description = "Kafka bootstrap servers (required; env KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description = "Properties file of extra Kafka client settings (SASL, SSL, ...).")
  Path kafkaConfig;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = "",
      description = "Prepended to every topic name.")
  String topicPrefix;

  /**
   * Fails as a usage error when no bootstrap servers were given, by option or environment.
   *
   * @throws ParameterException naming the option and its environment variable
   */
  void requireBootstrapServers(CommandSpec spec) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "missing required option --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS)");
    }
  }

  /**
   * The client settings: the bootstrap servers plus the {@code --kafka-config} file's properties.
   *
   * @throws io.lightcat.alerts.app.StartupException when that file cannot be read
   */
  KafkaClientConfig clientConfig() {
    return kafkaConfig == null
        ? KafkaClientConfig.of(bootstrapServers)
        : KafkaClientConfig.load(bootstrapServers, kafkaConfig);
  }

  TopicNames topics() {
    return TopicNames.withPrefix(topicPrefix);
  }
}
