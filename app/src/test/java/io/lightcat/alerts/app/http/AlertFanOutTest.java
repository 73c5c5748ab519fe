package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.query.AlertFilter;
import io.lightcat.alerts.query.AlertSource;
import io.lightcat.alerts.query.QueryResult;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fan-out against a real peer: another REST server on loopback serving its local part. */
class AlertFanOutTest {
  private static final HostInfo SELF = new HostInfo("localhost", 1);
  private static final Alert MINE =
      TestAlerts.firing("high-error-rate", "P1", "api", "2026-11-28T12:00:00Z");
  private static final Alert THEIRS =
      TestAlerts.firing("high-error-rate", "P2", "auth", "2026-11-28T12:05:00Z");

  private final AtomicReference<QueryResult<List<Alert>>> peerPart =
      new AtomicReference<>(QueryResult.ready(List.of(THEIRS)));
  private final List<AlertFilter> peerFilters = new CopyOnWriteArrayList<>();
  private HttpServer peer;
  private HostInfo peerHost;

  @BeforeEach
  void startPeer() {
    AlertSource local =
        filter -> {
          peerFilters.add(filter);
          return peerPart.get();
        };
    AlertSource unused = filter -> QueryResult.notReady("not asked");
    peer =
        HttpServer.start(
            0,
            List.of(
                new AlertRoutes(
                    unused, local, action -> {}, BearerAuth.open(), Clock.systemUTC())));
    peerHost = new HostInfo("localhost", peer.port());
  }

  @AfterEach
  void stopPeer() {
    peer.close();
  }

  private static AlertSource mine(QueryResult<List<Alert>> part) {
    return filter -> part;
  }

  @Test
  void mergesTheLocalPartWithEveryPeersPartNewestFirst() {
    // given
    AlertFanOut fanOut =
        new AlertFanOut(
            SELF,
            mine(QueryResult.ready(List.of(MINE))),
            () -> QueryResult.ready(List.of(SELF, peerHost)));

    // when
    QueryResult<List<Alert>> all = fanOut.alerts(AlertFilter.ALL);

    // then
    assertThat(all).isEqualTo(QueryResult.ready(List.of(THEIRS, MINE)));
  }

  @Test
  void passesTheFilterOnToPeers() {
    // given
    AlertFanOut fanOut =
        new AlertFanOut(
            SELF, mine(QueryResult.ready(List.of())), () -> QueryResult.ready(List.of(peerHost)));
    AlertFilter filter = AlertFilter.parse("firing", "P2", "high error/rate");

    // when
    fanOut.alerts(filter);

    // then
    assertThat(peerFilters).containsExactly(filter);
  }

  @Test
  void aPeerThatIsNotReadyMakesTheWholeAnswerNotReady() {
    // given
    peerPart.set(QueryResult.notReady("streams are REBALANCING, not RUNNING"));
    AlertFanOut fanOut =
        new AlertFanOut(
            SELF,
            mine(QueryResult.ready(List.of(MINE))),
            () -> QueryResult.ready(List.of(SELF, peerHost)));

    // when
    QueryResult<List<Alert>> all = fanOut.alerts(AlertFilter.ALL);

    // then
    assertThat(all)
        .isEqualTo(QueryResult.notReady("instance localhost:" + peer.port() + ": answered 503"));
  }

  @Test
  void anUnreachablePeerMakesTheWholeAnswerNotReady() {
    // given a peer address where nothing listens
    HostInfo gone = new HostInfo("localhost", FreePorts.next());
    AlertFanOut fanOut =
        new AlertFanOut(
            SELF,
            mine(QueryResult.ready(List.of(MINE))),
            () -> QueryResult.ready(List.of(SELF, gone)));

    // when
    QueryResult<List<Alert>> all = fanOut.alerts(AlertFilter.ALL);

    // then
    assertThat(all).isInstanceOf(QueryResult.NotReady.class);
    assertThat(((QueryResult.NotReady<List<Alert>>) all).reason())
        .startsWith("instance localhost:" + gone.port() + ": unreachable")
        .doesNotContain("Exception");
  }

  @Test
  void aLocalPartThatIsNotReadyMakesTheWholeAnswerNotReady() {
    // given
    AlertFanOut fanOut =
        new AlertFanOut(
            SELF,
            mine(QueryResult.notReady("alert state is migrating")),
            () -> QueryResult.ready(List.of(SELF, peerHost)));

    // then
    assertThat(fanOut.alerts(AlertFilter.ALL))
        .isEqualTo(QueryResult.notReady("alert state is migrating"));
  }

  @Test
  void anInstanceThatHoldsNoPartOnlyAsksThePeers() {
    // given this instance has no tasks: its own stores are not queryable at all
    AlertFanOut fanOut =
        new AlertFanOut(
            SELF,
            mine(QueryResult.notReady("no local store")),
            () -> QueryResult.ready(List.of(peerHost)));

    // then
    assertThat(fanOut.alerts(AlertFilter.ALL)).isEqualTo(QueryResult.ready(List.of(THEIRS)));
  }

  @Test
  void peersThatProtectReadsAreAskedWithTheToken() {
    // given a peer whose reads need the token
    peer.close();
    AlertSource unused = filter -> QueryResult.notReady("not asked");
    ApiAccess access = new ApiAccess(java.util.Optional.of("peer-t0ken"), true, List.of());
    peer =
        HttpServer.start(
            0,
            access,
            List.of(
                new AlertRoutes(
                    unused,
                    filter -> peerPart.get(),
                    action -> {},
                    access.bearerAuth(),
                    Clock.systemUTC())));
    HostInfo guarded = new HostInfo("localhost", peer.port());
    AlertSource none = mine(QueryResult.ready(List.of()));

    // when
    QueryResult<List<Alert>> withToken =
        new AlertFanOut(SELF, none, () -> QueryResult.ready(List.of(guarded)), access)
            .alerts(AlertFilter.ALL);
    QueryResult<List<Alert>> withoutToken =
        new AlertFanOut(SELF, none, () -> QueryResult.ready(List.of(guarded)))
            .alerts(AlertFilter.ALL);

    // then
    assertThat(withToken).isEqualTo(QueryResult.ready(List.of(THEIRS)));
    assertThat(withoutToken)
        .isEqualTo(QueryResult.notReady("instance localhost:" + peer.port() + ": answered 401"));
  }

  @Test
  void anUnknownAssignmentIsNotReady() {
    // given
    AlertFanOut fanOut =
        new AlertFanOut(
            SELF,
            mine(QueryResult.ready(List.of(MINE))),
            () -> QueryResult.notReady("streams are REBALANCING, not RUNNING"));

    // then
    assertThat(fanOut.alerts(AlertFilter.ALL))
        .isEqualTo(QueryResult.notReady("streams are REBALANCING, not RUNNING"));
  }
}
