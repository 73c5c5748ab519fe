package io.lightcat.alerts.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.lightcat.alerts.notify.LabelMatcher;
import io.lightcat.alerts.notify.silence.Silence;
import io.lightcat.alerts.notify.silence.SilenceRecords;
import io.lightcat.alerts.rule.Durations;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The silence endpoints (an addition to CONTRACT section 5).
 *
 * <ul>
 *   <li>{@code POST /api/silences}, body {@code {"matchers": ["service=\"api\"", ...], "endsAt":
 *       ISO-8601 | "duration": "2h", "startsAt": optional (default now), "createdBy": optional,
 *       "comment": optional, "id": optional (to replace a silence, e.g. to end it early)}}: writes
 *       a {@code silence} action to {@code alert-actions} and answers 201 with the silence; 401
 *       without the bearer token when one is configured, 400 for a bad body.
 *   <li>{@code GET /api/silences}: {@code {"silences": [...]}}, each with {@code status} {@code
 *       pending} | {@code active} | {@code expired}, latest end first.
 * </ul>
 */
public final class SilenceRoutes implements Routes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_TEXT = 1000;

  private final AlertSilences silences;
  private final BearerAuth auth;
  private final Clock clock;

  public SilenceRoutes(AlertSilences silences, BearerAuth auth, Clock clock) {
    this.silences = Objects.requireNonNull(silences, "silences");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/silences", this::list);
    routes.post("/api/silences", this::create);
  }

  private void list(Context ctx) {
    Instant now = clock.instant();
    List<ObjectNode> out = new ArrayList<>();
    for (Silence s : silences.all()) {
      out.add(view(s, now));
    }
    ObjectNode body = JSON.createObjectNode();
    body.putArray("silences").addAll(out);
    ctx.json(body);
  }

  private void create(Context ctx) {
    auth.require(ctx);
    Instant now = clock.instant();
    Silence silence = parse(ctx.body(), now);
    silences.publish(silence);
    ctx.status(HttpStatus.CREATED).json(view(silence, now));
  }

  private static ObjectNode view(Silence s, Instant now) {
    ObjectNode node = SilenceRecords.toJson(s);
    node.remove("action");
    node.put("status", s.state(now).name());
    return node;
  }

  /** The body as a silence, or a 400 naming what is wrong. */
  static Silence parse(String body, Instant now) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw new BadRequestResponse("the body must be a JSON object");
    }
    if (node == null || !node.isObject()) {
      throw new BadRequestResponse(
          "the body must be a JSON object such as {\"matchers\": [\"service=api\"],"
              + " \"duration\": \"2h\"}");
    }
    JsonNode ms = node.get("matchers");
    if (ms == null || !ms.isArray() || ms.isEmpty()) {
      throw new BadRequestResponse("matchers must be a non-empty list such as [\"service=api\"]");
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    for (JsonNode m : ms) {
      if (!m.isTextual()) {
        throw new BadRequestResponse("each matcher must be a string such as \"service=api\"");
      }
      try {
        matchers.add(LabelMatcher.parse(m.asText()));
      } catch (IllegalArgumentException e) {
        throw new BadRequestResponse(e.getMessage());
      }
    }
    Instant startsAt = node.hasNonNull("startsAt") ? instant(node, "startsAt") : now;
    Instant endsAt;
    if (node.hasNonNull("endsAt") && node.hasNonNull("duration")) {
      throw new BadRequestResponse("give endsAt or duration, not both");
    } else if (node.hasNonNull("endsAt")) {
      endsAt = instant(node, "endsAt");
    } else if (node.hasNonNull("duration")) {
      endsAt = startsAt.plus(duration(node.get("duration").asText()));
    } else {
      throw new BadRequestResponse("endsAt or duration is required");
    }
    if (!endsAt.isAfter(startsAt)) {
      throw new BadRequestResponse("endsAt must be after startsAt");
    }
    String id = node.hasNonNull("id") ? node.get("id").asText() : UUID.randomUUID().toString();
    if (!ID.matcher(id).matches()) {
      throw new BadRequestResponse("id must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return new Silence(
        id, matchers, startsAt, endsAt, text(node, "createdBy", "api"), text(node, "comment", ""));
  }

  private static Instant instant(JsonNode node, String field) {
    try {
      return Instant.parse(node.get(field).asText());
    } catch (DateTimeParseException e) {
      throw new BadRequestResponse(
          field + " must be an ISO-8601 instant such as 2026-12-01T22:00:00Z");
    }
  }

  private static Duration duration(String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new BadRequestResponse("duration must be positive");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("duration must be like 30m, 2h or 1d: " + text);
    }
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual() || v.asText().length() > MAX_TEXT) {
      throw new BadRequestResponse(field + " must be a string of at most 1000 characters");
    }
    return v.asText().strip();
  }
}
