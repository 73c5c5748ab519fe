package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/** {@code GET /metrics}: the engine's metrics in the Prometheus text exposition format. */
public final class MetricsRoutes implements Routes {
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsRoutes(PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(registry.scrape()));
  }
}
