package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Notification;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalation by severity ({@link EscalationPolicy}) with its timers on a {@link Clock} and its
 * state in an {@link EscalationStore}, so it survives a restart.
 *
 * <p>Every method hands the notifications it decides on to a sender (which delivers or dead-letters
 * them) and only then stores the new state: a crash in between repeats a notification under the
 * same idempotency key rather than losing it. Keys: {@code <id>:firing:escalation} for the
 * escalation receiver, {@code <id>:firing:repeat-<n>} for the n-th repeat.
 */
public final class Escalator {
  private static final Logger log = LoggerFactory.getLogger(Escalator.class);

  private final EscalationPolicy policy;
  private final Route route;
  private final EscalationStore store;
  private final Clock clock;
  private final Map<String, EscalationState> states;

  /** Restores the state kept in {@code store}. */
  public Escalator(EscalationPolicy policy, Route route, EscalationStore store, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.route = Objects.requireNonNull(route, "route");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.states = new LinkedHashMap<>(store.loadAll());
    if (!states.isEmpty()) {
      log.info("escalation state restored for {} alert(s)", states.size());
    }
  }

  /** An alert record, after its routed notifications were delivered. */
  public synchronized void onAlert(Alert alert, Consumer<List<Notification>> sender) {
    String fp = alert.fingerprint();
    EscalationState old = states.get(fp);
    boolean sameEpisode = old != null && Objects.equals(old.alert().id(), alert.id());
    if (!alert.firing() || !escalates(alert.severity())) {
      if (old != null) {
        states.remove(fp);
        store.delete(fp);
      }
      return;
    }
    if (sameEpisode && old.acked()) {
      return;
    }
    long now = clock.millis();
    long since = sameEpisode ? old.since() : now;
    EscalationState next;
    if ("P1".equals(alert.severity())) {
      boolean wasP1 = sameEpisode && "P1".equals(old.alert().severity());
      Long repeatAt = wasP1 ? old.nextRepeatAt() : now + policy.repeatInterval().toMillis();
      int repeats = wasP1 ? old.repeats() : 0;
      sender.accept(List.of(escalation(alert)));
      next = new EscalationState(alert, since, repeatAt, null, repeats, false);
    } else {
      boolean pending = sameEpisode && old.escalateAt() != null;
      Long at = pending ? old.escalateAt() : now + policy.p2EscalateAfter().toMillis();
      next = new EscalationState(alert, since, null, at, 0, false);
    }
    states.put(fp, next);
    store.put(fp, next);
  }

  /**
   * An acknowledgement at {@code at} of the alert with {@code fingerprint} (of episode {@code
   * alertId} when given): stops its repeats and escalation. Acknowledgements from before the
   * current episode started are ignored.
   */
  public synchronized void onAck(String fingerprint, String alertId, Instant at) {
    EscalationState s = states.get(fingerprint);
    if (s == null || s.acked() || at.toEpochMilli() < s.since()) {
      return;
    }
    if (alertId != null && !alertId.equals(s.alert().id())) {
      return;
    }
    EscalationState acked = s.acknowledged();
    states.put(fingerprint, acked);
    store.put(fingerprint, acked);
    log.info("alert {} acknowledged: escalation stopped", fingerprint);
  }

  /** Sends the repeats and escalations that are due now. */
  public synchronized void tick(Consumer<List<Notification>> sender) {
    long now = clock.millis();
    for (Map.Entry<String, EscalationState> e : new ArrayList<>(states.entrySet())) {
      EscalationState s = e.getValue();
      if (s.acked()) {
        continue;
      }
      Alert alert = s.alert();
      if (s.nextRepeatAt() != null && s.nextRepeatAt() <= now) {
        int n = s.repeats() + 1;
        List<Notification> out = new ArrayList<>();
        for (String receiver : repeatTargets(alert)) {
          out.add(new Notification(alert, receiver, key(alert, "repeat-" + n)));
        }
        sender.accept(out);
        s =
            new EscalationState(
                alert, s.since(), now + policy.repeatInterval().toMillis(), null, n, false);
        states.put(e.getKey(), s);
        store.put(e.getKey(), s);
      } else if (s.escalateAt() != null && s.escalateAt() <= now) {
        sender.accept(List.of(escalation(alert)));
        s = new EscalationState(alert, s.since(), null, null, s.repeats(), false);
        states.put(e.getKey(), s);
        store.put(e.getKey(), s);
      }
    }
  }

  /** What is remembered for {@code fingerprint}, if anything. */
  public synchronized EscalationState state(String fingerprint) {
    return states.get(fingerprint);
  }

  private List<String> repeatTargets(Alert alert) {
    LinkedHashSet<String> targets = new LinkedHashSet<>(route.receivers(alert));
    targets.add(policy.receiver());
    return List.copyOf(targets);
  }

  private Notification escalation(Alert alert) {
    return new Notification(alert, policy.receiver(), key(alert, "escalation"));
  }

  private static String key(Alert alert, String suffix) {
    return Notification.idempotencyKey(alert) + ":" + suffix;
  }

  private static boolean escalates(String severity) {
    return "P1".equals(severity) || "P2".equals(severity);
  }
}
