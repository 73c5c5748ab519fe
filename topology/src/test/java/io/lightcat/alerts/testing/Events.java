package io.lightcat.alerts.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.event.EventStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Test data builders for input events with valid defaults, e.g. {@code
 * Events.request().service("api").status(500).at(t).json()}.
 *
 * <p>Every builder starts valid at {@link #DEFAULT_TIME}; change what the test is about with the
 * typed setters, {@link Builder#with(String, Object)} and {@link Builder#without(String)}.
 */
public final class Events {
  /** The event time every builder starts with. */
  public static final Instant DEFAULT_TIME = Instant.parse("2026-11-28T12:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  /** A valid request: GET /api/games on service api, 200 in 42 ms. */
  public static Builder request() {
    return new Builder(EventStream.REQUESTS, "service")
        .service("api")
        .with("method", "GET")
        .route("/api/games")
        .status(200)
        .latencyMs(42.0);
  }

  /** A valid payment event of {@code kind} for invoice inv-1 (no invoice for {@code supply}). */
  public static Builder payment(String kind) {
    Builder b = new Builder(EventStream.PAYMENTS, "invoiceId").kind(kind);
    switch (kind) {
      case "supply" -> b.with("remainingBatches", 40);
      case "payment_failed" -> b.invoiceId("inv-1").with("reason", "timeout");
      case "consignment_generated", "webhook_delivered" ->
          b.invoiceId("inv-1").with("durationMs", 350.0);
      default -> b.invoiceId("inv-1").with("tier", "silver").with("amountSats", 21000);
    }
    return b;
  }

  /** A valid game event of {@code kind} in session s-1 of player p-1. */
  public static Builder game(String kind) {
    Builder b =
        new Builder(EventStream.GAME, "sessionId")
            .kind(kind)
            .with("sessionId", "s-1")
            .with("playerId", "p-1");
    switch (kind) {
      case "score" -> b.with("score", 1200.0);
      case "fps" -> b.with("fps", 60.0);
      case "page_load" -> b.with("loadMs", 850.0);
      case "session_ended" -> b.with("completed", true).with("tierUnlocked", "gold");
      default -> {}
    }
    return b;
  }

  /** A valid infra event of {@code kind} with every field that kind usually carries. */
  public static Builder infra(String kind) {
    Builder b = new Builder(EventStream.INFRA, null).kind(kind);
    switch (kind) {
      case "host" ->
          b.host("web-1")
              .with("cpuPct", 35.5)
              .with("memPct", 61.0)
              .with("diskFreePct", 40.0)
              .with("netInBytesPerSec", 125000.0)
              .with("netOutBytesPerSec", 250000.0);
      case "db_pool" ->
          b.service("api")
              .with("active", 5)
              .with("max", 20)
              .with("waiting", 0)
              .with("connected", true);
      case "health_check" ->
          b.with("target", "api")
              .with("url", "https://api.lightcat.example/health")
              .with("ok", true)
              .status(200)
              .latencyMs(120.0);
      case "heartbeat" -> b.service("api").host("web-1");
      case "db_query" ->
          b.service("api").with("durationMs", 12.5).with("fingerprint", "select-games");
      default -> {}
    }
    return b;
  }

  /** A mutable JSON event under construction; fields keep insertion order. */
  public static final class Builder {
    private final EventStream stream;
    private final String keyField;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(EventStream stream, String keyField) {
      this.stream = stream;
      this.keyField = keyField;
      at(DEFAULT_TIME);
    }

    public EventStream stream() {
      return stream;
    }

    /** Sets {@code field} to {@code value} (any JSON-serializable value, {@code null} included). */
    public Builder with(String field, Object value) {
      fields.put(field, value);
      return this;
    }

    /** Removes {@code field}, e.g. to test a missing required field or an absent {@code ts}. */
    public Builder without(String field) {
      fields.remove(field);
      return this;
    }

    /** {@code ts} as ISO-8601 text. */
    public Builder at(Instant time) {
      return with("ts", time.toString());
    }

    /** {@code ts} as epoch milliseconds. */
    public Builder atMillis(long epochMillis) {
      return with("ts", epochMillis);
    }

    public Builder kind(String kind) {
      return with("kind", kind);
    }

    public Builder service(String service) {
      return with("service", service);
    }

    public Builder route(String route) {
      return with("route", route);
    }

    public Builder status(int status) {
      return with("status", status);
    }

    public Builder latencyMs(double latencyMs) {
      return with("latencyMs", latencyMs);
    }

    public Builder invoiceId(String invoiceId) {
      return with("invoiceId", invoiceId);
    }

    public Builder host(String host) {
      return with("host", host);
    }

    /** The field value, or {@code null}. */
    public Object get(String field) {
      return fields.get(field);
    }

    /** The JSON text. */
    public String json() {
      try {
        return JSON.writeValueAsString(fields);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("field values must be JSON-serializable", e);
      }
    }

    /** The JSON as UTF-8 bytes, as a producer would send it. */
    public byte[] bytes() {
      return json().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The record key a producer would use: the stream's key field (service, invoiceId, sessionId;
     * host, service or target for infra), or {@code null} when absent.
     */
    public String key() {
      if (keyField != null) {
        return string(fields.get(keyField));
      }
      for (String candidate : new String[] {"host", "service", "target"}) {
        if (fields.get(candidate) != null) {
          return string(fields.get(candidate));
        }
      }
      return null;
    }

    /** A producer record to this stream's topic with {@link #key()} and {@link #bytes()}. */
    public ProducerRecord<byte[], byte[]> record(TopicNames topics) {
      String key = key();
      return new ProducerRecord<>(
          stream.topic(topics), key == null ? null : key.getBytes(StandardCharsets.UTF_8), bytes());
    }

    private static String string(Object value) {
      return value == null ? null : value.toString();
    }
  }
}
