package io.lightcat.alerts.app.fault;

import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.testing.Events;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Malformed input of every kind the engine must dead-letter, keyed {@code poison-<kind>} so each
 * can be found in {@code events.dlq}. The value of the map is a phrase the dead-letter reason must
 * contain ({@code ""} where any clear reason will do).
 */
final class PoisonRecords {
  private final TopicNames topics;
  private final Map<String, ProducerRecord<byte[], byte[]>> records = new LinkedHashMap<>();
  private final Map<String, String> reasons = new LinkedHashMap<>();

  PoisonRecords(TopicNames topics) {
    this.topics = topics;
    raw("not-json", "hello, world", "not valid JSON");
    raw("truncated", "{\"ts\":\"2026-11-28T00:00:00Z\",\"service\":\"a\"", "not valid JSON");
    raw("top-level-array", "[1, 2, 3]", "");
    raw("top-level-string", "\"just a string\"", "");
    raw("empty-bytes", "", "empty");
    records.put(
        "tombstone", new ProducerRecord<>(topics.requests(), key("tombstone"), (byte[]) null));
    reasons.put("tombstone", "empty");
    event("missing-field", Events.request().without("status"), "missing required field 'status'");
    event("wrong-type", Events.request().with("status", "teapot"), "");
    event("fractional-integer", Events.request().with("status", 200.5), "");
    raw(
        "nan-literal",
        "{\"ts\":\"2026-11-28T00:00:00Z\",\"service\":\"a\",\"route\":\"/\",\"status\":200,"
            + "\"latencyMs\":NaN}",
        "");
    raw(
        "overflowing-number",
        "{\"ts\":\"2026-11-28T00:00:00Z\",\"service\":\"a\",\"route\":\"/\",\"status\":200,"
            + "\"latencyMs\":1e999}",
        "");
    raw("too-deep", "{\"x\":" + "[".repeat(200) + "]".repeat(200) + "}", "");
    event("huge-string", Events.request().with("service", "s".repeat(70_000)), "");
    raw(
        "duplicate-keys",
        "{\"ts\":\"2026-11-28T00:00:00Z\",\"service\":\"a\",\"service\":\"b\",\"route\":\"/\","
            + "\"status\":200,\"latencyMs\":1}",
        "");
    raw(
        "trailing-tokens",
        "{\"ts\":\"2026-11-28T00:00:00Z\",\"service\":\"a\",\"route\":\"/\",\"status\":200,"
            + "\"latencyMs\":1} {}",
        "");
    bytes(
        "invalid-utf8",
        concat(
            "{\"ts\":\"2026-11-28T00:00:00Z\",\"service\":\"",
            new byte[] {(byte) 0xff, (byte) 0xfe},
            "\",\"route\":\"/\",\"status\":200,\"latencyMs\":1}"),
        "");
    event("bad-timestamp", Events.request().with("ts", "yesterday"), "");
    records.put(
        "out-of-range",
        withKey("out-of-range", Events.infra("host").with("cpuPct", 180).record(topics)));
    reasons.put("out-of-range", "'cpuPct' must be a number from 0 to 100");
    records.put("unknown-kind", withKey("unknown-kind", Events.payment("refund").record(topics)));
    reasons.put("unknown-kind", "unknown payment kind 'refund'");
  }

  /** Every poison record, in a fixed order. */
  List<ProducerRecord<byte[], byte[]>> all() {
    return new ArrayList<>(records.values());
  }

  /** Kind → phrase its dead-letter reason must contain. */
  Map<String, String> expectedReasons() {
    return reasons;
  }

  static String kindOf(byte[] key) {
    String k = key == null ? "" : new String(key, StandardCharsets.UTF_8);
    return k.startsWith("poison-") ? k.substring("poison-".length()) : "";
  }

  private void raw(String kind, String json, String reason) {
    bytes(kind, json.getBytes(StandardCharsets.UTF_8), reason);
  }

  private void bytes(String kind, byte[] value, String reason) {
    records.put(kind, new ProducerRecord<>(topics.requests(), key(kind), value));
    reasons.put(kind, reason);
  }

  private void event(String kind, Events.Builder event, String reason) {
    records.put(kind, withKey(kind, event.record(topics)));
    reasons.put(kind, reason);
  }

  private static ProducerRecord<byte[], byte[]> withKey(
      String kind, ProducerRecord<byte[], byte[]> r) {
    return new ProducerRecord<>(r.topic(), null, r.timestamp(), key(kind), r.value());
  }

  private static byte[] key(String kind) {
    return ("poison-" + kind).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[h.length + middle.length + t.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(middle, 0, out, h.length, middle.length);
    System.arraycopy(t, 0, out, h.length + middle.length, t.length);
    return out;
  }
}
