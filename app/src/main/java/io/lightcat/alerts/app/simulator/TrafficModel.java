package io.lightcat.alerts.app.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A deterministic model of LIGHTCAT's traffic on the four input streams. It reads no clock: each
 * {@link #tick} is told the time to generate for, how many random draws to make, and which incident
 * (if any) is in progress. The same seed and the same calls give the same events.
 *
 * <p>Each draw is a request (80%), a database query (15%), a game session (3%) or a purchase (2%);
 * sessions and purchases schedule their later events (confirmations, session ends) as follow-ups.
 * Periodic infrastructure and supply events, and the brute-force attacker's occasional failed
 * login, come on top. On average one draw yields {@link #EVENTS_PER_DRAW} events.
 *
 * <p>Not thread-safe: one thread drives a model.
 */
public final class TrafficModel {
  static final double REQUESTS = 0.80;
  static final double DB_QUERIES = 0.15;
  static final double GAME_SESSIONS = 0.03;
  static final double PURCHASES = 0.02;

  /** Events one draw yields on average (a purchase yields about four). */
  public static final double EVENTS_PER_DRAW =
      REQUESTS + DB_QUERIES + GAME_SESSIONS * GameTraffic.EVENTS_PER_SESSION + PURCHASES * 4;

  private final Dice dice;
  private final RequestTraffic requests;
  private final PaymentTraffic payments;
  private final GameTraffic game;
  private final InfraTraffic infra;
  private final FollowUps followUps = new FollowUps();
  private final Every supply = new Every(Duration.ofSeconds(15));

  /**
   * The brute-force attacker's occasional failed login, always: failed-login-spike pages on five
   * times a client's usual failures and ignores clients without a history of at least one per 5
   * minutes, so the attack must come from an IP that has failed before.
   */
  private final Every bruteForceProbes = new Every(BRUTE_FORCE_PROBE_PERIOD);

  static final Duration BRUTE_FORCE_PROBE_PERIOD = Duration.ofSeconds(90);

  public TrafficModel(long seed) {
    this.dice = new Dice(seed);
    this.requests = new RequestTraffic(dice);
    this.payments = new PaymentTraffic(dice);
    this.game = new GameTraffic(dice);
    this.infra = new InfraTraffic(dice);
  }

  /**
   * The events for time {@code now}: periodic events and follow-ups due by then, then {@code draws}
   * new ones at {@code now}.
   */
  public List<SimEvent> tick(Instant now, int draws, Optional<ActiveIncident> incident) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(incident, "incident");
    if (draws < 0) {
      throw new IllegalArgumentException("draws must be >= 0: " + draws);
    }
    List<SimEvent> events = new ArrayList<>(infra.dueBy(now, incident));
    for (Instant t : supply.dueBy(now)) {
      events.add(payments.supply(t, incident));
    }
    for (Instant t : bruteForceProbes.dueBy(now)) {
      events.add(requests.bruteForceProbe(t));
    }
    events.addAll(followUps.dueBy(now));
    for (int i = 0; i < draws; i++) {
      events.add(draw(now, incident));
    }
    return events;
  }

  /** Follow-up events scheduled but not yet due. */
  public int pendingFollowUps() {
    return followUps.pending();
  }

  private SimEvent draw(Instant now, Optional<ActiveIncident> incident) {
    double x = dice.uniform(0, 1);
    if (x < REQUESTS) {
      return requests.next(now, incident);
    }
    if (x < REQUESTS + DB_QUERIES) {
      return infra.dbQuery(now);
    }
    if (x < REQUESTS + DB_QUERIES + GAME_SESSIONS) {
      return game.session(now, followUps);
    }
    return payments.purchase(now, incident, followUps);
  }
}
