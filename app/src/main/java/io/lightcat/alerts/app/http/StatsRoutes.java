package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.query.AlertFilter;
import io.lightcat.alerts.query.AlertSource;
import io.lightcat.alerts.query.Dashboards;
import io.lightcat.alerts.query.QueryResult;
import io.lightcat.alerts.query.StatsReport;
import io.lightcat.alerts.query.StatsSnapshot;
import io.lightcat.alerts.query.StatsSource;
import io.lightcat.alerts.query.StatsWindow;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The statistics endpoints, all with the optional parameters {@code at} (an ISO-8601 instant,
 * default now) and {@code window} ({@code 1m} to {@code 1h}, default {@code 1h}):
 *
 * <ul>
 *   <li>{@code GET /api/metrics/{payments|requests|game|infra}}: the figures of CONTRACT section 5,
 *       merged from every instance.
 *   <li>{@code GET /api/dashboards/{operations|payments|game}}: the tiles of the plan's three
 *       dashboards; operations also lists the most recent alerts.
 *   <li>{@code GET /internal/stats/local}: this instance's part, binary ({@link
 *       StatsSnapshot#toBytes}), what the other instances ask for when they fan out.
 * </ul>
 *
 * <p>Unknown names 404, bad parameters 400, and 503 with {@code Retry-After} while any instance's
 * part cannot be read (a rebalance, a restore, an unreachable peer).
 */
public final class StatsRoutes implements Routes {
  static final String LOCAL_PATH = "/internal/stats/local";
  static final List<String> AREAS = List.of("payments", "requests", "game", "infra");
  private static final String BINARY = "application/octet-stream";

  private final StatsSource cluster;
  private final StatsSource local;
  private final AlertSource alerts;
  private final Clock clock;

  /**
   * @param cluster every instance's statistics
   * @param local this instance's only
   * @param alerts every instance's alerts, for the operations dashboard
   */
  public StatsRoutes(StatsSource cluster, StatsSource local, AlertSource alerts, Clock clock) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.local = Objects.requireNonNull(local, "local");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/metrics/{area}", this::metrics);
    routes.get("/api/dashboards/{name}", this::dashboard);
    routes.get(
        LOCAL_PATH, ctx -> ctx.contentType(BINARY).result(read(local, window(ctx)).toBytes()));
  }

  private void metrics(Context ctx) {
    String area = ctx.pathParam("area").toLowerCase(Locale.ROOT);
    if (!AREAS.contains(area)) {
      throw new NotFoundResponse(
          "no metrics called " + ctx.pathParam("area") + "; there are " + String.join(", ", AREAS));
    }
    StatsReport report = new StatsReport(read(cluster, window(ctx)));
    ctx.json(
        switch (area) {
          case "payments" -> report.payments();
          case "requests" -> report.requests();
          case "game" -> report.game();
          default -> report.infra();
        });
  }

  private void dashboard(Context ctx) {
    String name = ctx.pathParam("name").toLowerCase(Locale.ROOT);
    if (!Dashboards.NAMES.contains(name)) {
      throw new NotFoundResponse(
          "no dashboard called "
              + ctx.pathParam("name")
              + "; there are "
              + String.join(", ", Dashboards.NAMES));
    }
    StatsWindow window = window(ctx);
    List<Alert> recent = name.equals("operations") ? recentAlerts() : List.of();
    StatsReport report = new StatsReport(read(cluster, window));
    ctx.json(Dashboards.byName(name, report, recent).orElseThrow());
  }

  private List<Alert> recentAlerts() {
    QueryResult<List<Alert>> result = alerts.alerts(AlertFilter.ALL);
    if (result instanceof QueryResult.NotReady<List<Alert>> notReady) {
      throw new NotReadyException(notReady.reason());
    }
    return ((QueryResult.Ready<List<Alert>>) result).value();
  }

  private StatsWindow window(Context ctx) {
    return StatsWindow.parse(ctx.queryParam("at"), ctx.queryParam("window"), clock);
  }

  private static StatsSnapshot read(StatsSource source, StatsWindow window) {
    QueryResult<StatsSnapshot> result = source.snapshot(window);
    if (result instanceof QueryResult.Ready<StatsSnapshot> ready) {
      return ready.value();
    }
    throw new NotReadyException(((QueryResult.NotReady<StatsSnapshot>) result).reason());
  }
}
