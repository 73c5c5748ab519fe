package io.lightcat.alerts.notify.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.DeliveryResult;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.Notifier;
import io.lightcat.alerts.notify.Secret;
import io.lightcat.alerts.notify.http.HttpDelivery;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PagerDuty Events API v2: {@code trigger} for firing alerts, {@code resolve} for resolved ones,
 * {@code dedup_key} = the alert fingerprint so PagerDuty folds every record of one alert into one
 * incident. Severities P1..P4 map to critical, error, warning, info.
 */
public final class PagerDutyNotifier implements Notifier {
  /** The public Events API v2 endpoint. */
  public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SUMMARY = 1024;

  private final String name;
  private final HttpDelivery http;
  private final Secret routingKey;

  public PagerDutyNotifier(String name, Secret routingKey, String url, Duration timeout) {
    this.name = Objects.requireNonNull(name, "name");
    this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
    this.http = new HttpDelivery(Secret.of(url == null ? DEFAULT_URL : url), timeout, routingKey);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * One event per alert (PagerDuty deduplicates by fingerprint, so a group becomes one incident per
   * alert); the first failure ends the call, and a retry sends the earlier events again, which
   * PagerDuty folds by their {@code dedup_key}.
   */
  @Override
  public DeliveryResult deliver(Notification n) {
    for (Notification one : perAlert(n)) {
      DeliveryResult r;
      try {
        r = http.post(one, JSON.writeValueAsBytes(event(one)), Map.of());
      } catch (JsonProcessingException e) {
        r = DeliveryResult.permanent("cannot render pagerduty event: " + e.getOriginalMessage());
      }
      if (!(r instanceof DeliveryResult.Ok)) {
        return r;
      }
    }
    return DeliveryResult.ok();
  }

  /** A single record as it is; a group's alerts each under {@code <group key>/<fingerprint>}. */
  private static List<Notification> perAlert(Notification n) {
    if (n.single()) {
      return List.of(n);
    }
    return n.alerts().stream()
        .map(a -> new Notification(a, n.receiver(), n.idempotencyKey() + "/" + a.fingerprint()))
        .toList();
  }

  Map<String, Object> event(Notification n) {
    Alert a = n.alert();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", routingKey.reveal());
    event.put("event_action", n.resolved() ? "resolve" : "trigger");
    event.put("dedup_key", a.fingerprint());
    if (!n.resolved()) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("summary", truncate("[" + a.severity() + "] " + a.summary()));
      payload.put("source", source(a));
      payload.put("severity", severity(a.severity()));
      payload.put("component", a.rule());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("alert_id", a.id());
      details.put("rule", a.rule());
      details.put("title", a.title());
      details.put("labels", a.labels() == null ? Map.of() : a.labels());
      details.put("value", a.value());
      details.put("threshold", a.threshold());
      details.put("starts_at", a.startsAt());
      details.put("runbook", a.runbook());
      details.put("idempotency_key", n.idempotencyKey());
      payload.put("custom_details", details);
      event.put("payload", payload);
    }
    return event;
  }

  /** P1..P4 to PagerDuty's critical, error, warning, info (unknown: error). */
  public static String severity(String severity) {
    if (severity == null) {
      return "error";
    }
    return switch (severity) {
      case "P1" -> "critical";
      case "P2" -> "error";
      case "P3" -> "warning";
      case "P4" -> "info";
      default -> "error";
    };
  }

  private static String source(Alert a) {
    Map<String, String> labels = a.labels() == null ? Map.of() : a.labels();
    for (String key : new String[] {"service", "host", "target"}) {
      String v = labels.get(key);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return a.rule();
  }

  private static String truncate(String s) {
    return s.length() <= MAX_SUMMARY ? s : s.substring(0, MAX_SUMMARY - 3) + "...";
  }

  @Override
  public String toString() {
    return "PagerDutyNotifier[" + name + " -> " + http.redactedUrl() + "]";
  }
}
