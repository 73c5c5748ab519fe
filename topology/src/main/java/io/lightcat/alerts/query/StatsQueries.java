package io.lightcat.alerts.query;

import io.lightcat.alerts.stats.InfraReading;
import io.lightcat.alerts.stats.InvoiceState;
import io.lightcat.alerts.stats.SessionState;
import io.lightcat.alerts.stats.StatsKey;
import io.lightcat.alerts.stats.StatsTopology;
import io.lightcat.alerts.stats.Tally;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's part of the statistics ({@link StatsTopology#STORES}) as one {@link
 * StatsSnapshot}, and tells which instances hold the other parts. Like {@link AlertQueries}: only
 * active tasks answer, only while Kafka Streams is RUNNING, and during a rebalance or restore the
 * answer is {@link QueryResult.NotReady}, never a partial snapshot.
 *
 * <p>The statistics stores belong to three sub-topologies whose tasks may sit on different
 * instances, so this instance reads exactly the stores the assignment gives it a part of.
 */
public final class StatsQueries implements StatsSource {
  /** How long a session without an end counts as active (the session stage's timeout). */
  public static final Duration SESSION_TIMEOUT = Duration.ofHours(1);

  private final KafkaStreams streams;
  private final HostInfo self;

  /**
   * @param self this instance's {@code application.server}, as the assignment names it
   */
  public StatsQueries(KafkaStreams streams, HostInfo self) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.self = Objects.requireNonNull(self, "self");
  }

  /** This instance's part of the statistics for {@code window}. */
  @Override
  public QueryResult<StatsSnapshot> snapshot(StatsWindow window) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      return QueryResult.notReady("streams are " + state + ", not RUNNING");
    }
    StatsSnapshot snapshot;
    try {
      snapshot = snapshot(window, this::localStore);
    } catch (InvalidStateStoreException e) {
      return QueryResult.notReady("statistics are migrating: " + e.getMessage());
    }
    return QueryResult.ready(snapshot);
  }

  /**
   * The game sessions running at {@code at} in this instance's part: what {@code
   * lightcat_game_sessions_active} reports (summed over instances in PromQL).
   */
  public QueryResult<Long> activeSessions(Instant at) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      return QueryResult.notReady("streams are " + state + ", not RUNNING");
    }
    StatsSnapshot snapshot = new StatsSnapshot(new StatsWindow(at, StatsWindow.DEFAULT_WINDOW));
    try {
      read(
          localStore(StatsTopology.SESSIONS_STORE),
          (String k, SessionState st) -> snapshot.addSession(st, SESSION_TIMEOUT));
    } catch (InvalidStateStoreException e) {
      return QueryResult.notReady("statistics are migrating: " + e.getMessage());
    }
    return QueryResult.ready(snapshot.activeSessions());
  }

  /**
   * Every instance that holds a part of the statistics, this one included when it does. Not ready
   * while this instance is not RUNNING or some store has no owner yet.
   */
  public QueryResult<List<HostInfo>> hosts() {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      return QueryResult.notReady("streams are " + state + ", not RUNNING");
    }
    Set<HostInfo> all = new LinkedHashSet<>();
    for (String store : StatsTopology.STORES) {
      Collection<StreamsMetadata> owners = streams.streamsMetadataForStore(store);
      if (owners.isEmpty()) {
        return QueryResult.notReady("no instance holds " + store + " yet");
      }
      owners.forEach(m -> all.add(m.hostInfo()));
    }
    return QueryResult.ready(new ArrayList<>(all));
  }

  /** Where a snapshot reads the statistics stores from. */
  @FunctionalInterface
  public interface StoreLookup {
    /** The store called {@code name}, or null when this reader holds no part of it. */
    <V> ReadOnlyKeyValueStore<String, V> store(String name);
  }

  /** Reads every statistics store {@code stores} holds into one snapshot for {@code window}. */
  public static StatsSnapshot snapshot(StatsWindow window, StoreLookup stores) {
    StatsSnapshot snapshot = new StatsSnapshot(window);
    StoreLookup lookup = stores;
    read(
        lookup.store(StatsTopology.BUCKETS_STORE),
        (String k, Tally t) -> snapshot.addBucket(StatsKey.decodeStored(k), t));
    read(
        lookup.store(StatsTopology.PAYMENT_BUCKETS_STORE),
        (String k, Tally t) -> snapshot.addBucket(StatsKey.decodeStored(k), t));
    read(
        lookup.store(StatsTopology.LATEST_STORE),
        (String k, InfraReading r) -> snapshot.addReading(r));
    read(
        lookup.store(StatsTopology.INVOICES_STORE),
        (String k, InvoiceState i) -> snapshot.addInvoice(i));
    read(
        lookup.store(StatsTopology.SESSIONS_STORE),
        (String k, SessionState st) -> snapshot.addSession(st, SESSION_TIMEOUT));
    return snapshot;
  }

  private static <V> void read(ReadOnlyKeyValueStore<String, V> store, BiConsumer<String, V> into) {
    if (store == null) {
      return;
    }
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(e -> into.accept(e.key, e.value));
    }
  }

  /** The active local part of {@code store}, or null when the assignment gives this none. */
  private <V> ReadOnlyKeyValueStore<String, V> localStore(String store) {
    boolean mine =
        streams.streamsMetadataForStore(store).stream().anyMatch(m -> m.hostInfo().equals(self));
    if (!mine) {
      return null;
    }
    return streams.store(
        StoreQueryParameters.fromNameAndType(
            store, QueryableStoreTypes.<String, V>keyValueStore()));
  }
}
