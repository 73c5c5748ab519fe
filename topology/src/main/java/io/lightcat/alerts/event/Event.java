package io.lightcat.alerts.event;

import java.util.Map;

/** PLACEHOLDER until the ingestion branch lands. */
public record Event(EventStream stream, long timestampMs, String key, Map<String, Object> fields) {
  public Object get(String field) {
    return fields.get(field);
  }
}
