package io.lightcat.alerts.app.kafka;

import io.lightcat.alerts.app.StartupException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How to reach a Kafka cluster: bootstrap servers plus extra client properties (SASL, SSL, ...)
 * applied to every client the engine creates (streams, admin, producers, consumers).
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param extra properties from {@code --kafka-config}; {@code bootstrap.servers} in there is
 *     overridden by {@code bootstrapServers}
 */
public record KafkaClientConfig(String bootstrapServers, Map<String, String> extra) {

  public KafkaClientConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    extra = Map.copyOf(extra);
  }

  /** A cluster that needs no extra client properties. */
  public static KafkaClientConfig of(String bootstrapServers) {
    return new KafkaClientConfig(bootstrapServers, Map.of());
  }

  /**
   * Reads extra client properties from a Java properties file.
   *
   * @throws StartupException when the file is missing or unreadable
   */
  public static KafkaClientConfig load(String bootstrapServers, Path propertiesFile) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new StartupException(
          "cannot read --kafka-config " + propertiesFile + ": " + describe(e), e);
    }
    Map<String, String> extra = new HashMap<>();
    props.stringPropertyNames().forEach(name -> extra.put(name, props.getProperty(name)));
    return new KafkaClientConfig(bootstrapServers, extra);
  }

  /** The properties every client gets: the extra ones, then the bootstrap servers. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>(extra);
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /**
   * A producer of string records for the small writes the REST API waits for (actions, silences,
   * rule changes): idempotent, {@code acks=all}, and failing within {@code sendTimeout} rather than
   * blocking a request for Kafka's two-minute default.
   */
  public KafkaProducer<String, String> durableStringProducer(Duration sendTimeout) {
    Map<String, Object> props = clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis() / 2);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + " " + e.getMessage();
  }
}
