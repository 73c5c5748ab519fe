package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.silence.Silence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alertmanager's dispatch, mute, silence and dedup stages: puts every alert record into the groups
 * of the route nodes it reaches, and sends each group to its receiver when its timers say so —
 * {@code group_wait} after it formed, then at most every {@code group_interval} when it changed,
 * every {@code repeat_interval} while it fires unchanged; P3 outside business hours at their start,
 * P4 in the daily digest. A silenced alert and a muted route are held back (logged and counted) and
 * sent once nothing holds them any more, if still of interest.
 *
 * <p>A route that does not group (the default) keeps each alert on its own and sends each record at
 * once, as {@link Notification#of} with the key {@code <id>:<status>}.
 *
 * <p>Not thread-safe: the notifier's consume thread calls {@link #offer}, {@link #flush} and {@link
 * #persist}; state goes to the {@link GroupStore} at {@link #persist}, which the loop calls before
 * committing offsets, so an alert whose offset is committed is either notified or held in the
 * store. A crash between a delivery and {@link #persist} repeats the delivery under the same
 * idempotency key (keys are digests of what is sent).
 */
public final class AlertGrouper {
  private static final Logger log = LoggerFactory.getLogger(AlertGrouper.class);

  /** How soon a held-back group is looked at again when its route has no group interval. */
  private static final Duration RECHECK = Duration.ofMinutes(1);

  private final RoutingPolicy policy;
  private final java.util.function.Predicate<String> sendsResolved;
  private final boolean escalatesP1;
  private final GroupStore store;
  private final Clock clock;
  private final NotifierMetrics metrics;

  private final Map<String, AlertGroup> groups = new LinkedHashMap<>();
  private final Set<String> stored = new HashSet<>();
  private final Set<String> changed = new LinkedHashSet<>();

  /** Holds already logged and counted, so a held alert is reported once, not at every check. */
  private final Set<String> reportedHolds = new HashSet<>();

  /**
   * @param sendsResolved whether a receiver gets resolved alerts
   * @param escalatesP1 the escalation policy repeats firing P1 alerts; route repeats leave them out
   */
  public AlertGrouper(
      RoutingPolicy policy,
      java.util.function.Predicate<String> sendsResolved,
      boolean escalatesP1,
      GroupStore store,
      Clock clock,
      NotifierMetrics metrics) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sendsResolved = Objects.requireNonNull(sendsResolved, "sendsResolved");
    this.escalatesP1 = escalatesP1;
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Replaces what is held in memory by the store's groups (at start, and when the notifier is
   * assigned partitions). Groups of route nodes the configuration no longer has are dropped.
   */
  public void restore() {
    groups.clear();
    stored.clear();
    changed.clear();
    List<String> dropped = new ArrayList<>();
    for (AlertGroup g : store.loadAll().values()) {
      stored.add(g.key());
      if (policy.root().find(g.routeKey()).isEmpty()) {
        log.warn("alert group {} belongs to a route no longer configured; dropped", g.key());
        dropped.add(g.key());
        continue;
      }
      groups.put(g.key(), g);
    }
    if (!dropped.isEmpty()) {
      store.write(List.of(), dropped);
      stored.removeAll(dropped);
    }
    if (!groups.isEmpty()) {
      log.info("{} alert group(s) restored", groups.size());
    }
  }

  /** An alert record: into the group of every route node it reaches. */
  public void offer(Alert alert) {
    long now = clock.millis();
    for (Route node : policy.nodes(alert)) {
      AlertGroup home = groupHolding(node, alert.fingerprint());
      if (home != null && sameSeverity(home, alert)) {
        put(home, node, alert, now);
        continue;
      }
      if (home != null) {
        // The severity moved the alert to another batch (say P3 to P2): it leaves the old one.
        home.remove(alert.fingerprint());
        changed(home);
        dropIfEmpty(home);
        if (!alert.firing()) {
          continue;
        }
      }
      if (!alert.firing() && !node.grouping().perAlert()) {
        continue; // resolved, but never held here: nothing to tell
      }
      Notification.Kind kind = policy.kind(alert, Instant.ofEpochMilli(now));
      String key = policy.groupKey(node, alert, kind);
      AlertGroup group =
          groups.computeIfAbsent(
              key,
              k ->
                  new AlertGroup(
                      k,
                      node.key(),
                      node.receiver(),
                      policy.groupLabels(node, alert, kind),
                      kind,
                      now));
      put(group, node, alert, now);
    }
  }

  private void put(AlertGroup group, Route node, Alert alert, long now) {
    if (!group.put(alert)) {
      return; // a redelivered record: already held, maybe already notified
    }
    changed(group);
    Grouping timing = node.grouping();
    long candidate =
        group.lastNotifiedAt() == null
            ? group.createdAt() + timing.groupWait().toMillis()
            : Math.max(now, group.lastNotifiedAt() + timing.groupInterval().toMillis());
    long at = notBefore(group, candidate);
    group.nextFlushAt(group.nextFlushAt() == null ? at : Math.min(group.nextFlushAt(), at));
  }

  private long notBefore(AlertGroup group, long candidate) {
    return policy.notBefore(group.kind(), Instant.ofEpochMilli(candidate)).toEpochMilli();
  }

  /** Sends every group that is due now; returns once each was delivered or dead-lettered. */
  public void flush(Consumer<List<Notification>> sender) {
    long now = clock.millis();
    Instant instant = Instant.ofEpochMilli(now);
    List<Pending> pending = new ArrayList<>();
    for (AlertGroup group : new ArrayList<>(groups.values())) {
      if (!group.due(now)) {
        continue;
      }
      Optional<Route> node = policy.root().find(group.routeKey());
      if (node.isEmpty()) {
        forget(group);
        continue;
      }
      Pending p = prepare(group, node.get(), instant);
      if (p.notification != null) {
        pending.add(p);
      } else {
        settle(p, now);
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    sender.accept(pending.stream().map(p -> p.notification).toList());
    for (Pending p : pending) {
      settle(p, now);
    }
  }

  /** What one due group sends, if anything, and what held it back. */
  private static final class Pending {
    final AlertGroup group;
    final Route node;
    Notification notification;
    boolean changed;
    boolean held;
    boolean muted;

    Pending(AlertGroup group, Route node) {
      this.group = group;
      this.node = node;
    }
  }

  private Pending prepare(AlertGroup group, Route node, Instant now) {
    Pending p = new Pending(group, node);
    List<String> mutes = policy.mutedBy(node, now);
    if (!mutes.isEmpty()) {
      for (Alert a : group.alerts().values()) {
        if (isNew(group, a)) {
          reportHold(group, a, "mute", "muted by " + String.join(",", mutes));
        }
      }
      p.muted = true;
      return p;
    }
    List<Alert> firing = new ArrayList<>();
    List<Alert> resolved = new ArrayList<>();
    for (Alert a : group.alerts().values()) {
      Optional<Silence> silence = policy.silencedBy(a, now);
      if (silence.isPresent()) {
        if (isNew(group, a)) {
          reportHold(group, a, "silence", "silenced by " + silence.get().id());
        }
        p.held |= a.firing();
        continue;
      }
      if (a.firing()) {
        firing.add(a);
      } else if (sendsResolved.test(group.receiver())
          && (group.notified().containsKey(a.fingerprint())
              || (node.grouping().perAlert() && group.kind() == Notification.Kind.GROUP)
              || group.kind() == Notification.Kind.DIGEST)) {
        resolved.add(a);
      }
    }
    p.changed =
        !resolved.isEmpty()
            || firing.stream()
                .anyMatch(
                    a -> !AlertGroup.signature(a).equals(group.notified().get(a.fingerprint())));
    boolean repeat =
        !p.changed
            && group.kind() == Notification.Kind.GROUP
            && node.grouping().repeatInterval() != null
            && group.lastNotifiedAt() != null
            && now.toEpochMilli()
                >= group.lastNotifiedAt() + node.grouping().repeatInterval().toMillis()
            && firing.stream().anyMatch(a -> !(escalatesP1 && "P1".equals(a.severity())));
    boolean digest =
        group.kind() == Notification.Kind.DIGEST && !(firing.isEmpty() && resolved.isEmpty());
    if (p.changed || repeat || digest) {
      List<Alert> payload = new ArrayList<>(firing);
      payload.addAll(resolved);
      p.notification = notification(group, node, payload, p.changed ? 0 : group.repeats() + 1);
    }
    return p;
  }

  private boolean isNew(AlertGroup group, Alert a) {
    return a.firing()
        ? !AlertGroup.signature(a).equals(group.notified().get(a.fingerprint()))
        : group.notified().containsKey(a.fingerprint());
  }

  private void reportHold(AlertGroup group, Alert a, String reason, String why) {
    if (reportedHolds.add(group.key() + "|" + AlertGroup.signature(a) + "|" + reason)) {
      log.info(
          "suppressed: {} {} for receiver {} ({})",
          a.fingerprint(),
          a.status(),
          group.receiver(),
          why);
      metrics.suppressed(group.receiver(), reason);
    }
  }

  /** After sending (or deciding not to): what was notified, what is done, when to look again. */
  private void settle(Pending p, long now) {
    AlertGroup group = p.group;
    if (p.muted) {
      // Nothing is done while muted: what is new, resolutions included, waits for the mute's end.
      group.nextFlushAt(nextLook(group, p.node, true, now));
      return;
    }
    if (p.notification != null) {
      for (Alert a : p.notification.alerts()) {
        if (a.firing()) {
          group.notified().put(a.fingerprint(), AlertGroup.signature(a));
        }
      }
      group.notifiedAt(now, p.changed ? 0 : group.repeats() + 1);
    }
    for (Alert a : new ArrayList<>(group.alerts().values())) {
      if (!a.firing()) {
        group.remove(a.fingerprint());
        reportedHolds.removeIf(k -> k.startsWith(group.key() + "|" + a.id() + ":"));
      }
    }
    changed(group);
    if (dropIfEmpty(group)) {
      return;
    }
    group.nextFlushAt(nextLook(group, p.node, p.held, now));
  }

  private Long nextLook(AlertGroup group, Route node, boolean held, long now) {
    if (group.kind() == Notification.Kind.DIGEST) {
      return notBefore(group, now);
    }
    Long next = null;
    if (held) {
      next = now + Math.max(node.grouping().groupInterval().toMillis(), RECHECK.toMillis());
    }
    Duration repeat = node.grouping().repeatInterval();
    if (repeat != null
        && group.kind() == Notification.Kind.GROUP
        && group.lastNotifiedAt() != null) {
      long at = group.lastNotifiedAt() + repeat.toMillis();
      next = next == null ? at : Math.min(next, at);
    }
    return next == null ? null : notBefore(group, next);
  }

  private Notification notification(AlertGroup group, Route node, List<Alert> alerts, int repeat) {
    if (group.kind() == Notification.Kind.GROUP
        && node.grouping().perAlert()
        && alerts.size() == 1) {
      Alert a = alerts.get(0);
      String key =
          repeat == 0
              ? Notification.idempotencyKey(a)
              : Notification.idempotencyKey(a) + ":route-repeat-" + repeat;
      return new Notification(a, group.receiver(), key);
    }
    StringBuilder content = new StringBuilder(group.receiver()).append('\n').append(group.key());
    if (group.kind() == Notification.Kind.DIGEST) {
      content.append('\n').append(group.nextFlushAt());
    }
    alerts.stream()
        .map(AlertGroup::signature)
        .sorted()
        .forEach(s -> content.append('\n').append(s));
    String key = "group-" + digest(content.toString()) + (repeat == 0 ? "" : ":repeat-" + repeat);
    return new Notification(
        alerts,
        group.receiver(),
        key,
        new Notification.Group(group.key(), group.labels(), group.kind()));
  }

  private static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Writes every group changed since the last call to the store; call before committing. */
  public void persist() {
    if (changed.isEmpty()) {
      return;
    }
    List<AlertGroup> put = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (String key : changed) {
      AlertGroup g = groups.get(key);
      if (g != null) {
        put.add(g);
      } else if (stored.contains(key)) {
        deleted.add(key);
      }
    }
    store.write(put, deleted);
    put.forEach(g -> stored.add(g.key()));
    stored.removeAll(deleted);
    changed.clear();
  }

  /** The groups held now (a copy), for tests and diagnostics. */
  Collection<AlertGroup> groups() {
    return List.copyOf(groups.values());
  }

  private AlertGroup groupHolding(Route node, String fingerprint) {
    for (AlertGroup g : groups.values()) {
      if (g.routeKey().equals(node.key()) && g.alerts().containsKey(fingerprint)) {
        return g;
      }
    }
    return null;
  }

  private static boolean sameSeverity(AlertGroup group, Alert alert) {
    Alert held = group.alerts().get(alert.fingerprint());
    return Objects.equals(held.severity(), alert.severity()) || !alert.firing();
  }

  private void changed(AlertGroup group) {
    changed.add(group.key());
  }

  private boolean dropIfEmpty(AlertGroup group) {
    if (!group.alerts().isEmpty()) {
      return false;
    }
    forget(group);
    return true;
  }

  private void forget(AlertGroup group) {
    groups.remove(group.key());
    changed.add(group.key());
    reportedHolds.removeIf(k -> k.startsWith(group.key() + "|"));
  }
}
