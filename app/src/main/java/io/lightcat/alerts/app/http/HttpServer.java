package io.lightcat.alerts.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.lightcat.alerts.app.StartupException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST server (Javalin on Jetty): JSON in and out, errors as {@code {"error": ..., "status":
 * N}} including unknown paths (404) and unexpected exceptions (500, logged), all through one {@link
 * ExceptionMapper}.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final Javalin javalin;

  private HttpServer(Javalin javalin) {
    this.javalin = javalin;
  }

  /**
   * Starts serving {@code routes} on every interface at {@code port} ({@code 0} picks a free one).
   *
   * @throws StartupException when the port cannot be bound
   */
  public static HttpServer start(int port, List<Routes> routes) {
    ObjectMapper mapper = new ObjectMapper();
    Javalin javalin =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jsonMapper(new JavalinJackson(mapper, false));
              routes.forEach(r -> r.addTo(cfg.routes));
              routes.forEach(r -> r.addTo(cfg.staticFiles));
              // Javalin routes its own responses (404, 401, ...) apart from other exceptions.
              cfg.routes.exception(HttpResponseException.class, ExceptionMapper::handle);
              cfg.routes.exception(Exception.class, ExceptionMapper::handle);
            });
    try {
      javalin.start(port);
    } catch (RuntimeException e) {
      javalin.stop();
      throw new StartupException("cannot serve HTTP on port " + port + ": " + e.getMessage(), e);
    }
    log.info("HTTP server listening on port {}", javalin.port());
    return new HttpServer(javalin);
  }

  /**
   * Every endpoint this server routes, as {@code METHOD path} with Javalin's path parameters
   * ({@code GET /api/rules/{id}}); static files are not endpoints.
   */
  public List<String> endpoints() {
    return javalin.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .sorted()
        .toList();
  }

  /** The port actually bound. */
  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }
}
