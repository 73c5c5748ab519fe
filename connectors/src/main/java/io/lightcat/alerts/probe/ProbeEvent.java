package io.lightcat.alerts.probe;

import java.util.Map;
import java.util.Objects;

/**
 * One infra event the prober publishes (CONTRACT section 3, {@code events.infra}): its record key
 * (target, host or service) and its JSON fields, {@code kind} and {@code ts} included.
 */
public record ProbeEvent(String key, Map<String, Object> fields) {
  public ProbeEvent {
    Objects.requireNonNull(key, "key");
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  public String kind() {
    return String.valueOf(fields.get("kind"));
  }
}
