package io.lightcat.alerts.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One validated, redacted input event.
 *
 * <p>Declared fields (see {@link EventSchema#fields()}) hold their {@link FieldType}'s Java type;
 * optional fields that were absent (or JSON {@code null}) are absent from {@code fields}; unknown
 * fields are kept as {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code Map} or
 * {@code List}. Secrets are never present: {@link EventParser} redacts before building an event.
 *
 * @param stream the stream the event was read from
 * @param timestampMs event time in epoch milliseconds: the {@code ts} field, else the record
 *     timestamp; {@code ts} itself is not in {@code fields}
 * @param key the record key as a UTF-8 string, or {@code null}
 * @param fields the event's fields, unmodifiable
 */
public record Event(EventStream stream, long timestampMs, String key, Map<String, Object> fields) {

  public Event {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(fields, "fields");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The value of {@code field}, or {@code null} when absent. */
  public Object get(String field) {
    return fields.get(field);
  }
}
