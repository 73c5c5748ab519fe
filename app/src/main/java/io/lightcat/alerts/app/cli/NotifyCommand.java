package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.app.http.HttpServer;
import io.lightcat.alerts.app.http.MetricsRoutes;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.notify.pipeline.NotifierConfig;
import io.lightcat.alerts.notify.pipeline.NotifierConfigException;
import io.lightcat.alerts.notify.pipeline.NotifierLoop;
import io.lightcat.alerts.notify.pipeline.RunningNotifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
          "Serve the notifier's metrics (Prometheus text) at http://HOST:PORT/metrics"
              + " (default: not served).")
  Integer metricsPort;

  @Override
  public Integer call() throws InterruptedException {
    common.applyLogging();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer metrics =
        metricsPort == null
            ? null
            : HttpServer.start(metricsPort, List.of(new MetricsRoutes(registry)));
    RunningNotifier running;
    try {
      running = start(registry);
    } catch (RuntimeException e) {
      if (metrics != null) {
        metrics.close();
      }
      throw e;
    }
    AutoCloseable all =
        () -> {
          try {
            running.close();
          } finally {
            if (metrics != null) {
              metrics.close();
            }
          }
        };
    // A loop that dies ends the command with one line and exit 1, instead of lingering.
    SignalShutdown.closeOnSignalOrFailure(all, running.stopped());
    return 0;
  }

  /**
   * Checks the options, loads the configuration and starts consuming.
   *
   * @throws ParameterException for bad arguments
   * @throws StartupException when a file is unusable or a receiver cannot be built
   */
  RunningNotifier start(MeterRegistry registry) {
    cluster.requireBootstrapServers(spec);
    if (config == null) {
      throw new ParameterException(spec.commandLine(), "missing required option --config");
    }
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
