package io.lightcat.alerts.query;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tiles of the LIGHTCAT plan's three dashboards ({@code /api/dashboards/{name}}), picked from a
 * {@link StatsReport}: Main Operations, Payment Flow and Game Performance.
 */
public final class Dashboards {
  /** How many alerts the operations dashboard lists at most, newest first. */
  public static final int RECENT_ALERTS = 20;

  /** The dashboard names, in the plan's order. */
  public static final List<String> NAMES = List.of("operations", "payments", "game");

  private Dashboards() {}

  /**
   * Main Operations: uptime (share of ok health checks in the window), active users (distinct
   * request {@code userId}s in the last 5 minutes), revenue today, response time and error rate of
   * all requests in the window, game sessions (active, and started today), recent alerts.
   */
  public record Operations(
      String at,
      String window,
      Double uptime,
      long activeUsers,
      long revenueTodaySats,
      Double responseTimeMs,
      Double errorRate,
      long gameSessionsActive,
      long gameSessionsToday,
      List<Alert> recentAlerts) {}

  /** Payment Flow. */
  public record PaymentFlow(
      String at,
      String window,
      long invoicesPerHour,
      Double successRate,
      Double avgProcessTime,
      long failedPayments,
      long pending,
      long totalToday) {}

  /** Game Performance. */
  public record GamePerformance(
      String at,
      String window,
      long activePlayers,
      Double avgFps,
      Double avgLoadMs,
      Map<String, Long> scoreDistribution,
      Map<String, Long> tierUnlocks,
      Double completionRate) {}

  /** The dashboard called {@code name} (any case), or empty for an unknown name. */
  public static Optional<Object> byName(String name, StatsReport report, List<Alert> alerts) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "operations" -> Optional.of(operations(report, alerts));
      case "payments" -> Optional.of(payments(report));
      case "game" -> Optional.of(game(report));
      default -> Optional.empty();
    };
  }

  /** Main Operations; {@code alerts} are the current alerts, newest first. */
  public static Operations operations(StatsReport report, List<Alert> alerts) {
    StatsReport.RequestsByService requests = report.requests();
    StatsReport.Game game = report.game();
    return new Operations(
        requests.at(),
        requests.window(),
        report.uptime(),
        report.activeUsers(),
        report.payments().revenueTodaySats(),
        requests.total().avgLatencyMs(),
        requests.total().errorRate(),
        game.activeSessions(),
        game.sessionsToday(),
        alerts.subList(0, Math.min(RECENT_ALERTS, alerts.size())));
  }

  public static PaymentFlow payments(StatsReport report) {
    StatsReport.Payments p = report.payments();
    return new PaymentFlow(
        p.at(),
        p.window(),
        p.invoicesLastHour(),
        p.successRate(),
        p.avgProcessingTime(),
        p.failedPayments(),
        p.pending(),
        p.totalToday());
  }

  public static GamePerformance game(StatsReport report) {
    StatsReport.Game g = report.game();
    return new GamePerformance(
        g.at(),
        g.window(),
        g.activePlayers(),
        g.avgFps(),
        g.avgLoadMs(),
        g.scoreDistribution(),
        g.tierUnlocks(),
        g.completionRate());
  }
}
