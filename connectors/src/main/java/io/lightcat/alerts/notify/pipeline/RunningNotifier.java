package io.lightcat.alerts.notify.pipeline;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier as one running unit: its receivers, the dead-letter producer, the dispatcher and the
 * {@link NotifierLoop} on its own thread. What {@code notify} and {@code demo} start.
 *
 * <p>Closing stops the loop after the record in hand (uncommitted records are redelivered by the
 * next run), then the receivers' threads and the producer.
 */
public final class RunningNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunningNotifier.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final NotifierLoop loop;
  private final NotificationDispatcher dispatcher;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Thread thread;
  private final EscalationLoop escalation;
  private final Thread escalationThread;

  /**
   * Where the notifier reads and writes.
   *
   * @param clientProperties every Kafka client's settings: bootstrap servers plus SASL, SSL, ...
   * @param alertsTopic the topic it consumes
   * @param deadLetterTopic where notifications go after their last failed attempt
   * @param groupId its consumer group
   * @param actionsTopic where acknowledgements arrive (escalation only)
   * @param stateTopic the compacted topic keeping escalation state
   */
  public record Settings(
      Map<String, Object> clientProperties,
      String alertsTopic,
      String deadLetterTopic,
      String groupId,
      String actionsTopic,
      String stateTopic) {
    public Settings {
      clientProperties = Map.copyOf(clientProperties);
      Objects.requireNonNull(alertsTopic, "alertsTopic");
      Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(actionsTopic, "actionsTopic");
      Objects.requireNonNull(stateTopic, "stateTopic");
    }
  }

  private RunningNotifier(
      NotifierLoop loop,
      NotificationDispatcher dispatcher,
      KafkaProducer<byte[], byte[]> producer,
      EscalationLoop escalation) {
    this.loop = loop;
    this.dispatcher = dispatcher;
    this.producer = producer;
    this.thread = new Thread(() -> runLogged(loop), "notifier");
    this.escalation = escalation;
    this.escalationThread =
        escalation == null ? null : new Thread(() -> runLogged(escalation), "notifier-escalation");
  }

  /**
   * Builds the receivers of {@code config} (resolving their secrets from {@code env}) and starts
   * consuming.
   *
   * @throws NotifierConfigException when a receiver cannot be built (missing secret, bad key)
   */
  public static RunningNotifier start(
      NotifierConfig config, Settings settings, Function<String, String> env, PrintStream console) {
    Map<String, ReliableNotifier> receivers =
        new ReceiverFactory(env, Clock.systemUTC(), console).build(config);
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(settings));
    try {
      KafkaDeadLetters deadLetters = new KafkaDeadLetters(producer, settings.deadLetterTopic());
      NotificationDispatcher dispatcher =
          new NotificationDispatcher(config.route(), receivers, deadLetters);
      Map<String, Object> consumerProps = new HashMap<>(settings.clientProperties());
      consumerProps.putAll(
          NotifierLoop.consumerProperties(
              String.valueOf(settings.clientProperties().get("bootstrap.servers")),
              settings.groupId()));
      Escalator escalator = null;
      EscalationLoop escalation = null;
      if (config.escalation() != null) {
        Map<String, Object> readerProps = readerProperties(settings);
        escalator =
            new Escalator(
                config.escalation(),
                config.route(),
                new KafkaEscalationStore(
                    producer, new KafkaConsumer<>(readerProps), settings.stateTopic()),
                Clock.systemUTC());
        escalation =
            new EscalationLoop(
                new KafkaConsumer<>(readerProps), settings.actionsTopic(), escalator, dispatcher);
      }
      KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
      NotifierLoop loop =
          new NotifierLoop(consumer, settings.alertsTopic(), dispatcher, deadLetters, escalator);
      RunningNotifier running = new RunningNotifier(loop, dispatcher, producer, escalation);
      running.thread.start();
      if (running.escalationThread != null) {
        running.escalationThread.start();
      }
      log.info(
          "notifier consuming {} as group {}, {} receiver(s), dead letters to {}",
          settings.alertsTopic(),
          settings.groupId(),
          receivers.size(),
          settings.deadLetterTopic());
      return running;
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  private static Map<String, Object> producerProperties(Settings settings) {
    Map<String, Object> p = new HashMap<>(settings.clientProperties());
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return p;
  }

  /** A consumer of its own that reads whole topics, without a group or commits. */
  private static Map<String, Object> readerProperties(Settings settings) {
    Map<String, Object> p = new HashMap<>(settings.clientProperties());
    p.put("enable.auto.commit", "false");
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    return p;
  }

  private static void runLogged(Runnable loop) {
    try {
      loop.run();
    } catch (RuntimeException e) {
      // Nothing was committed past the failing record: a restart delivers it again.
      log.error("notifier stopped; records not yet committed are redelivered on restart", e);
    }
  }

  /** Whether the consume loop (and the escalation loop, when configured) is still running. */
  public boolean running() {
    return thread.isAlive() && (escalationThread == null || escalationThread.isAlive());
  }

  /** Stops both loops and waits for them; an interrupt while waiting is passed on. */
  @Override
  public void close() {
    loop.close();
    try {
      if (escalation != null) {
        escalation.close();
        escalationThread.join(CLOSE_TIMEOUT.toMillis());
      }
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      dispatcher.close();
      producer.close(CLOSE_TIMEOUT);
    }
    log.info("notifier stopped");
  }
}
