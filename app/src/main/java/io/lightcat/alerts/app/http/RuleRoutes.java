package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.NotFoundResponse;
import io.lightcat.alerts.query.RuleView;
import io.lightcat.alerts.rule.RuleBook;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/rules} ({@code {"rules": [...]}}) and {@code GET /api/rules/{id}}: the rules in
 * force, read from the {@link RuleBook} per request so a rule change shows at once; an unknown id
 * is 404. Every instance holds the whole rule set, so no fan-out is needed.
 */
public final class RuleRoutes implements Routes {
  private final RuleBook rules;

  public RuleRoutes(RuleBook rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** The {@code /api/rules} answer. */
  public record RuleList(List<RuleView> rules) {}

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
  }
}
