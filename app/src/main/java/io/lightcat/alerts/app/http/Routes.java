package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.config.StaticFilesConfig;

/** A group of REST endpoints that adds itself to the server's routes. */
public interface Routes {
  /** Registers this group's endpoints. */
  void addTo(RoutesConfig routes);

  /**
   * Registers the static files this group serves beside its endpoints (the dashboard's assets);
   * none by default. Static files are not endpoints: they are not in {@code /openapi.json}.
   */
  default void addTo(StaticFilesConfig staticFiles) {}
}
