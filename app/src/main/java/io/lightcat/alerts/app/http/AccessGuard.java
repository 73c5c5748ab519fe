package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the bearer token before any endpoint runs, for every path, so routes added later are
 * covered without doing anything: every request but a read ({@code GET}, {@code HEAD}) or a CORS
 * preflight ({@code OPTIONS}) needs the token when one is configured; with {@link
 * ApiAccess#readsNeedToken()} reads need it too, except {@link #OPEN_PATHS}.
 *
 * <p>It fails closed: a path it does not know needs the token, so an unknown path or a wrong method
 * without the token is 401, not 404 or 405. The write endpoints check the token again themselves.
 */
final class AccessGuard implements Routes {
  /** Liveness, readiness and the Prometheus scrape: open to probes and scrapers. */
  static final Set<String> OPEN_PATHS = Set.of("/health", "/ready", "/metrics");

  private final BearerAuth auth;
  private final boolean readsNeedToken;

  AccessGuard(ApiAccess access) {
    Objects.requireNonNull(access, "access");
    this.auth = access.bearerAuth();
    this.readsNeedToken = access.readsNeedToken();
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.before(this::check);
  }

  private void check(Context ctx) {
    HandlerType method = ctx.method();
    if (HandlerType.OPTIONS.equals(method)) {
      return; // a browser's preflight never carries credentials and answers no data
    }
    boolean read = HandlerType.GET.equals(method) || HandlerType.HEAD.equals(method);
    if (read && (!readsNeedToken || OPEN_PATHS.contains(ctx.path()))) {
      return;
    }
    auth.require(ctx);
  }
}
