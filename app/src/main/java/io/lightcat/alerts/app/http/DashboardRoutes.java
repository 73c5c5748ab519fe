package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.config.StaticFilesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The live dashboard: {@code GET /} is the page, its script and styles are static files under
 * {@code /assets/} (classpath {@code dashboard/assets}), and the uPlot charting library is served
 * from its webjar under {@code /webjars/}. Nothing is fetched from another host; the page then
 * polls the REST API of the instance that served it.
 *
 * <p>The page is sent with a Content-Security-Policy that allows scripts, styles, images and
 * connections from this origin only (styles may also be set inline by the chart library), so even a
 * summary that slipped through unescaped could not run a script or call out.
 */
public final class DashboardRoutes implements Routes {
  static final String PAGE = "dashboard/index.html";
  static final String ASSETS = "/dashboard/assets";
  static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors"
          + " 'none'";

  private final String page;

  /**
   * Reads the page and the bundled uPlot version from the classpath.
   *
   * @throws IllegalStateException when either is missing (a broken build)
   */
  public DashboardRoutes() {
    String template = resource(PAGE);
    this.page = template.replace("{{uplot}}", "/webjars/uplot/" + uplotVersion() + "/dist");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/", this::page);
  }

  @Override
  public void addTo(StaticFilesConfig staticFiles) {
    staticFiles.add(
        files -> {
          files.hostedPath = "/assets";
          files.directory = ASSETS;
          files.location = Location.CLASSPATH;
          files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
    staticFiles.enableWebjars();
  }

  private void page(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("Cache-Control", "no-cache")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .html(page);
  }

  private static String uplotVersion() {
    Properties pom = new Properties();
    try (InputStream in = stream(UPLOT_POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
    }
    String version = pom.getProperty("version");
    if (version == null || version.isBlank()) {
      throw new IllegalStateException(UPLOT_POM + " names no version");
    }
    return version;
  }

  private static String resource(String name) {
    try (InputStream in = stream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static InputStream stream(String name) {
    InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource on the classpath: " + name);
    }
    return in;
  }
}
