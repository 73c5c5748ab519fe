package io.lightcat.alerts.app;

import io.lightcat.alerts.app.engine.StreamsSettings;
import io.lightcat.alerts.app.http.ApiAccess;
import io.lightcat.alerts.app.kafka.EmbeddedKafkaBroker;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.app.kafka.TopicProvisioner;
import io.lightcat.alerts.app.simulator.TrafficPublisher;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.notify.pipeline.NotifierConfig;
import io.lightcat.alerts.notify.pipeline.NotifierConfigException;
import io.lightcat.alerts.notify.pipeline.NotifierLoop;
import io.lightcat.alerts.notify.pipeline.RunningNotifier;
import io.lightcat.alerts.rule.RulePack;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the demo runs in one process: an embedded Kafka broker with the engine's topics, one
 * engine instance with its REST server, the notifier (printing alerts on the console unless
 * configured otherwise) and (unless disabled) the traffic simulator.
 *
 * <p>Closing stops the simulator, then the notifier, then the engine, then the HTTP server, then
 * the broker, and deletes the state directory when it was a temporary one.
 */
public final class DemoStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoStack.class);
  private static final String APPLICATION_ID = "alert-engine";

  private final Settings settings;
  private final EmbeddedKafkaBroker broker;
  private final EngineNode node;
  private final RunningNotifier notifier;
  private final Optional<TrafficPublisher> simulator;

  /**
   * What the demo runs with.
   *
   * @param stateDir broker data under {@code kafka/}, engine state under {@code streams/}
   * @param temporary delete {@code stateDir} on close
   * @param notifiers the notifier's receivers and routes
   * @param simulation the simulated traffic to publish; empty: none
   * @param access who may call the REST API
   */
  public record Settings(
      Path stateDir,
      boolean temporary,
      int kafkaPort,
      int httpPort,
      String topicPrefix,
      int partitions,
      RulePack rules,
      NotifierConfig notifiers,
      Optional<TrafficPublisher.Settings> simulation,
      ApiAccess access) {
    public Settings {
      Objects.requireNonNull(notifiers, "notifiers");
      Objects.requireNonNull(simulation, "simulation");
      Objects.requireNonNull(access, "access");
    }
  }

  private DemoStack(
      Settings settings,
      EmbeddedKafkaBroker broker,
      EngineNode node,
      RunningNotifier notifier,
      Optional<TrafficPublisher> simulator) {
    this.settings = settings;
    this.broker = broker;
    this.node = node;
    this.notifier = notifier;
    this.simulator = simulator;
  }

  /**
   * Starts the broker, creates the topics and starts the engine.
   *
   * @throws StartupException when a port or the state directory is unusable
   */
  public static DemoStack start(Settings settings) {
    try {
      return startIn(settings);
    } catch (RuntimeException e) {
      if (settings.temporary()) {
        deleteQuietlyAfterFailure(settings.stateDir(), e);
      }
      throw e;
    }
  }

  private static DemoStack startIn(Settings settings) {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(settings.stateDir().resolve("kafka"), settings.kafkaPort());
    try {
      KafkaClientConfig kafka = KafkaClientConfig.of(broker.bootstrapServers());
      TopicNames topics = TopicNames.withPrefix(settings.topicPrefix());
      try (Admin admin = Admin.create(kafka.clientProperties())) {
        new TopicProvisioner(admin, settings.partitions()).provision(topics);
      }
      StreamsSettings streams =
          new StreamsSettings(
              APPLICATION_ID,
              kafka,
              Optional.of(settings.stateDir().resolve("streams")),
              "localhost:" + settings.httpPort());
      EngineNode node =
          EngineNode.start(
              streams,
              EngineConfig.defaults().withTopics(topics),
              settings.rules(),
              settings.httpPort(),
              settings.access());
      try {
        RunningNotifier notifier =
            startNotifier(settings.notifiers(), kafka, topics, node.registry());
        try {
          Optional<TrafficPublisher> simulator =
              settings
                  .simulation()
                  .map(s -> TrafficPublisher.start(kafka, topics, s, Clock.systemUTC()));
          return new DemoStack(settings, broker, node, notifier, simulator);
        } catch (RuntimeException e) {
          notifier.close();
          throw e;
        }
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  private static RunningNotifier startNotifier(
      NotifierConfig notifiers,
      KafkaClientConfig kafka,
      TopicNames topics,
      MeterRegistry registry) {
    try {
      return RunningNotifier.start(
          notifiers,
          new RunningNotifier.Settings(
              kafka.clientProperties(),
              topics.alerts(),
              topics.notificationsDlq(),
              NotifierLoop.GROUP_ID,
              topics.actions(),
              topics.notificationsState()),
          System::getenv,
          System.out,
          registry,
          Clock.systemUTC());
    } catch (NotifierConfigException e) {
      throw new StartupException("notifiers: " + e.getMessage(), e);
    }
  }

  public EngineNode node() {
    return node;
  }

  /** The notifier consuming the alerts topic. */
  public RunningNotifier notifier() {
    return notifier;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The traffic simulator, unless the demo runs without one. */
  public Optional<TrafficPublisher> simulator() {
    return simulator;
  }

  @Override
  public void close() throws IOException {
    try {
      try {
        simulator.ifPresent(TrafficPublisher::close);
      } finally {
        try {
          notifier.close();
        } finally {
          node.close();
        }
      }
    } finally {
      log.info("stopping Kafka broker");
      broker.close();
      log.info("Kafka broker stopped");
    }
    if (settings.temporary()) {
      deleteRecursively(settings.stateDir());
      log.info("deleted temporary state directory {}", settings.stateDir());
    }
  }

  /** Cleans up after a failed start; a failure to clean up is added to the start failure. */
  private static void deleteQuietlyAfterFailure(Path dir, RuntimeException failure) {
    try {
      deleteRecursively(dir);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
