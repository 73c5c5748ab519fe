package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;

/** A group of REST endpoints that adds itself to the server's routes. */
public interface Routes {
  /** Registers this group's endpoints. */
  void addTo(RoutesConfig routes);
}
