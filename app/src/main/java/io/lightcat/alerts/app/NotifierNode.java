package io.lightcat.alerts.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import io.lightcat.alerts.app.http.ErrorBody;
import io.lightcat.alerts.app.http.HealthRoutes;
import io.lightcat.alerts.app.http.HttpServer;
import io.lightcat.alerts.app.http.MetricsRoutes;
import io.lightcat.alerts.app.http.Routes;
import io.lightcat.alerts.notify.pipeline.RunningNotifier;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running notifier and, when asked for, its monitoring port: {@code GET /metrics} (Prometheus
 * text) and {@code GET /health} (200 while the notifier loop runs, 503 once it died), so Prometheus
 * can scrape it and a container runtime can probe it.
 *
 * <p>Closing stops the notifier first (it commits what it delivered), then the HTTP server.
 */
public final class NotifierNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotifierNode.class);

  private final RunningNotifier notifier;
  private final Optional<HttpServer> http;

  private NotifierNode(RunningNotifier notifier, Optional<HttpServer> http) {
    this.notifier = notifier;
    this.http = http;
  }

  /** A notifier without a monitoring port. */
  public static NotifierNode withoutHttp(RunningNotifier notifier) {
    return new NotifierNode(Objects.requireNonNull(notifier, "notifier"), Optional.empty());
  }

  /**
   * Serves {@code registry} and the notifier's health on {@code port}.
   *
   * @throws StartupException when the port cannot be bound (the notifier is stopped again)
   */
  public static NotifierNode serving(
      RunningNotifier notifier, PrometheusMeterRegistry registry, int port) {
    try {
      HttpServer http =
          HttpServer.start(port, List.of(new MetricsRoutes(registry), health(notifier)));
      return new NotifierNode(notifier, Optional.of(http));
    } catch (RuntimeException e) {
      notifier.close();
      throw e;
    }
  }

  private static Routes health(RunningNotifier notifier) {
    return (RoutesConfig routes) ->
        routes.get(
            "/health",
            ctx -> {
              if (notifier.running()) {
                ctx.json(new HealthRoutes.Health("UP"));
              } else {
                int status = HttpStatus.SERVICE_UNAVAILABLE.getCode();
                ctx.status(status).json(new ErrorBody("notifier loop stopped", status));
              }
            });
  }

  public RunningNotifier notifier() {
    return notifier;
  }

  /** The bound monitoring port, when there is one. */
  public Optional<Integer> httpPort() {
    return http.map(HttpServer::port);
  }

  @Override
  public void close() {
    try {
      notifier.close();
    } finally {
      http.ifPresent(
          server -> {
            server.close();
            log.info("notifier HTTP server stopped");
          });
    }
  }
}
