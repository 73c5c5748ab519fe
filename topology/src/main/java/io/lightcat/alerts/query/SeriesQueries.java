package io.lightcat.alerts.query;

import io.lightcat.alerts.rule.Rule;
import io.lightcat.alerts.rule.WindowEvaluator;
import io.lightcat.alerts.stream.EngineTopology;
import io.lightcat.alerts.stream.GroupState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A rule's measured value over time in one group, from the group's window in {@code rule-windows}.
 * One instance owns each group: {@link #owner} says which (Kafka Streams' {@code
 * queryMetadataForKey} on the group key), {@link #local} reads it there.
 *
 * <p>The series reaches back only as far as the group's retained buckets (the rule's window, or its
 * spike baseline): one point per bucket, the value the rule would measure over the window ending at
 * that bucket. Longer history is a later, separate store.
 */
public final class SeriesQueries {
  private final KafkaStreams streams;

  public SeriesQueries(KafkaStreams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  /** One point: when, and the value then (null where the measure is undefined, e.g. no events). */
  public record Point(String at, Double value) {}

  /** The {@code /api/series} answer. */
  public record Series(String rule, Map<String, String> group, List<Point> points) {}

  /** The instance that owns the request's group. */
  public QueryResult<HostInfo> owner(SeriesRequest request) {
    QueryResult<KeyQueryMetadata> md = metadata(request);
    if (md instanceof QueryResult.NotReady<KeyQueryMetadata> notReady) {
      return QueryResult.notReady(notReady.reason());
    }
    return QueryResult.ready(((QueryResult.Ready<KeyQueryMetadata>) md).value().activeHost());
  }

  /** Reads the series on this instance, which must own the group's partition. */
  public QueryResult<Series> local(SeriesRequest request) {
    QueryResult<KeyQueryMetadata> md = metadata(request);
    if (md instanceof QueryResult.NotReady<KeyQueryMetadata> notReady) {
      return QueryResult.notReady(notReady.reason());
    }
    int partition = ((QueryResult.Ready<KeyQueryMetadata>) md).value().partition();
    try {
      ReadOnlyKeyValueStore<String, GroupState> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                      EngineTopology.RULE_WINDOWS_STORE,
                      QueryableStoreTypes.<String, GroupState>keyValueStore())
                  .withPartition(partition));
      GroupState state = store.get(request.key().encode());
      return QueryResult.ready(
          new Series(
              request.rule().rule().publicId(),
              request.key().labels(),
              state == null ? List.of() : points(request, state)));
    } catch (InvalidStateStoreException e) {
      return QueryResult.notReady("the group's window is not here now: " + e.getMessage());
    }
  }

  private QueryResult<KeyQueryMetadata> metadata(SeriesRequest request) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return QueryResult.notReady("streams are " + streams.state() + ", not RUNNING");
    }
    KeyQueryMetadata md =
        streams.queryMetadataForKey(
            EngineTopology.RULE_WINDOWS_STORE,
            request.key().encode(),
            Serdes.String().serializer());
    if (md == null || md.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return QueryResult.notReady("the owner of the group is not known now");
    }
    return QueryResult.ready(md);
  }

  /** One point per retained bucket start within {@code [from, to]}. */
  static List<Point> points(SeriesRequest request, GroupState state) {
    Rule rule = request.rule().rule();
    long from = request.from().toEpochMilli();
    long to = request.to().toEpochMilli();
    List<Point> points = new ArrayList<>();
    for (long at : state.window().buckets().keySet()) {
      if (at < from || at > to) {
        continue;
      }
      double v = WindowEvaluator.evaluate(rule, state.window(), at, null).value();
      points.add(
          new Point(
              Instant.ofEpochMilli(at).toString(),
              Double.isNaN(v) || Double.isInfinite(v) ? null : v));
    }
    return points;
  }
}
