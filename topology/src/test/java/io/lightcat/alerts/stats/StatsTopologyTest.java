package io.lightcat.alerts.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lightcat.alerts.query.StatsReport;
import io.lightcat.alerts.testing.Events;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The statistics stages of the production topology, fed known events. */
class StatsTopologyTest {
  private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

  private StatsDriver driver = new StatsDriver(T);

  @AfterEach
  void close() {
    driver.close();
  }

  private static Events.Builder payment(String kind, String invoice, Instant at) {
    return Events.payment(kind).invoiceId(invoice).at(at);
  }

  private static Instant t(int seconds) {
    return T.plusSeconds(seconds);
  }

  /** Six invoices: three confirmed (4 s, 6 s, 5 s), one failed, one expired, one pending. */
  private void sendKnownPayments() {
    driver
        .send(payment("invoice_created", "inv-1", t(0)))
        .send(payment("payment_confirmed", "inv-1", t(4)))
        .send(payment("payment_confirmed", "inv-1", t(5))) // a duplicate: counts once
        .send(payment("invoice_created", "inv-2", t(10)))
        .send(payment("payment_confirmed", "inv-2", t(16)))
        .send(payment("invoice_created", "inv-3", t(20)))
        .send(payment("payment_failed", "inv-3", t(25)).with("reason", "insufficient_funds"))
        .send(payment("invoice_created", "inv-4", t(30)))
        .send(payment("invoice_created", "inv-5", t(40)))
        .send(payment("invoice_expired", "inv-5", t(50)))
        .send(payment("invoice_created", "inv-6", t(60)))
        .send(payment("payment_confirmed", "inv-6", t(65)))
        .send(payment("consignment_generated", "inv-1", t(6)).with("durationMs", 2000.0))
        .send(payment("consignment_generated", "inv-2", t(18)).with("durationMs", 3000.0))
        .send(payment("webhook_delivered", "inv-1", t(7)).with("durationMs", 100.0))
        .send(payment("webhook_delivered", "inv-2", t(19)).with("durationMs", 300.0))
        .send(Events.payment("supply").at(t(70)));
  }

  @Test
  void paymentFiguresCountEachInvoiceOnceAndPairInvoicesWithConfirmations() {
    // given
    sendKnownPayments();

    // when
    StatsReport.Payments p = driver.report(t(120)).payments();

    // then
    assertThat(p.invoicesLastHour()).isEqualTo(6);
    assertThat(p.confirmedPayments()).isEqualTo(3);
    assertThat(p.failedPayments()).isEqualTo(1);
    assertThat(p.successRate()).isEqualTo(0.75);
    assertThat(p.avgProcessingTime()).isEqualTo(5.0); // (4 + 6 + 5) / 3 seconds
    assertThat(p.failureReasons()).containsExactly(Map.entry("insufficient_funds", 1L));
    assertThat(p.pending()).isEqualTo(1); // inv-4
    assertThat(p.expiredInvoices()).isEqualTo(1);
    assertThat(p.totalToday()).isEqualTo(3);
    assertThat(p.revenueTodaySats()).isEqualTo(3 * 21_000);
    assertThat(p.consignmentGenerationTime()).isEqualTo(2.5);
    assertThat(p.webhookResponseTime()).isEqualTo(200.0);
  }

  @Test
  void paymentsFeedThePlansPrometheusMetrics() {
    // given
    sendKnownPayments();

    // then
    assertThat(
            driver.metrics.count(LightcatMetrics.PAYMENTS, "status", "confirmed", "tier", "silver"))
        .isEqualTo(3);
    // the failure does not say its tier; its invoice did
    assertThat(driver.metrics.count(LightcatMetrics.PAYMENTS, "status", "failed", "tier", "silver"))
        .isEqualTo(1);
    assertThat(
            driver.metrics.count(LightcatMetrics.PAYMENTS, "status", "expired", "tier", "silver"))
        .isEqualTo(1);
    Timer duration = driver.metrics.registry().get(LightcatMetrics.PAYMENT_DURATION).timer();
    assertThat(duration.count()).isEqualTo(3);
    assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(15.0);
  }

