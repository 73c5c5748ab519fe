package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.silence.Silences;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier as one running unit: its receivers, the dead-letter producer, the dispatcher, the
 * {@link NotifierLoop} on its own thread and the {@link AlertActionsLoop} (silences, acks,
 * escalation timers) on another. What {@code notify} and {@code demo} start.
 *
 * <p>Closing stops the loops after the record in hand (uncommitted records are redelivered by the
 * next run), then the receivers' threads and the producer. When a loop dies, {@link #stopped()}
 * completes exceptionally so the process can end with an error instead of lingering.
 */
public final class RunningNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunningNotifier.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);

  private final NotifierLoop loop;
  private final NotificationDispatcher dispatcher;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Thread thread;
  private final AlertActionsLoop actions;
  private final Thread actionsThread;
  private final NotifierMetrics metrics;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean closing;

  /**
   * Where the notifier reads and writes.
   *
   * @param clientProperties every Kafka client's settings: bootstrap servers plus SASL, SSL, ...
   * @param alertsTopic the topic it consumes
   * @param deadLetterTopic where notifications go after their last failed attempt
   * @param groupId its consumer group
   * @param actionsTopic where acknowledgements and silences arrive
   * @param stateTopic the compacted topic keeping escalation and group state
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
      AlertActionsLoop actions,
      NotifierMetrics metrics) {
    this.loop = loop;
    this.dispatcher = dispatcher;
    this.producer = producer;
    this.thread = new Thread(() -> runWatched(loop), "notifier");
    this.actions = actions;
    this.actionsThread = new Thread(() -> runWatched(actions), "notifier-actions");
    this.metrics = metrics;
  }

  /** {@link #start(NotifierConfig, Settings, Function, PrintStream, MeterRegistry, Clock)}. */
  public static RunningNotifier start(
      NotifierConfig config, Settings settings, Function<String, String> env, PrintStream console) {
    return start(config, settings, env, console, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  /**
   * Builds the receivers of {@code config} (resolving their secrets from {@code env}), restores
   * escalation and group state, reads the silences and acknowledgements already on the actions
   * topic, and starts consuming.
   *
   * @param registry where the notifier's meters go ({@link NotifierMetrics})
   * @param clock every timer's clock
   * @throws NotifierConfigException when a receiver cannot be built (missing secret, bad key)
   * @throws IllegalStateException when a topic is missing or state cannot be read
   */
  public static RunningNotifier start(
      NotifierConfig config,
      Settings settings,
      Function<String, String> env,
      PrintStream console,
      MeterRegistry registry,
      Clock clock) {
    Map<String, ReliableNotifier> receivers =
        new ReceiverFactory(env, clock, console).build(config);
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(settings));
    NotificationDispatcher dispatcher = null;
    try {
      NotifierMetrics metrics = new NotifierMetrics(registry);
      KafkaDeadLetters deadLetters = new KafkaDeadLetters(producer, settings.deadLetterTopic());
      dispatcher = new NotificationDispatcher(receivers, deadLetters, metrics);
      NotificationDispatcher d = dispatcher;
      Consumer<List<Notification>> send = d::deliver;
      Silences silences = new Silences(config.silences());
      Consumer<List<Notification>> escalationSend =
          new SilenceStage(silences, clock, metrics, send);
      Map<String, Object> readerProps = readerProperties(settings);
      Escalator escalator = null;
      if (config.escalation() != null) {
        escalator =
            new Escalator(
                config.escalation(),
                config.route(),
                new KafkaEscalationStore(
                    producer, new KafkaConsumer<>(readerProps), settings.stateTopic()),
                clock);
      }
      AlertGrouper grouper =
          new AlertGrouper(
              RoutingPolicy.of(config, silences),
              d::sendResolved,
              escalator != null,
              new KafkaGroupStore(
                  producer, () -> new KafkaConsumer<>(readerProps), settings.stateTopic()),
              clock,
              metrics);
      grouper.restore(); // fails the start now, not the loop later, when the state is unreadable
      AlertActionsLoop actions =
          new AlertActionsLoop(
              new KafkaConsumer<>(readerProps),
              settings.actionsTopic(),
              silences,
              escalator,
              escalationSend);
      Map<String, Object> consumerProps = new HashMap<>(settings.clientProperties());
      consumerProps.putAll(
          NotifierLoop.consumerProperties(
              String.valueOf(settings.clientProperties().get("bootstrap.servers")),
              settings.groupId()));
      NotifierLoop loop =
          new NotifierLoop(
              new KafkaConsumer<>(consumerProps),
              settings.alertsTopic(),
              grouper,
              send,
              deadLetters,
              escalator,
              escalationSend);
      RunningNotifier running = new RunningNotifier(loop, dispatcher, producer, actions, metrics);
      running.startLoops();
      log.info(
          "notifier consuming {} as group {}, {} receiver(s), {} silence(s) known,"
              + " dead letters to {}",
          settings.alertsTopic(),
          settings.groupId(),
          receivers.size(),
          silences.all().size(),
          settings.deadLetterTopic());
      return running;
    } catch (RuntimeException e) {
      if (dispatcher != null) {
        dispatcher.close();
      }
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  /** The actions first, so silences are known before the first alert is looked at. */
  private void startLoops() {
    actionsThread.start();
    boolean caughtUp;
    try {
      caughtUp = actions.awaitCaughtUp(CATCH_UP_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      caughtUp = false;
    }
    if (!caughtUp) {
      Throwable why =
          stopped.isCompletedExceptionally() ? stopped.handle((v, t) -> t).join() : null;
      closeQuietly();
      throw new IllegalStateException(
          "cannot read the alert actions" + (why == null ? " in time" : ": " + rootMessage(why)),
          why);
    }
    thread.start();
  }

  private static String rootMessage(Throwable t) {
    Throwable c =
        t instanceof java.util.concurrent.CompletionException && t.getCause() != null
            ? t.getCause()
            : t;
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
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

  private void runWatched(Runnable target) {
    try {
      target.run();
      if (!closing) {
        stopped.completeExceptionally(
            new IllegalStateException(Thread.currentThread().getName() + " loop ended"));
      }
    } catch (RuntimeException e) {
      // Nothing was committed past the failing record: a restart delivers it again.
      log.error("notifier stopped; records not yet committed are redelivered on restart", e);
      stopped.completeExceptionally(e);
    }
  }

  /** Completes normally once closed, exceptionally (with the cause) as soon as either loop dies. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Whether the consume loop and the actions loop are still running. */
  public boolean running() {
    return thread.isAlive() && actionsThread.isAlive();
  }

  /** The notifier's meters. */
  public NotifierMetrics metrics() {
    return metrics;
  }

  /** Stops both loops and waits for them; an interrupt while waiting is passed on. */
  @Override
  public void close() {
    closing = true;
    loop.close();
    actions.close();
    try {
      actionsThread.join(CLOSE_TIMEOUT.toMillis());
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      dispatcher.close();
      producer.close(CLOSE_TIMEOUT);
      stopped.complete(null);
    }
    log.info("notifier stopped");
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      log.warn("closing after a failed start: {}", e.toString());
    }
  }
}
