package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.LabelMatcher;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.schedule.BatchSchedule;
import io.lightcat.alerts.notify.schedule.TimeInterval;
import io.lightcat.alerts.notify.silence.Silence;
import io.lightcat.alerts.notify.silence.Silences;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The decisions the configuration makes about an alert, apart from any state: which route nodes
 * take it, which group it joins there, whether it is batched (P3, P4), whether a node is muted now
 * and whether a silence holds it. Used by the {@link AlertGrouper} and by {@code notify
 * test-route}.
 */
public final class RoutingPolicy {
  private final Route root;
  private final Map<String, List<TimeInterval>> timeIntervals;
  private final Silences silences;
  private final BatchSchedule batching;

  /**
   * @param batching null: P3 and P4 are notified like any other severity
   */
  public RoutingPolicy(
      Route root,
      Map<String, List<TimeInterval>> timeIntervals,
      Silences silences,
      BatchSchedule batching) {
    this.root = Objects.requireNonNull(root, "root");
    this.timeIntervals = Map.copyOf(timeIntervals);
    this.silences = Objects.requireNonNull(silences, "silences");
    this.batching = batching;
  }

  /** The policy of {@code config}, with {@code silences} (its own plus those of the API). */
  public static RoutingPolicy of(NotifierConfig config, Silences silences) {
    return new RoutingPolicy(config.route(), config.timeIntervals(), silences, config.batching());
  }

  public Route root() {
    return root;
  }

  public Silences silences() {
    return silences;
  }

  /** The route nodes {@code alert} reaches, one per receiver, in routing order. */
  public List<Route> nodes(Alert alert) {
    return root.matchingNodes(alert);
  }

  /** How an alert arriving at {@code now} is batched. */
  public Notification.Kind kind(Alert alert, Instant now) {
    if (batching == null) {
      return Notification.Kind.GROUP;
    }
    if ("P4".equals(alert.severity()) && batching.p4Digest()) {
      return Notification.Kind.DIGEST;
    }
    if ("P3".equals(alert.severity())
        && batching.p3NextBusinessDay()
        && !batching.inBusinessHours(now)) {
      return Notification.Kind.BUSINESS_DAY;
    }
    return Notification.Kind.GROUP;
  }

  /**
   * The group labels of {@code alert} at {@code node}: the node's {@code group_by} names with the
   * alert's values (names it lacks left out); empty for batches and for alerts kept on their own.
   */
  public Map<String, String> groupLabels(Route node, Alert alert, Notification.Kind kind) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (kind != Notification.Kind.GROUP || node.grouping().perAlert()) {
      return labels;
    }
    for (String name : node.grouping().groupBy()) {
      String v = LabelMatcher.valueOf(alert, name);
      if (!v.isEmpty()) {
        labels.put(name, v);
      }
    }
    return labels;
  }

  /** The key of the group {@code alert} joins at {@code node}. */
  public String groupKey(Route node, Alert alert, Notification.Kind kind) {
    return switch (kind) {
      case DIGEST -> node.key() + "|digest";
      case BUSINESS_DAY -> node.key() + "|business-day";
      case GROUP ->
          node.grouping().perAlert()
              ? node.key() + "|alert:" + alert.fingerprint()
              : node.key() + "|" + new java.util.TreeMap<>(groupLabels(node, alert, kind));
    };
  }

  /**
   * The time intervals that mute {@code node} at {@code now}: the active ones among its {@code
   * mute_time_intervals}, or (when it has {@code active_time_intervals} and none is active) those.
   * Empty: not muted.
   */
  public List<String> mutedBy(Route node, Instant now) {
    List<String> out = new ArrayList<>();
    for (String name : node.muteTimeIntervals()) {
      if (active(name, now)) {
        out.add(name);
      }
    }
    if (!node.activeTimeIntervals().isEmpty()
        && node.activeTimeIntervals().stream().noneMatch(n -> active(n, now))) {
      out.add("outside " + String.join(",", node.activeTimeIntervals()));
    }
    return out;
  }

  private boolean active(String name, Instant now) {
    return timeIntervals.getOrDefault(name, List.of()).stream().anyMatch(i -> i.contains(now));
  }

  /** The silence holding {@code alert} at {@code now}, if any. */
  public Optional<Silence> silencedBy(Alert alert, Instant now) {
    return silences.silencing(alert, now);
  }

  /** When a batch of {@code kind} may be sent at the earliest, from {@code candidate} on. */
  Instant notBefore(Notification.Kind kind, Instant candidate) {
    return switch (kind) {
      case GROUP -> candidate;
      case BUSINESS_DAY -> batching.nextBusinessStart(candidate);
      case DIGEST -> batching.nextDigest(candidate);
    };
  }
}