  @Test
  void aConfirmationBeforeItsInvoicePairsWhenTheInvoiceArrives() {
    // given the confirmation first, then its invoice (another producer, another partition)
    driver
        .send(payment("payment_confirmed", "inv-9", t(70)).without("amountSats"))
        .send(payment("invoice_created", "inv-9", t(62)));

    // when
    StatsReport.Payments p = driver.report(t(120)).payments();

    // then
    assertThat(p.avgProcessingTime()).isEqualTo(8.0);
    assertThat(p.totalToday()).isEqualTo(1);
    assertThat(p.revenueTodaySats()).isEqualTo(21_000); // the amount came with the invoice
    assertThat(p.pending()).isZero();
  }

  @Test
  void theWindowNarrowsRatesButNotTheLastHourNorToday() {
    // given
    sendKnownPayments();

    // when only the minute of t(60)..t(119) is in the window
    StatsReport.Payments p = driver.report(t(90), Duration.ofMinutes(1)).payments();

    // then
    assertThat(p.confirmedPayments()).isEqualTo(1);
    assertThat(p.avgProcessingTime()).isEqualTo(5.0);
    assertThat(p.successRate()).isEqualTo(1.0);
    assertThat(p.invoicesLastHour()).isEqualTo(6);
    assertThat(p.totalToday()).isEqualTo(3);
  }

  @Test
  void todayStartsAtMidnightUtcWhileTheLastHourReachesBack() {
    // given a payment just before and one just after midnight
    Instant midnight = Instant.parse("2026-11-29T00:00:00Z");
    driver.close();
    driver = new StatsDriver(midnight.minus(Duration.ofMinutes(5)));
    driver
        .send(payment("invoice_created", "inv-a", midnight.minusSeconds(40)))
        .send(payment("payment_confirmed", "inv-a", midnight.minusSeconds(30)))
        .send(payment("invoice_created", "inv-b", midnight.plusSeconds(20)))
        .send(payment("payment_confirmed", "inv-b", midnight.plusSeconds(30)));

    // when
    StatsReport.Payments before = driver.report(midnight.minusSeconds(1)).payments();
    StatsReport.Payments after = driver.report(midnight.plusSeconds(60)).payments();

    // then
    assertThat(before.totalToday()).isEqualTo(1);
    assertThat(after.totalToday()).isEqualTo(1);
    assertThat(after.revenueTodaySats()).isEqualTo(21_000);
    assertThat(after.invoicesToday()).isEqualTo(1);
    assertThat(after.invoicesLastHour()).isEqualTo(2);
    assertThat(after.avgProcessingTime()).isEqualTo(10.0);
  }

  @Test
  void requestFiguresPerServiceAndInTotal() {
    // given
    for (int i = 1; i <= 100; i++) {
      driver.send(Events.request().service("api").latencyMs(i).at(t(i % 50)));
    }
    driver
        .send(Events.request().service("api").status(503).latencyMs(100).at(t(1)))
        .send(Events.request().service("auth").status(401).route("/api/auth/login").at(t(2)))
        .send(Events.request().service("auth").status(429).route("/api/auth/login").at(t(3)))
        .send(Events.request().service("web").status(404).route("/wp-admin").at(t(4)))
        .send(Events.request().service("web").with("userId", "u-1").at(t(5)))
        .send(Events.request().service("api").with("userId", "u-1").at(t(6)))
        .send(Events.request().service("api").with("userId", "u-2").at(t(7)));

    // when
    StatsReport.RequestsByService r = driver.report(t(60)).requests();

    // then
    StatsReport.Requests api = r.services().get("api");
    assertThat(api.requests()).isEqualTo(103);
    assertThat(api.errorRate()).isEqualTo(1.0 / 103);
    assertThat(api.avgLatencyMs()).isCloseTo((5050 + 100 + 42 + 42) / 103.0, within(1e-9));
    assertThat(api.p95LatencyMs()).isCloseTo(95.0, within(2.0));
    StatsReport.Requests auth = r.services().get("auth");
    assertThat(auth.failedLogins()).isEqualTo(1);
    assertThat(auth.rateLimitViolations()).isEqualTo(1);
    assertThat(r.services().get("web").notFound()).isEqualTo(1);
    assertThat(r.total().requests()).isEqualTo(107);
    assertThat(driver.report(t(60)).activeUsers()).isEqualTo(2);
  }

