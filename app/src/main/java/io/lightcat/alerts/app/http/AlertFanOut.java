package io.lightcat.alerts.app.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.query.AlertFilter;
import io.lightcat.alerts.query.AlertQueries;
import io.lightcat.alerts.query.AlertSource;
import io.lightcat.alerts.query.QueryResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * All instances' alerts: this instance's part read locally, every other part fetched in parallel
 * from its instance's {@code GET /internal/alerts/local}, merged newest first.
 *
 * <p>All or nothing: when this instance's stores are not queryable, the assignment is unknown, or
 * any other instance does not answer 200, the result is not ready — a caller must not mistake a
 * rebalance for "fewer alerts".
 */
public final class AlertFanOut implements AlertSource {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final HostInfo self;
  private final AlertSource local;
  private final Supplier<QueryResult<List<HostInfo>>> hosts;
  private final ApiAccess access;
  private final HttpClient client;

  /** Asks peers without a token. */
  public AlertFanOut(
      HostInfo self, AlertSource local, Supplier<QueryResult<List<HostInfo>>> hosts) {
    this(self, local, hosts, ApiAccess.open());
  }

  /**
   * @param self this instance's {@code application.server}
   * @param local this instance's part
   * @param hosts the instances holding a part of the alert state, e.g. {@link AlertQueries#hosts}
   * @param access the token sent to peers, which check it like any caller's
   */
  public AlertFanOut(
      HostInfo self,
      AlertSource local,
      Supplier<QueryResult<List<HostInfo>>> hosts,
      ApiAccess access) {
    this.self = Objects.requireNonNull(self, "self");
    this.local = Objects.requireNonNull(local, "local");
    this.hosts = Objects.requireNonNull(hosts, "hosts");
    this.access = Objects.requireNonNull(access, "access");
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** The body peers answer, as read here. */
  record AlertList(List<Alert> alerts) {}

  @Override
  public QueryResult<List<Alert>> alerts(AlertFilter filter) {
    QueryResult<List<HostInfo>> owners = hosts.get();
    if (owners instanceof QueryResult.NotReady<List<HostInfo>> notReady) {
      return QueryResult.notReady(notReady.reason());
    }
    Map<HostInfo, CompletableFuture<QueryResult<List<Alert>>>> parts = new LinkedHashMap<>();
    boolean selfHoldsAPart = false;
    for (HostInfo host : ((QueryResult.Ready<List<HostInfo>>) owners).value()) {
      if (host.equals(self)) {
        selfHoldsAPart = true;
      } else {
        parts.put(host, fetch(host, filter));
      }
    }
    List<List<Alert>> found = new ArrayList<>();
    // An instance without tasks (more instances than partitions) has no store to read.
    if (selfHoldsAPart) {
      QueryResult<List<Alert>> mine = local.alerts(filter);
      if (mine instanceof QueryResult.NotReady<List<Alert>> notReady) {
        return notReady;
      }
      found.add(((QueryResult.Ready<List<Alert>>) mine).value());
    }
    for (var part : parts.entrySet()) {
      QueryResult<List<Alert>> theirs = part.getValue().join();
      if (theirs instanceof QueryResult.NotReady<List<Alert>> notReady) {
        return QueryResult.notReady(
            "instance "
                + part.getKey().host()
                + ":"
                + part.getKey().port()
                + ": "
                + notReady.reason());
      }
      found.add(((QueryResult.Ready<List<Alert>>) theirs).value());
    }
    return QueryResult.ready(AlertQueries.merge(found));
  }

  private CompletableFuture<QueryResult<List<Alert>>> fetch(HostInfo host, AlertFilter filter) {
    HttpRequest request =
        access.authorize(HttpRequest.newBuilder(uri(host, filter))).timeout(TIMEOUT).GET().build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                // the reason reaches REST answers: no exception class names there
                return QueryResult.notReady("unreachable: " + Unreachable.describe(cause));
              }
              if (response.statusCode() != 200) {
                return QueryResult.notReady("answered " + response.statusCode());
              }
              try {
                return QueryResult.ready(JSON.readValue(response.body(), AlertList.class).alerts());
              } catch (IOException e) {
                return QueryResult.notReady("answered an unreadable alert list: " + e.getMessage());
              }
            });
  }

  private static URI uri(HostInfo host, AlertFilter filter) {
    StringBuilder query = new StringBuilder();
    filter.status().ifPresent(s -> param(query, "status", s));
    filter.severity().ifPresent(s -> param(query, "severity", s.name()));
    filter.rule().ifPresent(r -> param(query, "rule", r));
    return URI.create("http://" + host.host() + ":" + host.port() + AlertRoutes.LOCAL_PATH + query);
  }

  private static void param(StringBuilder query, String name, String value) {
    query
        .append(query.isEmpty() ? '?' : '&')
        .append(name)
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
