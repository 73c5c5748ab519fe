package io.lightcat.alerts.query;

import io.lightcat.alerts.stats.GameTally;
import io.lightcat.alerts.stats.HealthTally;
import io.lightcat.alerts.stats.InfraReading;
import io.lightcat.alerts.stats.PaymentTally;
import io.lightcat.alerts.stats.RequestTally;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The figures of {@code /api/metrics/*} (CONTRACT section 5), computed from a merged {@link
 * StatsSnapshot}. Ratios are 0–1; a ratio or average over nothing is {@code null} (JSON cannot
 * carry NaN, and 0 would be a lie). Times carry their unit in their name, except the contract's
 * {@code avgProcessingTime} and {@code consignmentGenerationTime} (seconds, as the plan's payment
 * monitor reads them) and {@code webhookResponseTime} (milliseconds, as the plan lists it).
 */
public final class StatsReport {
  private final StatsSnapshot s;

  public StatsReport(StatsSnapshot snapshot) {
    this.s = Objects.requireNonNull(snapshot, "snapshot");
  }

  /**
   * {@code GET /api/metrics/payments}.
   *
   * @param invoicesLastHour invoices created in the last 60 minutes, whatever the window
   * @param successRate confirmed / (confirmed + failed) in the window
   * @param avgProcessingTime seconds from invoice to confirmation, over confirmations in the window
   * @param failedPayments failed payments in the window
   * @param failureReasons failed payments in the window by reason
   * @param pending invoices created in the last 24 h without an outcome yet
   * @param totalToday payments confirmed today (UTC)
   * @param revenueTodaySats sats of the payments confirmed today
   * @param consignmentGenerationTime average seconds per consignment in the window
   * @param webhookResponseTime average milliseconds per webhook delivery in the window
   */
  public record Payments(
      String at,
      String window,
      long invoicesLastHour,
      Double successRate,
      Double avgProcessingTime,
      long failedPayments,
      Map<String, Long> failureReasons,
      long pending,
      long totalToday,
      long revenueTodaySats,
      Double consignmentGenerationTime,
      Double webhookResponseTime,
      long invoices,
      long confirmedPayments,
      long expiredInvoices,
      long rejectedInvoices,
      long invoicesToday,
      long failedToday) {}

  /** Requests of one service (or all) in the window. */
  public record Requests(
      long requests,
      Double errorRate,
      Double avgLatencyMs,
      Double p95LatencyMs,
      long rateLimitViolations,
      long failedLogins,
      long notFound) {}

  /** {@code GET /api/metrics/requests}: per service, and all services together. */
  public record RequestsByService(
      String at, String window, Requests total, Map<String, Requests> services) {}

  /**
   * {@code GET /api/metrics/game}.
   *
   * @param activeSessions sessions started in the last hour and not ended
   * @param activePlayers distinct players with game events in the last 5 minutes
   * @param scoreDistribution today's scores per bucket: {@code "0"} is at most 0, {@code "0-10"}
   *     above 0 up to 10 (upper bounds inclusive, like Prometheus' {@code le}), ..., {@code "50+"}
   *     above 50
   * @param tierUnlocks today's unlocks per tier
   * @param completionRate today's sessions that ended completed, of all that ended
   */
  public record Game(
      String at,
      String window,
      long activeSessions,
      long activePlayers,
      Double avgFps,
      Double avgLoadMs,
      Map<String, Long> scoreDistribution,
      Map<String, Long> tierUnlocks,
      Double completionRate,
      Double avgScoreToday,
      long sessionsToday,
      long sessionsCompletedToday) {}

  /**
   * {@code GET /api/metrics/infra}: the latest reading of every host, database pool, health-check
   * target and heartbeat, each with its event time as {@code at}; health targets also carry the
   * share of ok checks in the window and today.
   */
  public record Infra(
      String at,
      String window,
      Map<String, Map<String, Object>> hosts,
      Map<String, Map<String, Object>> dbPools,
      Map<String, Map<String, Object>> health,
      Map<String, Map<String, Object>> heartbeats) {}

  public Payments payments() {
    PaymentTally w = s.paymentsInWindow();
    PaymentTally today = s.paymentsToday();
    return new Payments(
        at(),
        window(),
        s.paymentsLastHour().invoices(),
        ratio(w.confirmedCount(), w.confirmedCount() + w.failedCount()),
        ratio(w.processingSumMs() / 1000.0, w.processedCount()),
        w.failedCount(),
        new TreeMap<>(w.failureReasons()),
        s.pendingInvoices(),
        today.confirmedCount(),
        today.revenueSats(),
        ratio(w.consignmentSumMs() / 1000.0, w.consignments()),
        ratio(w.webhookSumMs(), w.webhooks()),
        w.invoices(),
        w.confirmedCount(),
        w.expiredCount(),
        w.rejectedCount(),
        today.invoices(),
        today.failedCount());
  }

  public RequestsByService requests() {
    Map<String, Requests> services = new LinkedHashMap<>();
    RequestTally total = new RequestTally();
    s.requests()
        .forEach(
            (service, t) -> {
              services.put(service, requests(t));
              total.merge(t);
            });
    return new RequestsByService(at(), window(), requests(total), services);
  }

  private static Requests requests(RequestTally t) {
    return new Requests(
        t.requests(),
        ratio(t.errors(), t.requests()),
        ratio(t.latencySumMs(), t.requests()),
        t.latencyQuantileMs(0.95),
        t.rateLimited(),
        t.failedLogins(),
        t.notFound());
  }

  public Game game() {
    GameTally w = s.gameInWindow();
    GameTally today = s.gameToday();
    Map<String, Long> scores = new LinkedHashMap<>();
    long[] buckets = today.scoreBuckets();
    String lower = null;
    for (int i = 0; i < buckets.length; i++) {
      String label;
      if (i == 0) {
        label = number(GameTally.SCORE_BOUNDS.get(0));
      } else if (i == GameTally.SCORE_BOUNDS.size()) {
        label = lower + "+";
      } else {
        label = lower + "-" + number(GameTally.SCORE_BOUNDS.get(i));
      }
      scores.put(label, buckets[i]);
      if (i < GameTally.SCORE_BOUNDS.size()) {
        lower = number(GameTally.SCORE_BOUNDS.get(i));
      }
    }
    Map<String, Long> tiers = new LinkedHashMap<>();
    long[] unlocks = today.tierUnlocks();
    for (int i = 0; i < GameTally.TIERS.size(); i++) {
      tiers.put(GameTally.TIERS.get(i), unlocks[i]);
    }
    return new Game(
        at(),
        window(),
        s.activeSessions(),
        s.activePlayers().estimate(),
        ratio(w.fpsSum(), w.fpsSamples()),
        ratio(w.loadSumMs(), w.loads()),
        scores,
        tiers,
        ratio(today.completed(), today.ended()),
        ratio(today.scoreSum(), today.scores()),
        today.started(),
        today.completed());
  }

  public Infra infra() {
    Map<String, Map<String, Object>> hosts = new LinkedHashMap<>();
    Map<String, Map<String, Object>> pools = new LinkedHashMap<>();
    Map<String, Map<String, Object>> health = new LinkedHashMap<>();
    Map<String, Map<String, Object>> beats = new LinkedHashMap<>();
    for (InfraReading r : s.latest().values()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("at", Instant.ofEpochMilli(r.ts()).toString());
      v.putAll(r.values());
      switch (r.kind()) {
        case "host" -> hosts.put(r.subject(), v);
        case "db_pool" -> {
          if (r.values().get("active") instanceof Number a
              && r.values().get("max") instanceof Number m
              && m.doubleValue() > 0) {
            v.put("usage", a.doubleValue() / m.doubleValue());
          }
          pools.put(r.subject(), v);
        }
        case "health_check" -> health.put(r.subject(), v);
        default -> beats.put(r.subject(), v);
      }
    }
    // Targets with checks in the window but no reading at or before the instant still show.
    s.healthInWindow().keySet().forEach(t -> health.putIfAbsent(t, new LinkedHashMap<>()));
    health.forEach(
        (target, v) -> {
          v.put("uptime", uptime(s.healthInWindow().get(target)));
          v.put("uptimeToday", uptime(s.healthToday().get(target)));
        });
    return new Infra(at(), window(), hosts, pools, health, beats);
  }

  /** Share of ok health checks of every target in the window; null without checks. */
  public Double uptime() {
    HealthTally all = new HealthTally();
    s.healthInWindow().values().forEach(all::merge);
    return uptime(all);
  }

  private static Double uptime(HealthTally t) {
    return t == null ? null : ratio(t.ok(), t.checks());
  }

  public long activeUsers() {
    return s.activeUsers().estimate();
  }

  StatsSnapshot snapshot() {
    return s;
  }

  private String at() {
    return s.window().at().toString();
  }

  private String window() {
    return s.window().window().toString();
  }

  private static Double ratio(double part, double whole) {
    return whole == 0 ? null : part / whole;
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