  @Test
  void gameFigures() {
    // given two sessions that ended (one completed, with a gold unlock) and one still running
    driver
        .send(Events.game("session_started").with("sessionId", "s-1").at(t(0)))
        .send(Events.game("page_load").with("sessionId", "s-1").with("loadMs", 1500.0).at(t(1)))
        .send(Events.game("fps").with("sessionId", "s-1").with("fps", 60.0).at(t(5)))
        .send(
            Events.game("score")
                .with("sessionId", "s-1")
                .with("score", 47.0)
                .with("tierUnlocked", "gold")
                .at(t(40)))
        .send(Events.game("session_ended").with("sessionId", "s-1").at(t(41)))
        .send(
            Events.game("session_started")
                .with("sessionId", "s-2")
                .with("playerId", "p-2")
                .at(t(10)))
        .send(Events.game("page_load").with("sessionId", "s-2").with("loadMs", 2500.0).at(t(11)))
        .send(Events.game("fps").with("sessionId", "s-2").with("fps", 50.0).at(t(15)))
        .send(Events.game("score").with("sessionId", "s-2").with("score", 5.0).at(t(30)))
        .send(
            Events.game("session_ended")
                .with("sessionId", "s-2")
                .with("completed", false)
                .without("tierUnlocked")
                .at(t(31)))
        .send(
            Events.game("session_started")
                .with("sessionId", "s-3")
                .with("playerId", "p-3")
                .at(t(50)));

    // when
    StatsReport.Game g = driver.report(t(60)).game();

    // then
    assertThat(g.activeSessions()).isEqualTo(1);
    assertThat(g.activePlayers()).isEqualTo(3);
    assertThat(g.avgFps()).isEqualTo(55.0);
    assertThat(g.avgLoadMs()).isEqualTo(2000.0);
    assertThat(g.sessionsToday()).isEqualTo(3);
    assertThat(g.completionRate()).isEqualTo(0.5);
    // the builder's session_ended carries tierUnlocked gold: s-1 unlocked gold twice
    assertThat(g.tierUnlocks())
        .containsExactly(Map.entry("bronze", 0L), Map.entry("silver", 0L), Map.entry("gold", 2L));
    assertThat(g.scoreDistribution())
        .containsExactly(
            Map.entry("0", 0L),
            Map.entry("0-10", 1L),
            Map.entry("10-20", 0L),
            Map.entry("20-30", 0L),
            Map.entry("30-40", 0L),
            Map.entry("40-50", 1L),
            Map.entry("50+", 0L));
    DistributionSummary scores =
        driver.metrics.registry().get(LightcatMetrics.GAME_SCORES).summary();
    assertThat(scores.count()).isEqualTo(2);
    assertThat(scores.totalAmount()).isEqualTo(52.0);
  }

  @Test
  void anEndedSessionIsNoLongerActiveAndAnEndlessOneTimesOut() {
    // given
    driver
        .send(Events.game("session_started").with("sessionId", "s-1").at(t(0)))
        .send(Events.game("session_ended").with("sessionId", "s-1").at(t(600)));

    // then
    assertThat(driver.report(t(300)).game().activeSessions()).isEqualTo(1);
    assertThat(driver.report(t(600)).game().activeSessions()).isZero();

    // given a session that never ends, a while later
    driver.advanceWallClock(Duration.ofMinutes(10));
    driver.send(Events.game("session_started").with("sessionId", "s-2").at(t(700)));

    // then it counts for an hour after its start
    assertThat(driver.report(t(700 + 3599)).game().activeSessions()).isEqualTo(1);
    assertThat(driver.report(t(700 + 3600)).game().activeSessions()).isZero();
  }

