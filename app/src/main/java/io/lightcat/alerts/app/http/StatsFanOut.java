package io.lightcat.alerts.app.http;

import io.lightcat.alerts.query.QueryResult;
import io.lightcat.alerts.query.StatsQueries;
import io.lightcat.alerts.query.StatsSnapshot;
import io.lightcat.alerts.query.StatsSource;
import io.lightcat.alerts.query.StatsWindow;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * All instances' statistics ({@link FanOut}): this instance's snapshot read locally, every other
 * instance's from its {@code GET /internal/stats/local} (binary, for the same instant and window),
 * merged. Not ready unless every part can be read.
 */
public final class StatsFanOut implements StatsSource {
  private final FanOut<StatsWindow, StatsSnapshot> fanOut;

  /** Asks peers without a token. */
  public StatsFanOut(
      HostInfo self, StatsSource local, Supplier<QueryResult<List<HostInfo>>> hosts) {
    this(self, local, hosts, ApiAccess.open());
  }

  /**
   * @param self this instance's {@code application.server}
   * @param local this instance's part
   * @param hosts the instances holding a part of the statistics, e.g. {@link StatsQueries#hosts}
   * @param access the token sent to peers, which check it like any caller's
   */
  public StatsFanOut(
      HostInfo self,
      StatsSource local,
      Supplier<QueryResult<List<HostInfo>>> hosts,
      ApiAccess access) {
    this.fanOut =
        new FanOut<>(
            self,
            local::snapshot,
            hosts,
            StatsFanOut::uri,
            StatsSnapshot::fromBytes,
            StatsFanOut::merge,
            access);
  }

  @Override
  public QueryResult<StatsSnapshot> snapshot(StatsWindow window) {
    return fanOut.query(window);
  }

  private static URI uri(HostInfo host, StatsWindow window) {
    return FanOut.uri(
        host,
        StatsRoutes.LOCAL_PATH
            + "?at="
            + window.at()
            + "&window="
            + window.window().toMinutes()
            + "m");
  }

  private static StatsSnapshot merge(List<StatsSnapshot> parts) {
    if (parts.isEmpty()) {
      throw new IllegalStateException("no instance holds statistics"); // hosts() is never empty
    }
    StatsSnapshot all = parts.get(0);
    parts.subList(1, parts.size()).forEach(all::merge);
    return all;
  }
}
