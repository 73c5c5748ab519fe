package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.query.QueryResult;
import io.lightcat.alerts.query.StatsReport;
import io.lightcat.alerts.query.StatsSnapshot;
import io.lightcat.alerts.query.StatsWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statistics fan-out against a real peer: another REST server on loopback serving its part. */
class StatsFanOutTest {
  private static final HostInfo SELF = new HostInfo("localhost", 1);
  private static final StatsWindow WINDOW =
      new StatsWindow(Instant.parse("2026-11-28T12:34:56.789Z"), Duration.ofMinutes(30));

  private final AtomicReference<String> peerNotReady = new AtomicReference<>();
  private HttpServer peer;
  private HostInfo peerHost;

  @BeforeEach
  void startPeer() {
    peer =
        HttpServer.start(
            0,
            List.of(
                new StatsRoutes(
                    window -> QueryResult.notReady("not asked"),
                    window ->
                        peerNotReady.get() == null
                            ? QueryResult.ready(TestStats.snapshot(window, 3, 2))
                            : QueryResult.notReady(peerNotReady.get()),
                    filter -> QueryResult.ready(List.of()),
                    Clock.systemUTC())));
    peerHost = new HostInfo("localhost", peer.port());
  }

  @AfterEach
  void stopPeer() {
    peer.close();
  }

  @Test
  void mergesTheLocalPartWithThePeersPartForTheSameWindow() {
    // given
    StatsFanOut fanOut =
        new StatsFanOut(
            SELF,
            window -> QueryResult.ready(TestStats.snapshot(window, 5, 3)),
            () -> QueryResult.ready(List.of(SELF, peerHost)));

    // when
    QueryResult<StatsSnapshot> all = fanOut.snapshot(WINDOW);

    // then
    assertThat(all).isInstanceOf(QueryResult.Ready.class);
    StatsReport.Payments p =
        new StatsReport(((QueryResult.Ready<StatsSnapshot>) all).value()).payments();
    assertThat(p.invoicesLastHour()).isEqualTo(8);
    assertThat(p.confirmedPayments()).isEqualTo(5);
    assertThat(p.failedPayments()).isEqualTo(2);
    assertThat(p.successRate()).isEqualTo(5.0 / 7);
    assertThat(p.avgProcessingTime()).isEqualTo(4.0);
  }

  @Test
  void aPeerThatIsNotReadyMakesTheWholeAnswerNotReady() {
    // given
    peerNotReady.set("statistics are migrating");
    StatsFanOut fanOut =
        new StatsFanOut(
            SELF,
            window -> QueryResult.ready(TestStats.snapshot(window, 5, 3)),
            () -> QueryResult.ready(List.of(SELF, peerHost)));

    // then
    assertThat(fanOut.snapshot(WINDOW))
        .isEqualTo(QueryResult.notReady("instance localhost:" + peer.port() + ": answered 503"));
  }

  @Test
  void anInstanceThatHoldsNoPartOnlyAsksThePeers() {
    // given
    StatsFanOut fanOut =
        new StatsFanOut(
            SELF,
            window -> QueryResult.notReady("no local store"),
            () -> QueryResult.ready(List.of(peerHost)));

    // when
    QueryResult<StatsSnapshot> all = fanOut.snapshot(WINDOW);

    // then
    assertThat(all).isInstanceOf(QueryResult.Ready.class);
    assertThat(
            new StatsReport(((QueryResult.Ready<StatsSnapshot>) all).value())
                .payments()
                .invoicesLastHour())
        .isEqualTo(3);
  }
}
