package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.DemoStack;
import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.app.http.ApiAccess;
import io.lightcat.alerts.app.simulator.IncidentSchedule;
import io.lightcat.alerts.app.simulator.Scenario;
import io.lightcat.alerts.app.simulator.TrafficPublisher;
import io.lightcat.alerts.notify.pipeline.NotifierConfig;
import io.lightcat.alerts.rule.Durations;
import io.lightcat.alerts.rule.RulePack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine demo}: an in-process Kafka broker, the topics, the engine and its REST
 * server, and the LIGHTCAT traffic simulator replaying incidents, all in one process; Ctrl-C stops
 * everything.
 */
@Command(
    name = "demo",
    description = {
      "Runs broker, engine, notifier and REST API in one process, for trying things out.",
      "Starts an in-process Kafka broker, creates the topics and runs the engine with its REST"
          + " API, the notifier (alerts printed on the console, or --notifiers) and a LIGHTCAT"
          + " traffic simulator whose incidents make alerts fire and resolve within the first"
          + " minutes. Ctrl-C stops everything. The same --state-dir resumes."
    })
public final class DemoCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

  /** The bundled notifier configuration: every alert on the console. */
  static final String DEFAULT_NOTIFIERS = "notifiers/demo.yaml";

  /** Simulated events per second: enough for every rule's minimum, light on a laptop. */
  static final double DEFAULT_RATE = 50;

  @Mixin CommonOptions common;
  @Mixin ApiAccessOptions access;
  @Spec CommandSpec spec;

  @Option(names = "--no-simulator", description = "Do not publish simulated traffic.")
  boolean noSimulator;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the simulated traffic; the same seed replays the same traffic.")
  Long seed;

  @Option(
      names = "--first-incident-after",
      paramLabel = "D",
      defaultValue = "30s",
      description = "Steady simulated traffic before the first incident (default 30s).")
  String firstIncidentAfter;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description = "Port of the in-process Kafka broker (default 9092).")
  int kafkaPort;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "REST port (default 8080).")
  int httpPort;

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      defaultValue = RuleDirectory.DEFAULT,
      description =
          "Rule directory (default: the bundled LIGHTCAT pack, " + RuleDirectory.DEFAULT + ").")
  Path rules;

  @Option(
      names = "--notifiers",
      paramLabel = "FILE",
      description =
          "Notifier configuration, as for notify --config (default: print every alert on the"
              + " console).")
  Path notifiers;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Broker data and engine state; the same directory resumes (default: new temp"
              + " dir, deleted on exit).")
  Path stateDir;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = "",
      description = "Prepended to every topic name.")
  String topicPrefix;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions per topic (default 3).")
  int partitions;

  @Override
  public Integer call() throws InterruptedException {
    common.applyLogging();
    SignalShutdown.closeOnSignal(start());
    return 0;
  }

  /**
   * Checks the options and starts broker, topics, engine and REST server.
   *
   * @throws ParameterException for bad arguments
   * @throws StartupException when a directory or port is unusable
   */
  public DemoStack start() {
    OptionChecks.port(spec, "--kafka-port", kafkaPort);
    OptionChecks.port(spec, "--http-port", httpPort);
    OptionChecks.positive(spec, "--partitions", partitions);
    if (kafkaPort == httpPort) {
      throw new ParameterException(
          spec.commandLine(), "--kafka-port and --http-port must differ: " + kafkaPort);
    }
    ApiAccess apiAccess = access.toAccess(spec);
    Optional<TrafficPublisher.Settings> simulation =
        noSimulator ? Optional.empty() : Optional.of(simulation());
    RulePack rulePack = RuleDirectory.load("--rules", rules);
    NotifierConfig notifierConfig =
        notifiers == null ? bundledNotifiers() : NotifierConfigFile.load("--notifiers", notifiers);
    boolean temporary = stateDir == null;
    Path dir = temporary ? newTempDir() : OptionChecks.writableDir("--state-dir", stateDir);
    DemoStack stack =
        DemoStack.start(
            new DemoStack.Settings(
                dir,
                temporary,
                kafkaPort,
                httpPort,
                topicPrefix,
                partitions,
                rulePack,
                notifierConfig,
                simulation,
                apiAccess));
    log.info(
        "demo ready to accept events: Kafka on {}, dashboard and REST on http://localhost:{}/",
        stack.bootstrapServers(),
        stack.node().httpPort());
    return stack;
  }

  /** Every incident in turn, the first ({@link Scenario#ERROR_SPIKE}) after the warm-up. */
  private TrafficPublisher.Settings simulation() {
    Duration warmUp;
    try {
      warmUp = Durations.parse(firstIncidentAfter);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for --first-incident-after: " + e.getMessage());
    }
    return new TrafficPublisher.Settings(
        DEFAULT_RATE,
        seed != null ? seed : System.nanoTime(),
        IncidentSchedule.all(warmUp),
        Optional.empty());
  }

  static NotifierConfig bundledNotifiers() {
    try (InputStream in =
        DemoCommand.class.getClassLoader().getResourceAsStream(DEFAULT_NOTIFIERS)) {
      if (in == null) {
        throw new StartupException("missing bundled resource " + DEFAULT_NOTIFIERS);
      }
      return NotifierConfig.parse(
          "classpath:" + DEFAULT_NOTIFIERS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StartupException("cannot read bundled " + DEFAULT_NOTIFIERS + ": " + e, e);
    }
  }

  private static Path newTempDir() {
    try {
      return Files.createTempDirectory("alert-engine-demo-");
    } catch (IOException e) {
      throw new StartupException("cannot create a temporary state directory: " + e, e);
    }
  }
}
