package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.lightcat.alerts.query.RuleView;
import io.lightcat.alerts.rule.InvalidRulesException;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleDefinitionReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule endpoints.
 *
 * <ul>
 *   <li>{@code GET /api/rules} ({@code {"rules": [...]}}) and {@code GET /api/rules/{id}}: the
 *       rules in force, read from the {@link RuleBook} per request so a rule change shows at once;
 *       an unknown id is 404. Every instance holds the whole rule set, so no fan-out is needed.
 *   <li>{@code POST /api/rules}, body: one rule (YAML or JSON mapping) or a rule file (a list):
 *       validated, then published to the rules topic (only rules whose version changed); 400 with
 *       every problem as {@code body:line: message}; 200 with {@code {"rules": [{"id", "change",
 *       "version", "applied"}]}} once this instance applied it, 202 when it has not yet.
 *   <li>{@code DELETE /api/rules/{id}}: publishes the deletion; 404 for a rule not in force.
 * </ul>
 *
 * Writes require the bearer token when one is configured.
 */
public final class RuleRoutes implements Routes {
  /** How problems name the request body: {@code body:3: unknown field 'windw'}. */
  static final String BODY = "body";

  private final RuleBook rules;
  private final Optional<RuleWrites> writes;
  private final BearerAuth auth;

  /** Read-only routes: no POST or DELETE. */
  public RuleRoutes(RuleBook rules) {
    this(rules, Optional.empty(), BearerAuth.open());
  }

  public RuleRoutes(RuleBook rules, RuleWrites writes, BearerAuth auth) {
    this(rules, Optional.of(writes), auth);
  }

  private RuleRoutes(RuleBook rules, Optional<RuleWrites> writes, BearerAuth auth) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.writes = writes;
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  /** The {@code /api/rules} answer. */
  public record RuleList(List<RuleView> rules) {}

  /** The answer to a write. */
  public record WriteList(List<RuleWrites.Result> rules) {}

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/rules", ctx -> ctx.json(new RuleList(RuleView.all(rules.current()))));
    routes.get(
        "/api/rules/{id}",
        ctx -> {
          String id = ctx.pathParam("id");
          ctx.json(
              RuleView.find(rules.current(), id)
                  .orElseThrow(() -> new NotFoundResponse("no rule with id " + id)));
        });
    writes.ifPresent(
        w -> {
          routes.post("/api/rules", ctx -> publish(ctx, w));
          routes.delete("/api/rules/{id}", ctx -> delete(ctx, w));
        });
  }

  private void publish(Context ctx, RuleWrites w) {
    auth.require(ctx);
    String body = ctx.body();
    if (body.isBlank()) {
      throw new BadRequestResponse("the body must be a rule in YAML or JSON");
    }
    RuleDefinitionReader.Result read = new RuleDefinitionReader().read(Map.of(BODY, body));
    if (!read.ok()) {
      throw new InvalidRulesException(read.problems());
    }
    if (!read.redact().isEmpty()) {
      throw new BadRequestResponse(
          "redact lists are engine configuration, read from the rule files at start; send rules"
              + " only");
    }
    if (read.definitions().isEmpty()) {
      throw new BadRequestResponse("the body holds no rule");
    }
    answer(ctx, w.apply(read.definitions()));
  }

  private void delete(Context ctx, RuleWrites w) {
    auth.require(ctx);
    String id = ctx.pathParam("id");
    RuleWrites.Result deleted =
        w.delete(id).orElseThrow(() -> new NotFoundResponse("no rule with id " + id));
    answer(ctx, List.of(deleted));
  }

  private static void answer(Context ctx, List<RuleWrites.Result> results) {
    boolean applied = results.stream().allMatch(RuleWrites.Result::applied);
    ctx.status(applied ? HttpStatus.OK : HttpStatus.ACCEPTED).json(new WriteList(results));
  }
}
