package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.NotifierNode;
import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.notify.pipeline.NotifierConfig;
import io.lightcat.alerts.notify.pipeline.NotifierConfigException;
import io.lightcat.alerts.notify.pipeline.NotifierLoop;
import io.lightcat.alerts.notify.pipeline.RunningNotifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine notify}: the notifier sinks as their own consumer group on the alerts topic,
 * until Ctrl-C or SIGTERM. {@code notify test-route} shows where an alert would go.
 */
@Command(
    name = "notify",
    description = {
      "Sends alerts to receivers (Slack, PagerDuty, webhooks, email, Alertmanager, console).",
      "Consumes the alerts topic as its own consumer group and routes each alert by the"
          + " configuration; an offset is committed only once every receiver got the alert or it"
          + " went to the notifications dead-letter topic."
    },
    subcommands = {NotifyTestRouteCommand.class})
public final class NotifyCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin KafkaOptions cluster;
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Notifier configuration: receivers and routes (YAML, required).")
  Path config;

  @Option(
      names = "--group-id",
      paramLabel = "ID",
      defaultValue = NotifierLoop.GROUP_ID,
      description = "Consumer group of the notifier (default " + NotifierLoop.GROUP_ID + ").")
  String groupId;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve GET /metrics (Prometheus) and GET /health on this port (default: no HTTP).")
  Integer metricsPort;

  @Override
  public Integer call() throws InterruptedException {
    common.applyLogging();
    NotifierNode node = start();
    // A loop that dies ends the command with one line and exit 1, instead of lingering.
    SignalShutdown.closeOnSignalOrFailure(node, node.notifier().stopped());
    return 0;
  }

  /**
   * Checks the options, loads the configuration, starts consuming and, with {@code --metrics-port},
   * serving metrics and health.
   *
   * @throws ParameterException for bad arguments
   * @throws StartupException when a file or the port is unusable or a receiver cannot be built
   */
  public NotifierNode start() {
    cluster.requireBootstrapServers(spec);
    if (config == null) {
      throw new ParameterException(spec.commandLine(), "missing required option --config");
    }
    if (metricsPort != null) {
      OptionChecks.port(spec, "--metrics-port", metricsPort);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    RunningNotifier notifier = startNotifier(registry);
    return metricsPort == null
        ? NotifierNode.withoutHttp(notifier)
        : NotifierNode.serving(notifier, registry, metricsPort);
  }

  /** Loads the configuration and starts the notifier's loops, metering into {@code registry}. */
  RunningNotifier startNotifier(MeterRegistry registry) {
    NotifierConfig notifiers = NotifierConfigFile.load("--config", config);
    KafkaClientConfig kafka = cluster.clientConfig();
    TopicNames topics = cluster.topics();
    try {
      return RunningNotifier.start(
          notifiers,
          new RunningNotifier.Settings(
              kafka.clientProperties(),
              topics.alerts(),
              topics.notificationsDlq(),
              groupId,
              topics.actions(),
              topics.notificationsState()),
          System::getenv,
          System.out,
          registry,
          Clock.systemUTC());
    } catch (NotifierConfigException e) {
      throw new StartupException(config + ": " + e.getMessage(), e);
    } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }
}
