package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 description of every endpoint, written by hand beside
 * the code (classpath {@code openapi.json}); a test holds it to the routes the server registers.
 */
public final class OpenApiRoutes implements Routes {
  static final String DOCUMENT = "openapi.json";

  private final byte[] document;

  /**
   * @throws IllegalStateException when the document is not on the classpath (a broken build)
   */
  public OpenApiRoutes() {
    try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException("missing resource on the classpath: " + DOCUMENT);
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOCUMENT, e);
    }
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get(
        "/openapi.json",
        ctx ->
            ctx.contentType("application/json")
                .header("Cache-Control", "no-cache")
                .result(document));
  }
}
