package io.lightcat.alerts.app;

import io.lightcat.alerts.app.engine.AlertEngine;
import io.lightcat.alerts.app.engine.EngineMeters;
import io.lightcat.alerts.app.engine.StreamsSettings;
import io.lightcat.alerts.app.http.AlertFanOut;
import io.lightcat.alerts.app.http.AlertRoutes;
import io.lightcat.alerts.app.http.BearerAuth;
import io.lightcat.alerts.app.http.HealthRoutes;
import io.lightcat.alerts.app.http.HttpServer;
import io.lightcat.alerts.app.http.MetricsRoutes;
import io.lightcat.alerts.app.http.RuleRoutes;
import io.lightcat.alerts.app.http.SeriesRoutes;
import io.lightcat.alerts.app.http.StatsFanOut;
import io.lightcat.alerts.app.http.StatsRoutes;
import io.lightcat.alerts.app.kafka.KafkaAlertActions;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.query.AlertQueries;
import io.lightcat.alerts.query.SeriesQueries;
import io.lightcat.alerts.query.StatsQueries;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleSet;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running engine instance: the Kafka Streams engine and its REST server.
 *
 * <p>Closing stops the engine first (so it leaves the group and commits), then the HTTP server.
 */
public final class EngineNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EngineNode.class);

  private final AlertEngine engine;
  private final HttpServer http;
  private final KafkaAlertActions actions;
  private final EngineMeters meters;

  private EngineNode(
      AlertEngine engine, HttpServer http, KafkaAlertActions actions, EngineMeters meters) {
    this.engine = engine;
    this.http = http;
    this.actions = actions;
    this.meters = meters;
  }

  /** {@link #start(StreamsSettings, EngineConfig, RuleSet, int, Optional)} with open writes. */
  public static EngineNode start(
      StreamsSettings streams, EngineConfig config, RuleSet rules, int httpPort) {
    return start(streams, config, rules, httpPort, Optional.empty());
  }

  /**
   * Starts the engine with {@code rules}, then serves REST on {@code httpPort}. The rule pack's
   * redaction list is added to the configured one.
   *
   * <p>Any instance answers {@code /api/alerts}, {@code /api/metrics/*} and {@code
   * /api/dashboards/*} for all: other instances are reached at the {@code application.server} they
   * advertise. Write endpoints require {@code apiToken} as a bearer token when it is present.
   *
   * @throws StartupException when the port cannot be bound (the engine is stopped again)
   */
  public static EngineNode start(
      StreamsSettings streams,
      EngineConfig config,
      RuleSet rules,
      int httpPort,
      Optional<String> apiToken) {
    PrometheusMeterRegistry registry = EngineMeters.newRegistry();
    Set<String> redacted = new HashSet<>(config.redactedFields());
    redacted.addAll(rules.redact());
    RuleBook ruleBook = new RuleBook(rules);
    AlertEngine engine =
        AlertEngine.start(
            streams,
            config.withRedactedFields(redacted),
            ruleBook,
            EngineMeters.engineMetrics(registry));
    KafkaAlertActions actions = null;
    EngineMeters meters = null;
    try {
      actions = new KafkaAlertActions(streams.kafka(), config.topics().actions());
      AlertQueries local = new AlertQueries(engine.streams());
      HostInfo self = HostInfo.buildFromEndpoint(streams.applicationServer());
      AlertFanOut cluster = new AlertFanOut(self, local, local::hosts);
      StatsQueries localStats = new StatsQueries(engine.streams(), self);
      Clock clock = Clock.systemUTC();
      meters = EngineMeters.bind(registry, engine.streams(), localStats, clock);
      HttpServer http =
          HttpServer.start(
              httpPort,
              List.of(
                  new HealthRoutes(engine::state),
                  new MetricsRoutes(registry),
                  new AlertRoutes(cluster, local, actions, BearerAuth.of(apiToken), clock),
                  new RuleRoutes(ruleBook),
                  new SeriesRoutes(new SeriesQueries(engine.streams()), ruleBook, self),
                  new StatsRoutes(
                      new StatsFanOut(self, localStats, localStats::hosts),
                      localStats,
                      cluster,
                      clock)));
      return new EngineNode(engine, http, actions, meters);
    } catch (RuntimeException e) {
      engine.close();
      if (actions != null) {
        actions.close();
      }
      if (meters != null) {
        meters.close();
      }
      throw e;
    }
  }

  public AlertEngine engine() {
    return engine;
  }

  /** The port the REST server is bound to. */
  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    try {
      log.info("stopping engine");
      engine.close();
      log.info("engine stopped");
    } finally {
      log.info("stopping HTTP server");
      http.close();
      actions.close();
      meters.close();
      log.info("HTTP server stopped");
    }
  }
}
