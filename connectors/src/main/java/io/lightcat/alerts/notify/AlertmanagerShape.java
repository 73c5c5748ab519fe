package io.lightcat.alerts.notify;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our alert in Alertmanager's terms: labels (the alert's labels plus {@code alertname} = rule id
 * and {@code severity}) and annotations (title, summary, runbook, value, threshold). Shared by the
 * webhook (v4 shape) and alertmanager receivers so both speak the same dialect.
 */
public final class AlertmanagerShape {
  /** Alertmanager's "not ended" timestamp for a firing alert in webhook payloads. */
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private AlertmanagerShape() {}

  public static Map<String, String> labels(Alert alert) {
    Map<String, String> labels = new TreeMap<>();
    if (alert.labels() != null) {
      labels.putAll(alert.labels());
    }
    labels.put("alertname", alert.rule());
    labels.put("severity", alert.severity());
    return labels;
  }

  public static Map<String, String> annotations(Alert alert) {
    Map<String, String> annotations = new TreeMap<>();
    putIfPresent(annotations, "title", alert.title());
    putIfPresent(annotations, "summary", alert.summary());
    putIfPresent(annotations, "runbook_url", alert.runbook());
    if (alert.value() != null) {
      annotations.put("value", number(alert.value()));
    }
    if (alert.threshold() != null) {
      annotations.put("threshold", number(alert.threshold()));
    }
    return annotations;
  }

  /** The label pairs every one of {@code alerts} has (Alertmanager's {@code commonLabels}). */
  public static Map<String, String> commonLabels(List<Alert> alerts) {
    return common(alerts.stream().map(AlertmanagerShape::labels).toList());
  }

  /** The annotations every one of {@code alerts} has ({@code commonAnnotations}). */
  public static Map<String, String> commonAnnotations(List<Alert> alerts) {
    return common(alerts.stream().map(AlertmanagerShape::annotations).toList());
  }

  private static Map<String, String> common(List<Map<String, String>> maps) {
    Map<String, String> out = new TreeMap<>(maps.get(0));
    for (Map<String, String> m : maps.subList(1, maps.size())) {
      out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
    }
    return out;
  }

  /** A number without a trailing {@code .0}. */
  public static String number(Double d) {
    if (d == null) {
      return "";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }
}
