package io.lightcat.alerts.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.lightcat.alerts.app.StartupException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST server (Javalin on Jetty): JSON in and out, errors as {@code {"error": ..., "status":
 * N}} including unknown paths (404) and unexpected exceptions (500, logged).
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
              cfg.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      ctx.status(e.getStatus())
                          .json(
                              new ErrorBody(
                                  errorText(e, ctx.method() + " " + ctx.path()), e.getStatus())));
              cfg.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    int status = HttpStatus.INTERNAL_SERVER_ERROR.getCode();
                    ctx.status(status).json(new ErrorBody("internal error", status));
                  });
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

  /** The port actually bound. */
  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }

  private static String errorText(HttpResponseException e, String request) {
    String message = e.getMessage();
    boolean generic =
        message == null
            || message.isBlank()
            || message.equals(HttpStatus.forStatus(e.getStatus()).getMessage())
            || message.startsWith("Endpoint ");
    if (generic && e.getStatus() == HttpStatus.NOT_FOUND.getCode()) {
      return "not found: " + request;
    }
    return generic ? HttpStatus.forStatus(e.getStatus()).getMessage() : message;
  }
}
