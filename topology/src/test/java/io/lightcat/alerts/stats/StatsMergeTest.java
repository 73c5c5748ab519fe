package io.lightcat.alerts.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightcat.alerts.query.StatsReport;
import io.lightcat.alerts.query.StatsSnapshot;
import io.lightcat.alerts.query.StatsWindow;
import io.lightcat.alerts.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Partials merge into the figures one store holding everything would give: two drivers stand for
 * two instances (or partitions), each fed part of the events, against one fed all of them.
 */
class StatsMergeTest {
  private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
  private static final StatsWindow WINDOW =
      new StatsWindow(T.plusSeconds(300), Duration.ofHours(1));

  private final StatsDriver all = new StatsDriver(T);
  private final StatsDriver left = new StatsDriver(T);
  private final StatsDriver right = new StatsDriver(T);

  @AfterEach
  void close() {
    all.close();
    left.close();
    right.close();
  }

  /**
   * A mixed workload; payments and sessions of one id go to one side, as their repartition does.
   */
  private static List<List<Events.Builder>> workload() {
    List<List<Events.Builder>> byId = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Instant at = T.plusSeconds(i * 5L);
      List<Events.Builder> one = new ArrayList<>();
      one.add(
          Events.request()
              .service(i % 3 == 0 ? "api" : "web")
              .status(i % 7 == 0 ? 500 : i % 11 == 0 ? 429 : 200)
              .latencyMs(10 + i)
              .with("userId", "u-" + (i % 9))
              .at(at));
      one.add(Events.payment("invoice_created").invoiceId("inv-" + i).at(at));
      one.add(
          i % 10 == 0
              ? Events.payment("payment_failed").invoiceId("inv-" + i).at(at.plusSeconds(3))
              : Events.payment("payment_confirmed")
                  .invoiceId("inv-" + i)
                  .at(at.plusSeconds(i % 4 + 1)));
      one.add(
          Events.game("session_started")
              .with("sessionId", "s-" + i)
              .with("playerId", "p-" + (i % 13))
              .at(at));
      one.add(Events.game("fps").with("sessionId", "s-" + i).with("fps", 40.0 + i % 20).at(at));
      one.add(Events.game("score").with("sessionId", "s-" + i).with("score", (double) i).at(at));
      if (i % 2 == 0) {
        one.add(
            Events.game("session_ended")
                .with("sessionId", "s-" + i)
                .with("completed", i % 4 == 0)
                .at(at.plusSeconds(2)));
      }
      one.add(Events.infra("host").host("web-" + (i % 2)).with("cpuPct", (double) i).at(at));
      one.add(Events.infra("health_check").with("target", "api").with("ok", i % 8 != 0).at(at));
      byId.add(one);
    }
    return byId;
  }

  @Test
  void mergedPartialsGiveTheFiguresOfTheWhole() {
    // given every event in "all", and each id's events in one of "left" and "right"
    List<List<Events.Builder>> events = workload();
    for (int i = 0; i < events.size(); i++) {
      for (Events.Builder e : events.get(i)) {
        all.send(e);
        (i % 2 == 0 ? left : right).send(e);
      }
    }

    // when
    StatsSnapshot merged = left.snapshot(WINDOW).merge(right.snapshot(WINDOW));

    // then
    StatsReport whole = new StatsReport(all.snapshot(WINDOW));
    StatsReport parts = new StatsReport(merged);
    assertThat(parts.payments()).isEqualTo(whole.payments());
    assertThat(parts.requests()).isEqualTo(whole.requests());
    assertThat(parts.game()).isEqualTo(whole.game());
    assertThat(parts.infra()).isEqualTo(whole.infra());
    assertThat(parts.activeUsers()).isEqualTo(whole.activeUsers()).isEqualTo(9);
    assertThat(parts.payments().invoicesLastHour()).isEqualTo(40);
  }

  @Test
  void mergingInEitherOrderGivesTheSameFigures() {
    // given
    List<List<Events.Builder>> events = workload();
    for (int i = 0; i < events.size(); i++) {
      events.get(i).forEach((i % 2 == 0 ? left : right)::send);
    }

    // when
    StatsReport leftFirst = new StatsReport(left.snapshot(WINDOW).merge(right.snapshot(WINDOW)));
    StatsReport rightFirst = new StatsReport(right.snapshot(WINDOW).merge(left.snapshot(WINDOW)));

    // then
    assertThat(leftFirst.payments()).isEqualTo(rightFirst.payments());
    assertThat(leftFirst.requests()).isEqualTo(rightFirst.requests());
    assertThat(leftFirst.game()).isEqualTo(rightFirst.game());
    assertThat(leftFirst.infra()).isEqualTo(rightFirst.infra());
  }

  @Test
  void aSnapshotSurvivesItsBinaryFormUnchanged() throws Exception {
    // given
    workload().forEach(events -> events.forEach(all::send));
    StatsSnapshot snapshot = all.snapshot(WINDOW);

    // when
    StatsSnapshot copy = StatsSnapshot.fromBytes(snapshot.toBytes());

    // then
    StatsReport before = new StatsReport(snapshot);
    StatsReport after = new StatsReport(copy);
    assertThat(after.payments()).isEqualTo(before.payments());
    assertThat(after.requests()).isEqualTo(before.requests());
    assertThat(after.game()).isEqualTo(before.game());
    assertThat(after.infra()).isEqualTo(before.infra());
    assertThat(copy.window()).isEqualTo(WINDOW);
  }

  @Test
  void snapshotsOfDifferentWindowsDoNotMerge() {
    StatsSnapshot a = new StatsSnapshot(WINDOW);
    StatsSnapshot b = new StatsSnapshot(new StatsWindow(T, Duration.ofMinutes(5)));
    assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void garbageIsNotASnapshot() {
    assertThatThrownBy(() -> StatsSnapshot.fromBytes(new byte[] {9, 1, 2}))
        .isInstanceOf(java.io.IOException.class);
  }
}
