package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.lightcat.alerts.query.QueryResult;
import io.lightcat.alerts.query.SeriesQueries;
import io.lightcat.alerts.query.SeriesRequest;
import io.lightcat.alerts.rule.RuleBook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /api/series/{ruleId}?group=k=v&from=&to=}: one rule's measured value over time in one
 * group ({@link SeriesQueries}). The instance that owns the group answers from its store; any other
 * forwards the request to it ({@code GET /internal/series/{ruleId}}) and relays the answer. Unknown
 * rule 404, bad parameters 400, owner unknown or unreachable 503.
 */
public final class SeriesRoutes implements Routes {
  static final String LOCAL_PREFIX = "/internal/series/";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final SeriesQueries queries;
  private final RuleBook rules;
  private final HostInfo self;
  private final ApiAccess access;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** Asks the owner without a token. */
  public SeriesRoutes(SeriesQueries queries, RuleBook rules, HostInfo self) {
    this(queries, rules, self, ApiAccess.open());
  }

  /**
   * @param access the token sent to the owning instance, which checks it like any caller's
   */
  public SeriesRoutes(SeriesQueries queries, RuleBook rules, HostInfo self, ApiAccess access) {
    this.queries = Objects.requireNonNull(queries, "queries");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.self = Objects.requireNonNull(self, "self");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/series/{ruleId}", this::series);
    routes.get(LOCAL_PREFIX + "{ruleId}", ctx -> ctx.json(local(request(ctx))));
  }

  private SeriesRequest request(Context ctx) {
    return SeriesRequest.parse(
        rules.current(),
        ctx.pathParam("ruleId"),
        ctx.queryParams("group"),
        ctx.queryParam("from"),
        ctx.queryParam("to"));
  }

  private SeriesQueries.Series local(SeriesRequest request) {
    QueryResult<SeriesQueries.Series> series = queries.local(request);
    if (series instanceof QueryResult.NotReady<SeriesQueries.Series> notReady) {
      throw new NotReadyException(notReady.reason());
    }
    return ((QueryResult.Ready<SeriesQueries.Series>) series).value();
  }

  private void series(Context ctx) {
    SeriesRequest request = request(ctx);
    QueryResult<HostInfo> owner = queries.owner(request);
    if (owner instanceof QueryResult.NotReady<HostInfo> notReady) {
      throw new NotReadyException(notReady.reason());
    }
    HostInfo host = ((QueryResult.Ready<HostInfo>) owner).value();
    if (host.equals(self)) {
      ctx.json(local(request));
      return;
    }
    String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
    URI uri =
        URI.create(
            "http://"
                + host.host()
                + ":"
                + host.port()
                + LOCAL_PREFIX
                + encodePath(ctx.pathParam("ruleId"))
                + query);
    HttpResponse<String> answer;
    try {
      answer =
          client.send(
              access.authorize(HttpRequest.newBuilder(uri)).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new NotReadyException(
          "the owner "
              + host.host()
              + ":"
              + host.port()
              + " is unreachable: "
              + Unreachable.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotReadyException("interrupted while asking " + host.host() + ":" + host.port());
    }
    answer.headers().firstValue("Retry-After").ifPresent(v -> ctx.header("Retry-After", v));
    ctx.status(answer.statusCode()).contentType("application/json").result(answer.body());
  }

  private static String encodePath(String segment) {
    return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
