package io.lightcat.alerts.notify.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightcat.alerts.notify.LabelMatcher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Silences as records of the {@code alert-actions} topic: key {@code silence:<id>}, value {@code
 * {"action":"silence", "id", "matchers": ["name=\"value\"", ...], "startsAt", "endsAt",
 * "createdBy", "comment", "at"}} (times ISO-8601 UTC). The topic is compacted, so the latest
 * version of each silence stays.
 */
public final class SilenceRecords {
  /** The {@code action} of a silence record. */
  public static final String ACTION = "silence";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SilenceRecords() {}

  public static String key(Silence s) {
    return ACTION + ":" + s.id();
  }

  /** The record value for {@code s}, written at {@code at}. */
  public static String value(Silence s, Instant at) {
    return toJson(s).put("at", at.toString()).toString();
  }

  /** {@code s} as a JSON object (no {@code at}). */
  public static ObjectNode toJson(Silence s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("action", ACTION);
    node.put("id", s.id());
    ArrayNode matchers = node.putArray("matchers");
    s.matchers().forEach(m -> matchers.add(m.toString()));
    node.put("startsAt", s.startsAt().toString());
    node.put("endsAt", s.endsAt().toString());
    node.put("createdBy", s.createdBy());
    node.put("comment", s.comment());
    return node;
  }

  /** Whether an action record's value is a silence. */
  public static boolean isSilence(JsonNode value) {
    return value != null && ACTION.equals(value.path("action").asText());
  }

  /**
   * Reads a silence record's value.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static Silence parse(JsonNode v) {
    String id = text(v, "id");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("silence without id");
    }
    JsonNode ms = v.get("matchers");
    if (ms == null || !ms.isArray()) {
      throw new IllegalArgumentException("silence " + id + ": matchers must be a list");
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    for (JsonNode m : ms) {
      matchers.add(LabelMatcher.parse(m.asText()));
    }
    return new Silence(
        id,
        matchers,
        instant(v, "startsAt", id),
        instant(v, "endsAt", id),
        text(v, "createdBy"),
        text(v, "comment"));
  }

  public static Silence parse(byte[] value) {
    try {
      return parse(JSON.readTree(new String(value, StandardCharsets.UTF_8)));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("silence record is not JSON");
    }
  }

  private static Instant instant(JsonNode v, String field, String id) {
    String t = text(v, field);
    if (t == null) {
      throw new IllegalArgumentException("silence " + id + ": missing " + field);
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "silence " + id + ": " + field + " is not an ISO-8601 instant: " + t);
    }
  }

  private static String text(JsonNode v, String field) {
    JsonNode n = v.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
