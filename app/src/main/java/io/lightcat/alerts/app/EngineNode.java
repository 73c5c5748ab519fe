package io.lightcat.alerts.app;

import io.lightcat.alerts.app.engine.AlertEngine;
import io.lightcat.alerts.app.engine.StreamsSettings;
import io.lightcat.alerts.app.http.HealthRoutes;
import io.lightcat.alerts.app.http.HttpServer;
import io.lightcat.alerts.app.http.MetricsRoutes;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleSet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  private EngineNode(AlertEngine engine, HttpServer http) {
    this.engine = engine;
    this.http = http;
  }

  /**
   * Starts the engine with {@code rules}, then serves REST on {@code httpPort}. The rule pack's
   * redaction list is added to the configured one.
   *
   * @throws StartupException when the port cannot be bound (the engine is stopped again)
   */
  public static EngineNode start(
      StreamsSettings streams, EngineConfig config, RuleSet rules, int httpPort) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Set<String> redacted = new HashSet<>(config.redactedFields());
    redacted.addAll(rules.redact());
    AlertEngine engine =
        AlertEngine.start(
            streams,
            config.withRedactedFields(redacted),
            new RuleBook(rules),
            new EngineMetrics(registry));
    try {
      HttpServer http =
          HttpServer.start(
              httpPort, List.of(new HealthRoutes(engine::state), new MetricsRoutes(registry)));
      return new EngineNode(engine, http);
    } catch (RuntimeException e) {
      engine.close();
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
      log.info("HTTP server stopped");
    }
  }
}
