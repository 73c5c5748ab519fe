package io.lightcat.alerts.app.engine;

import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How one engine instance joins its Kafka Streams application.
 *
 * @param applicationId shared by every instance that splits the work
 * @param kafka cluster and extra client properties
 * @param stateDir local state stores; empty for Kafka Streams' default
 * @param applicationServer {@code host:port} where other instances reach this one's REST API
 */
public record StreamsSettings(
    String applicationId,
    KafkaClientConfig kafka,
    Optional<Path> stateDir,
    String applicationServer) {

  public StreamsSettings {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(applicationServer, "applicationServer");
  }
}
