package io.lightcat.alerts.app.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.event.EventStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated input event: the stream it belongs to, its record key (CONTRACT section 2), its
 * event time and its fields (CONTRACT section 3, without {@code ts}).
 *
 * <p>Fields may hold secrets ({@code headers.authorization}, {@code rgbInvoice}), so {@link
 * #toString()} names only stream, kind or route, key and time, never field values.
 */
public record SimEvent(EventStream stream, String key, Instant time, Map<String, Object> fields) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public SimEvent {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(time, "time");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The {@code kind} field, or {@code null} for requests. */
  public String kind() {
    return (String) fields.get("kind");
  }

  /** The record value: a JSON object with {@code ts} (ISO-8601, UTC) first. */
  public String toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ts", DateTimeFormatter.ISO_INSTANT.format(time));
    body.putAll(fields);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      // Only strings, numbers, booleans and maps of them: cannot fail.
      throw new IllegalStateException("cannot serialize a simulated " + stream.ruleName(), e);
    }
  }

  @Override
  public String toString() {
    String what = kind() != null ? kind() : String.valueOf(fields.get("route"));
    return "SimEvent[" + stream.ruleName() + " " + what + " key=" + key + " at " + time + "]";
  }
}
