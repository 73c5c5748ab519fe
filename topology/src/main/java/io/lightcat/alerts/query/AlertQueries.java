package io.lightcat.alerts.query;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.stream.EngineTopology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's part of the alert state ({@link EngineTopology#ALERT_STATE_STORE}), marked
 * with their acknowledgements ({@link Acknowledgements} over {@link
 * EngineTopology#ALERT_ACTIONS_STORE}, which every instance holds whole), and tells which instances
 * hold the other parts. Only active tasks answer (no stale standby reads), and only while Kafka
 * Streams is RUNNING: during a rebalance or restore the answer is {@link QueryResult.NotReady},
 * never a silently partial list.
 */
public final class AlertQueries implements AlertSource {
  /**
   * Newest change first: a resolved alert by when it ended, a firing one by when it started; then
   * by fingerprint, so equal times give one order on every instance.
   */
  public static final Comparator<Alert> NEWEST_FIRST =
      Comparator.comparing(AlertQueries::changedAt)
          .reversed()
          .thenComparing(Alert::fingerprint, Comparator.nullsLast(Comparator.naturalOrder()));

  private final KafkaStreams streams;

  public AlertQueries(KafkaStreams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  /** This instance's alerts matching {@code filter}, newest first. */
  @Override
  public QueryResult<List<Alert>> alerts(AlertFilter filter) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      return QueryResult.notReady("streams are " + state + ", not RUNNING");
    }
    try {
      ReadOnlyKeyValueStore<String, Alert> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  EngineTopology.ALERT_STATE_STORE, QueryableStoreTypes.keyValueStore()));
      ReadOnlyKeyValueStore<String, String> actions =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  EngineTopology.ALERT_ACTIONS_STORE, QueryableStoreTypes.keyValueStore()));
      return QueryResult.ready(read(store, new Acknowledgements(actions::get), filter));
    } catch (UnknownStateStoreException e) {
      throw new IllegalStateException("the topology has no alert-state or alert-actions store", e);
    } catch (InvalidStateStoreException e) {
      return QueryResult.notReady("alert state is migrating: " + e.getMessage());
    }
  }

  /** The alerts of {@code store} matching {@code filter}, acknowledged as {@code acks} say. */
  public static List<Alert> read(
      ReadOnlyKeyValueStore<String, Alert> store, Acknowledgements acks, AlertFilter filter) {
    List<Alert> found = new ArrayList<>();
    try (KeyValueIterator<String, Alert> it = store.all()) {
      it.forEachRemaining(
          kv -> {
            if (filter.matches(kv.value)) {
              found.add(acks.apply(kv.value));
            }
          });
    }
    found.sort(NEWEST_FIRST);
    return found;
  }

  /**
   * Every instance that holds a part of the alert state, this one included when it does. Not ready
   * while this instance is not RUNNING, since the assignment it knows may be outdated.
   */
  public QueryResult<List<HostInfo>> hosts() {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      return QueryResult.notReady("streams are " + state + ", not RUNNING");
    }
    Collection<StreamsMetadata> all =
        streams.streamsMetadataForStore(EngineTopology.ALERT_STATE_STORE);
    if (all.isEmpty()) {
      return QueryResult.notReady("no instance holds the alert state yet");
    }
    return QueryResult.ready(all.stream().map(StreamsMetadata::hostInfo).distinct().toList());
  }

  /** Merges the parts of several instances into one list, newest first. */
  public static List<Alert> merge(Collection<List<Alert>> parts) {
    List<Alert> all = new ArrayList<>();
    parts.forEach(all::addAll);
    all.sort(NEWEST_FIRST);
    return all;
  }

  private static Instant changedAt(Alert a) {
    String at = a.endsAt() != null ? a.endsAt() : a.startsAt();
    return at == null ? Instant.EPOCH : Instant.parse(at);
  }
}
