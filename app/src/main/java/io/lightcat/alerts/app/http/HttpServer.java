package io.lightcat.alerts.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.lightcat.alerts.app.StartupException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST server (Javalin on Jetty): JSON in and out, errors as {@code {"error": ..., "status":
 * N}} including unknown paths (404), wrong methods (405), requests over the size limits (413, 414,
 * 431), requests Jetty refuses before routing (400) and unexpected exceptions (500, logged), never
 * with a stack trace or an exception name.
 *
 * <p>Limits: a body of at most {@value #MAX_BODY_BYTES} bytes, request line plus headers of at most
 * {@value #MAX_HEADER_BYTES} bytes. Who may call what is the {@link ApiAccess}: the bearer token
 * checked by {@link AccessGuard} before any route, and no CORS headers unless origins are allowed.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  /** The largest request body read (rule files are a few KiB). */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** The largest request line plus headers; Jetty answers 414 or 431 beyond it. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  private static final String LIMITS = "limits: body 1 MiB, request line and headers 8 KiB";

  private final Javalin javalin;

  private HttpServer(Javalin javalin) {
    this.javalin = javalin;
  }

  /** {@link #start(int, ApiAccess, List)} with {@link ApiAccess#open()}. */
  public static HttpServer start(int port, List<Routes> routes) {
    return start(port, ApiAccess.open(), routes);
  }

  /**
   * Starts serving {@code routes} on every interface at {@code port} ({@code 0} picks a free one),
   * guarded by {@code access}.
   *
   * @throws StartupException when the port cannot be bound
   */
  public static HttpServer start(int port, ApiAccess access, List<Routes> routes) {
    ObjectMapper mapper = new ObjectMapper();
    Javalin javalin =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jsonMapper(new JavalinJackson(mapper, false));
              limitRequests(cfg);
              allowOrigins(cfg, access.corsOrigins());
              new AccessGuard(access).addTo(cfg.routes);
              new RequestCharset().addTo(cfg.routes);
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
    log.info("HTTP server listening on port {} ({})", javalin.port(), access);
    return new HttpServer(javalin);
  }

  /**
   * Every endpoint this server routes, as {@code METHOD path} with Javalin's path parameters
   * ({@code GET /api/rules/{id}}); static files are not endpoints.
   */
  public List<String> endpoints() {
    return javalin.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.method.isHttpMethod()) // not the access guard's before-handler
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .sorted()
        .toList();
  }

  private static void limitRequests(JavalinConfig cfg) {
    cfg.http.maxRequestSize = MAX_BODY_BYTES;
    cfg.http.prefer405over404 = true;
    JsonErrorHandler errors = new JsonErrorHandler(LIMITS);
    cfg.jetty.modifyHttpConfiguration(
        http -> {
          http.setRequestHeaderSize(MAX_HEADER_BYTES);
          http.setSendServerVersion(false);
        });
    cfg.jetty.modifyServer(server -> server.setErrorHandler(errors));
    cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
  }

  /** CORS stays off (no {@code Access-Control-*} header at all) unless origins are allowed. */
  private static void allowOrigins(JavalinConfig cfg, List<String> origins) {
    if (origins.isEmpty()) {
      return;
    }
    cfg.bundledPlugins.enableCors(
        cors ->
            cors.addRule(
                rule ->
                    rule.allowHost(
                        origins.get(0),
                        origins.subList(1, origins.size()).toArray(String[]::new))));
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
