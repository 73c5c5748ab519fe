package io.lightcat.alerts.notify;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one receiver is sent at once: a single alert record, or a group of alerts (Alertmanager's
 * grouping, the next-business-day batch, the daily digest).
 *
 * @param alerts the alerts, never empty; firing ones first
 * @param idempotencyKey the same for every redelivery of this notification, different for any
 *     change of its content: {@code <id>:<status>} for a single alert record, a digest of the
 *     group's content for a group
 * @param group the group this notification speaks for; null for a single alert record
 */
public record Notification(
    List<Alert> alerts, String receiver, String idempotencyKey, Group group) {

  /**
   * The group a notification stands for.
   *
   * @param key stable for the group's life (route and group label values)
   * @param labels the group-by labels and their values (what all its alerts share)
   * @param kind what formed it
   */
  public record Group(String key, Map<String, String> labels, Kind kind) {
    public Group {
      Objects.requireNonNull(key, "key");
      labels = Map.copyOf(labels);
      Objects.requireNonNull(kind, "kind");
    }

    /** Group labels sorted by name, for display. */
    public Map<String, String> sortedLabels() {
      return new TreeMap<>(labels);
    }
  }

  /** Why alerts were sent together. */
  public enum Kind {
    /** Alerts sharing the route's {@code group_by} label values. */
    GROUP,
    /** P3 alerts held outside business hours, sent when they start. */
    BUSINESS_DAY,
    /** P4 alerts collected into the daily digest. */
    DIGEST
  }

  public Notification {
    alerts = List.copyOf(alerts);
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a notification needs at least one alert");
    }
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  /** One alert record, ungrouped. */
  public Notification(Alert alert, String receiver, String idempotencyKey) {
    this(List.of(alert), receiver, idempotencyKey, null);
  }

  public static Notification of(Alert alert, String receiver) {
    return new Notification(alert, receiver, idempotencyKey(alert));
  }

  public static String idempotencyKey(Alert alert) {
    return alert.id() + ":" + alert.status();
  }

  /** The first alert: the only one of an ungrouped notification. */
  public Alert alert() {
    return alerts.get(0);
  }

  /** Whether this notification is a single alert record rather than a group. */
  public boolean single() {
    return group == null && alerts.size() == 1;
  }

  /** Whether every alert in it is resolved. */
  public boolean resolved() {
    return alerts.stream().noneMatch(Alert::firing);
  }

  /** The firing alerts. */
  public List<Alert> firing() {
    return alerts.stream().filter(Alert::firing).toList();
  }

  /** {@code firing} when any alert fires, else {@code resolved} (Alertmanager's group status). */
  public String status() {
    return resolved() ? Alert.RESOLVED : Alert.FIRING;
  }

  /**
   * The most urgent severity among the alerts (P1 before P2, ...; unknown severities last), what a
   * group notification's headline shows.
   */
  public String topSeverity() {
    String top = null;
    for (Alert a : alerts) {
      String s = a.severity();
      if (s != null && (top == null || s.compareTo(top) < 0)) {
        top = s;
      }
    }
    return top == null ? "" : top;
  }
}
