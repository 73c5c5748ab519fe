package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.probe.HostMetrics;
import io.lightcat.alerts.probe.HttpProbe;
import io.lightcat.alerts.probe.ProbeLoop;
import io.lightcat.alerts.probe.Prober;
import io.lightcat.alerts.rule.Durations;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine probe}: probes URLs, and optionally this host and heartbeats, on an interval
 * and publishes {@code health_check}, {@code host} and {@code heartbeat} events to the infra topic,
 * until Ctrl-C or SIGTERM.
 */
@Command(
    name = "probe",
    description = {
      "Probes URLs and this host, publishing infra events for the engine's rules.",
      "Every interval: a health_check event per --target (ok, status, latency, TLS expiry days"
          + " for https), a host event with --host-metrics (CPU, memory, disk, network from"
          + " /proc) and a heartbeat per --heartbeat service."
    })
public final class ProbeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ProbeCommand.class);

  @Mixin CommonOptions common;
  @Mixin KafkaOptions cluster;
  @Spec CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "NAME=URL",
      description = "A URL to probe under a name; repeat for more.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--interval",
      paramLabel = "D",
      defaultValue = "30s",
      description = "Time between probing rounds (default 30s).")
  String interval;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "10s",
      description = "Time a target has to answer (default 10s).")
  String timeout;

  @Option(names = "--host-metrics", description = "Also publish this host's CPU, memory, disk.")
  boolean hostMetrics;

  @Option(
      names = "--heartbeat",
      paramLabel = "SERVICE",
      description = "Publish a heartbeat for this service every round; repeat for more.")
  List<String> heartbeats = new ArrayList<>();

  @Option(
      names = "--host",
      paramLabel = "NAME",
      description = "This host's name in host and heartbeat events (default: the hostname).")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    common.applyLogging();
    SignalShutdown.closeOnSignal(start());
    return 0;
  }

  /**
   * Checks the options and starts probing.
   *
   * @throws ParameterException for bad arguments
   */
  ProbeLoop start() {
    cluster.requireBootstrapServers(spec);
    Map<String, URI> urls = targets();
    if (urls.isEmpty() && !hostMetrics && heartbeats.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "nothing to probe: give --target, --host-metrics or --heartbeat");
    }
    Duration every = positive("--interval", interval);
    Duration wait = positive("--timeout", timeout);
    String hostName = host != null ? host : localHostName();
    Clock clock = Clock.systemUTC();
    Optional<HostMetrics> metrics =
        hostMetrics
            ? Optional.of(new HostMetrics(Path.of("/proc"), Path.of("/"), hostName, clock))
            : Optional.empty();
    Prober prober =
        new Prober(urls, new HttpProbe(wait, clock), metrics, heartbeats, hostName, clock);
    KafkaClientConfig kafka = cluster.clientConfig();
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    props.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    String topic = cluster.topics().infra();
    log.info(
        "probing {} target(s){}{} every {}, publishing to {}",
        urls.size(),
        hostMetrics ? ", host metrics" : "",
        heartbeats.isEmpty() ? "" : ", heartbeats " + heartbeats,
        every,
        topic);
    return ProbeLoop.start(prober, new KafkaProducer<>(props), topic, every);
  }

  private Map<String, URI> targets() {
    Map<String, URI> out = new LinkedHashMap<>();
    for (String t : targets) {
      int eq = t.indexOf('=');
      URI url = null;
      if (eq > 0) {
        try {
          url = URI.create(t.substring(eq + 1).strip());
        } catch (IllegalArgumentException e) {
          url = null;
        }
      }
      String scheme = url == null ? null : url.getScheme();
      if (url == null
          || url.getHost() == null
          || scheme == null
          || !List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))) {
        throw new ParameterException(
            spec.commandLine(),
            "invalid value for --target: '" + t + "' (use NAME=http(s)://host[:port]/path)");
      }
      out.put(t.substring(0, eq).strip(), url);
    }
    return out;
  }

  private Duration positive(String option, String text) {
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for " + option + ": " + e.getMessage());
    }
    if (d.isZero() || d.isNegative()) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for " + option + ": " + text + " (must be > 0)");
    }
    return d;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