  @Test
  void infraKeepsTheLatestReadingPerSubjectAndTheUptimeOfTargets() {
    // given readings out of event-time order
    driver
        .send(Events.infra("host").host("web-1").with("cpuPct", 90.0).at(t(20)))
        .send(Events.infra("host").host("web-1").with("cpuPct", 10.0).at(t(10)))
        .send(Events.infra("db_pool").service("api").with("active", 15).at(t(5)))
        .send(Events.infra("health_check").with("target", "api").at(t(1)))
        .send(Events.infra("health_check").with("target", "api").with("ok", false).at(t(2)))
        .send(Events.infra("health_check").with("target", "api").at(t(3)))
        .send(Events.infra("health_check").with("target", "api").at(t(4)))
        .send(Events.infra("heartbeat").service("notifier").host("web-2").at(t(6)));

    // when
    StatsReport report = driver.report(t(60));
    StatsReport.Infra infra = report.infra();

    // then
    assertThat(infra.hosts().get("web-1"))
        .containsEntry("cpuPct", 90.0)
        .containsEntry("at", t(20).toString());
    assertThat(infra.dbPools().get("api"))
        .containsEntry("active", 15L)
        .containsEntry("max", 20L)
        .containsEntry("usage", 0.75);
    assertThat(infra.health().get("api"))
        .containsEntry("ok", true)
        .containsEntry("uptime", 0.75)
        .doesNotContainKey("url");
    assertThat(infra.heartbeats().get("notifier")).containsEntry("host", "web-2");
    assertThat(report.uptime()).isEqualTo(0.75);
  }

  @Test
  void bucketsOlderThanAnHourAreExpiredAsEventTimeMovesOn() {
    // given
    driver.send(Events.request().at(t(0)));
    long before = driver.entries(StatsTopology.BUCKETS_STORE);

    // when event time moves on by two hours and the expiry runs
    driver.advanceWallClock(Duration.ofHours(2));
    driver.send(Events.request().at(t(7200)));
    driver.advanceWallClock(EventStatsProcessor.EXPIRY_INTERVAL);

    // then the old minute is gone, and only the new one (plus today's nothing) is left
    assertThat(before).isEqualTo(1);
    assertThat(driver.entries(StatsTopology.BUCKETS_STORE)).isEqualTo(1);
    assertThat(driver.report(t(7200)).requests().total().requests()).isEqualTo(1);
  }

  @Test
  void aStreamReadFarAheadNeitherRefusesNorExpiresAnotherStreamsBuckets() {
    // given requests read two hours ahead of the game topic (a backlog: tasks do not idle)
    driver.advanceWallClock(Duration.ofHours(2));
    driver.send(Events.game("fps").with("fps", 50.0).at(t(0)));
    driver.send(Events.request().at(t(7200)));

    // when the lagging game topic goes on, and the expiry runs
    driver.send(Events.game("fps").with("fps", 60.0).at(t(30)));
    driver.advanceWallClock(EventStatsProcessor.EXPIRY_INTERVAL);

    // then both game events count in their minute
    assertThat(driver.report(t(60)).game().avgFps()).isEqualTo(55.0);
    assertThat(driver.report(t(7200)).requests().total().requests()).isEqualTo(1);
  }

  @Test
  void anEventStampedFarInTheFutureIsNotCountedAndExpiresNothing() {
    // given
    driver.send(Events.request().at(t(0)));

    // when
    driver.send(Events.request().at(T.plus(Duration.ofDays(365))));
    driver.advanceWallClock(EventStatsProcessor.EXPIRY_INTERVAL);

    // then
    assertThat(driver.report(t(30)).requests().total().requests()).isEqualTo(1);
    assertThat(driver.entries(StatsTopology.BUCKETS_STORE)).isEqualTo(1);
  }
}
