package io.lightcat.alerts.notify.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.AlertmanagerShape;
import io.lightcat.alerts.notify.DeliveryResult;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.Notifier;
import io.lightcat.alerts.notify.Secret;
import io.lightcat.alerts.notify.http.HttpDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts our alerts in front of an existing Alertmanager: {@code POST <url>/api/v2/alerts} with
 * labels, annotations and {@code startsAt} of every alert in the notification; a resolved alert is
 * posted again with {@code endsAt} (its own, or now) so Alertmanager resolves it.
 */
public final class AlertmanagerNotifier implements Notifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final HttpDelivery http;
  private final Clock clock;

  /**
   * @param baseUrl Alertmanager's base URL, e.g. {@code http://127.0.0.1:9093}
   */
  public AlertmanagerNotifier(String name, Secret baseUrl, Duration timeout, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    String base = baseUrl.reveal();
    this.http =
        new HttpDelivery(
            Secret.of((base.endsWith("/") ? base : base + "/") + "api/v2/alerts"),
            timeout,
            baseUrl);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DeliveryResult deliver(Notification n) {
    try {
      List<Map<String, Object>> alerts = n.alerts().stream().map(this::postable).toList();
      return http.post(n, JSON.writeValueAsBytes(alerts), Map.of());
    } catch (JsonProcessingException e) {
      return DeliveryResult.permanent(
          "cannot render alertmanager alert: " + e.getOriginalMessage());
    }
  }

  Map<String, Object> postable(Alert a) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("labels", AlertmanagerShape.labels(a));
    alert.put("annotations", AlertmanagerShape.annotations(a));
    if (a.startsAt() != null) {
      alert.put("startsAt", a.startsAt());
    }
    if (!a.firing()) {
      alert.put("endsAt", a.endsAt() != null ? a.endsAt() : Instant.now(clock).toString());
    }
    return alert;
  }

  @Override
  public String toString() {
    return "AlertmanagerNotifier[" + name + " -> " + http.redactedUrl() + "]";
  }
}
