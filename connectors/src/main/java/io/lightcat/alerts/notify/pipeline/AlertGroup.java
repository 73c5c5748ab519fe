package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Notification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One aggregation group: the alerts one route node holds for one receiver under one set of group
 * label values, and what was last notified of them. Stored as JSON in the compacted {@code
 * notifications.state} topic under {@code group#<key>} so it survives a restart. Times are epoch
 * milliseconds of the notifier's clock.
 *
 * <p>Mutable, and touched by the notifier's consume thread only.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
final class AlertGroup {
  private String key;
  private String routeKey;
  private String receiver;
  private Map<String, String> labels = new LinkedHashMap<>();
  private Notification.Kind kind = Notification.Kind.GROUP;

  /** By fingerprint, in arrival order. */
  private Map<String, Alert> alerts = new LinkedHashMap<>();

  /** By fingerprint: {@code id:status:severity} of the alert as last notified (firing only). */
  private Map<String, String> notified = new LinkedHashMap<>();

  private long createdAt;
  private Long nextFlushAt;
  private Long lastNotifiedAt;
  private int repeats;

  private AlertGroup() {}

  AlertGroup(
      String key,
      String routeKey,
      String receiver,
      Map<String, String> labels,
      Notification.Kind kind,
      long createdAt) {
    this.key = Objects.requireNonNull(key, "key");
    this.routeKey = Objects.requireNonNull(routeKey, "routeKey");
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.labels = new LinkedHashMap<>(labels);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.createdAt = createdAt;
  }

  /** What identifies an alert record's content for deduplication. */
  static String signature(Alert a) {
    return a.id() + ":" + a.status() + ":" + a.severity();
  }

  String key() {
    return key;
  }

  String routeKey() {
    return routeKey;
  }

  String receiver() {
    return receiver;
  }

  Map<String, String> labels() {
    return labels;
  }

  Notification.Kind kind() {
    return kind;
  }

  Map<String, Alert> alerts() {
    return alerts;
  }

  Map<String, String> notified() {
    return notified;
  }

  long createdAt() {
    return createdAt;
  }

  Long nextFlushAt() {
    return nextFlushAt;
  }

  void nextFlushAt(Long at) {
    this.nextFlushAt = at;
  }

  Long lastNotifiedAt() {
    return lastNotifiedAt;
  }

  int repeats() {
    return repeats;
  }

  void notifiedAt(long at, int repeats) {
    this.lastNotifiedAt = at;
    this.repeats = repeats;
  }

  /** Puts {@code alert}; whether that changed what the group holds (not a mere redelivery). */
  boolean put(Alert alert) {
    Alert old = alerts.put(alert.fingerprint(), alert);
    return old == null || !signature(old).equals(signature(alert));
  }

  void remove(String fingerprint) {
    alerts.remove(fingerprint);
    notified.remove(fingerprint);
  }

  boolean due(long now) {
    return nextFlushAt != null && nextFlushAt <= now;
  }
}
