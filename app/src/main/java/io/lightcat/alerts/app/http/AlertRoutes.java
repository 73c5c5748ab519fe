package io.lightcat.alerts.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.lifecycle.AlertAction;
import io.lightcat.alerts.query.AlertFilter;
import io.lightcat.alerts.query.AlertSource;
import io.lightcat.alerts.query.QueryResult;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The alert endpoints.
 *
 * <ul>
 *   <li>{@code GET /api/alerts?status=&severity=&rule=}: {@code {"alerts": [...]}}, the current
 *       state of every instance's alerts, newest first; 503 with {@code Retry-After} when any part
 *       cannot be read now.
 *   <li>{@code GET /internal/alerts/local} (same parameters): this instance's part only, what the
 *       other instances ask for when they fan out.
 *   <li>{@code POST /api/alerts/{fingerprint}/ack}, optional body {@code {"by": "who"}}: writes an
 *       {@code ack} action for the alert's current episode to {@code alert-actions} and answers 202
 *       with it; 401 without the bearer token when one is configured, 404 for an unknown
 *       fingerprint, 409 for a resolved alert. The notifier stops escalating on it, and the
 *       engine's queries show the alert as {@code acknowledged} once they have read it.
 * </ul>
 */
public final class AlertRoutes implements Routes {
  static final String LOCAL_PATH = "/internal/alerts/local";
  private static final int MAX_BY_LENGTH = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertSource cluster;
  private final AlertSource local;
  private final AlertActions actions;
  private final BearerAuth auth;
  private final Clock clock;

  /**
   * @param cluster every instance's alerts (this one's and the others')
   * @param local this instance's alerts only
   */
  public AlertRoutes(
      AlertSource cluster, AlertSource local, AlertActions actions, BearerAuth auth, Clock clock) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.local = Objects.requireNonNull(local, "local");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The {@code /api/alerts} answer. */
  public record AlertList(List<Alert> alerts) {}

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/alerts", ctx -> ctx.json(new AlertList(read(cluster, filter(ctx)))));
    routes.get(LOCAL_PATH, ctx -> ctx.json(new AlertList(read(local, filter(ctx)))));
    routes.post("/api/alerts/{fingerprint}/ack", this::ack);
  }

  private static AlertFilter filter(Context ctx) {
    return AlertFilter.parse(
        ctx.queryParam("status"), ctx.queryParam("severity"), ctx.queryParam("rule"));
  }

  private static List<Alert> read(AlertSource source, AlertFilter filter) {
    QueryResult<List<Alert>> result = source.alerts(filter);
    if (result instanceof QueryResult.Ready<List<Alert>> ready) {
      return ready.value();
    }
    throw new NotReadyException(((QueryResult.NotReady<List<Alert>>) result).reason());
  }

  private void ack(Context ctx) {
    auth.require(ctx);
    String fingerprint = ctx.pathParam("fingerprint");
    String by = actor(ctx.body());
    // Any instance may be asked, so the fingerprint is looked up across all of them.
    Alert alert =
        read(cluster, AlertFilter.ALL).stream()
            .filter(a -> fingerprint.equals(a.fingerprint()))
            .findFirst()
            .orElseThrow(() -> new NotFoundResponse("no alert with fingerprint " + fingerprint));
    if (!alert.firing()) {
      throw new ConflictResponse("alert " + fingerprint + " is resolved; nothing to acknowledge");
    }
    AlertAction action = AlertAction.ack(alert, by, clock.instant());
    actions.publish(action);
    ctx.status(HttpStatus.ACCEPTED).json(action);
  }

  /** Who acknowledges: the body's {@code by}, or {@code api} without a body. */
  private static String actor(String body) {
    if (body == null || body.isBlank()) {
      return "api";
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new BadRequestResponse("the body must be a JSON object such as {\"by\": \"alice\"}");
    }
    if (node == null || !node.isObject()) {
      throw new BadRequestResponse("the body must be a JSON object such as {\"by\": \"alice\"}");
    }
    JsonNode by = node.get("by");
    if (by == null || by.isNull()) {
      return "api";
    }
    if (!by.isTextual() || by.asText().isBlank() || by.asText().length() > MAX_BY_LENGTH) {
      throw new BadRequestResponse("by must be a non-blank string of at most 200 characters");
    }
    return by.asText().strip();
  }
}
