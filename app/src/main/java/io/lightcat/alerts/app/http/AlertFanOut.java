package io.lightcat.alerts.app.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.query.AlertFilter;
import io.lightcat.alerts.query.AlertQueries;
import io.lightcat.alerts.query.AlertSource;
import io.lightcat.alerts.query.QueryResult;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * All instances' alerts ({@link FanOut}): this instance's part read locally, every other part from
 * its instance's {@code GET /internal/alerts/local}, merged newest first. Not ready unless every
 * part can be read.
 */
public final class AlertFanOut implements AlertSource {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final FanOut<AlertFilter, List<Alert>> fanOut;

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
    this.fanOut =
        new FanOut<>(
            self,
            local::alerts,
            hosts,
            AlertFanOut::uri,
            body -> JSON.readValue(body, AlertList.class).alerts(),
            AlertQueries::merge,
            access);
  }

  /** The body peers answer, as read here. */
  record AlertList(List<Alert> alerts) {}

  @Override
  public QueryResult<List<Alert>> alerts(AlertFilter filter) {
    return fanOut.query(filter);
  }

  private static URI uri(HostInfo host, AlertFilter filter) {
    StringBuilder query = new StringBuilder();
    filter.status().ifPresent(s -> param(query, "status", s));
    filter.severity().ifPresent(s -> param(query, "severity", s.name()));
    filter.rule().ifPresent(r -> param(query, "rule", r));
    return FanOut.uri(host, AlertRoutes.LOCAL_PATH + query);
  }

  private static void param(StringBuilder query, String name, String value) {
    query
        .append(query.isEmpty() ? '?' : '&')
        .append(name)
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
