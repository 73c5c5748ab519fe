package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.app.simulator.IncidentSchedule;
import io.lightcat.alerts.app.simulator.Scenario;
import io.lightcat.alerts.app.simulator.TrafficPublisher;
import io.lightcat.alerts.rule.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine simulate}: publishes LIGHTCAT-like traffic, with incidents, to an existing
 * cluster until its duration is over or Ctrl-C.
 */
@Command(
    name = "simulate",
    description = {
      "Publishes LIGHTCAT-like traffic and incident scenarios to a Kafka cluster.",
      "Steady traffic on the four event topics, with incidents that make the LIGHTCAT rules"
          + " fire; the log names each incident, and the rule it should raise, when it starts."
    })
public final class SimulateCommand implements Callable<Integer> {
  static final String ALL = "all";
  static final String STEADY = "steady";

  @Mixin CommonOptions common;
  @Mixin KafkaOptions cluster;
  @Spec CommandSpec spec;

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      defaultValue = ALL,
      completionCandidates = SimulateCommand.ScenarioNames.class,
      description =
          "all (default: every incident in turn, repeated), steady (no incidents), or one"
              + " incident, repeated: ${COMPLETION-CANDIDATES}")
  String scenario;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "50",
      description = "Target events per second, all topics together (default 50).")
  double rate;

  @Option(
      names = "--duration",
      paramLabel = "D",
      description = "Stop after this long, e.g. 30s, 10m, 1h (default: until Ctrl-C).")
  String duration;

  @Option(
      names = "--first-incident-after",
      paramLabel = "D",
      defaultValue = "30s",
      description = "Steady traffic before the first incident (default 30s).")
  String firstIncidentAfter;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the traffic model; the same seed replays the same traffic.")
  Long seed;

  @Override
  public Integer call() throws InterruptedException {
    common.applyLogging();
    TrafficPublisher publisher = start();
    if (duration == null) {
      SignalShutdown.closeOnSignal(publisher);
      return 0;
    }
    publisher.awaitFinished(Duration.ofDays(36_500));
    publisher.close();
    spec.commandLine()
        .getOut()
        .println(
            "published " + publisher.published() + " events, " + publisher.failed() + " failed");
    return publisher.failed() == 0 ? 0 : OneLineErrors.FAILED;
  }

  /**
   * Checks the options and starts publishing.
   *
   * @throws ParameterException for bad arguments
   * @throws io.lightcat.alerts.app.StartupException when the Kafka config file is unusable
   */
  TrafficPublisher start() {
    cluster.requireBootstrapServers(spec);
    if (!(rate > 0) || rate > 100_000) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for --rate: " + rate + " (must be > 0 and <= 100000)");
    }
    Optional<Duration> stopAfter =
        Optional.ofNullable(duration).map(d -> positive("--duration", d));
    Duration warmUp = duration("--first-incident-after", firstIncidentAfter);
    IncidentSchedule schedule = schedule(scenario, warmUp);
    KafkaClientConfig kafka = cluster.clientConfig();
    long s = seed != null ? seed : System.nanoTime();
    return TrafficPublisher.start(
        kafka,
        cluster.topics(),
        new TrafficPublisher.Settings(rate, s, schedule, stopAfter),
        Clock.systemUTC());
  }

  private IncidentSchedule schedule(String name, Duration warmUp) {
    if (name.equals(ALL)) {
      return IncidentSchedule.all(warmUp);
    }
    if (name.equals(STEADY)) {
      return IncidentSchedule.steady();
    }
    Scenario one =
        Scenario.named(name)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "unknown scenario '" + name + "'; valid: " + String.join(", ", names())));
    return IncidentSchedule.cycle(warmUp, IncidentSchedule.DEFAULT_GAP, List.of(one));
  }

  /** Every valid {@code --scenario} value. */
  static List<String> names() {
    return Stream.concat(
            Stream.of(ALL, STEADY), Arrays.stream(Scenario.values()).map(Scenario::scenarioName))
        .toList();
  }

  private Duration positive(String option, String text) {
    Duration d = duration(option, text);
    if (d.isZero()) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for " + option + ": " + text + " (must be > 0)");
    }
    return d;
  }

  private Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for " + option + ": " + e.getMessage());
    }
  }

  /** The values {@code --help} lists for {@code --scenario}. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return names().iterator();
    }
  }
}
