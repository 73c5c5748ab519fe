package io.lightcat.alerts.app.http;

import io.lightcat.alerts.query.StatsSnapshot;
import io.lightcat.alerts.query.StatsWindow;
import io.lightcat.alerts.stats.GameTally;
import io.lightcat.alerts.stats.HealthTally;
import io.lightcat.alerts.stats.PaymentTally;
import io.lightcat.alerts.stats.RequestTally;
import io.lightcat.alerts.stats.StatsKey;
import io.lightcat.alerts.stats.StatsKey.Figure;
import io.lightcat.alerts.stats.StatsKey.Span;

/** Statistics snapshots with known figures, for REST tests. */
final class TestStats {
  private TestStats() {}

  /**
   * In the window's current minute: {@code invoices} invoices, {@code confirmed} confirmed payments
   * each processed in 4 s, one failure; 3 requests to api (one 5xx); one completed game session;
   * two health checks of api, one ok.
   */
  static StatsSnapshot snapshot(StatsWindow window, int invoices, int confirmed) {
    long now = window.at().toEpochMilli();
    PaymentTally payments = new PaymentTally();
    for (int i = 0; i < invoices; i++) {
      payments.invoiceCreated();
    }
    for (int i = 0; i < confirmed; i++) {
      payments.confirmed().processed(4000).revenue(21_000);
    }
    payments.failed("insufficient_funds");
    RequestTally api =
        new RequestTally().add(200, 100, "/api/x").add(200, 200, "/api/x").add(503, 300, "/api/x");
    GameTally game =
        new GameTally().sessionStarted().fps(60).pageLoad(1800).score(42).sessionEnded(true);
    return new StatsSnapshot(window)
        .addBucket(StatsKey.of(Span.MINUTE, now, Figure.PAYMENTS, ""), payments)
        .addBucket(StatsKey.of(Span.DAY, now, Figure.PAYMENTS, ""), payments.copy())
        .addBucket(StatsKey.of(Span.MINUTE, now, Figure.REQUESTS, "api"), api)
        .addBucket(StatsKey.of(Span.MINUTE, now, Figure.GAME, ""), game)
        .addBucket(StatsKey.of(Span.DAY, now, Figure.GAME, ""), game.copy())
        .addBucket(
            StatsKey.of(Span.MINUTE, now, Figure.HEALTH, "api"),
            new HealthTally().add(true).add(false));
  }
}
