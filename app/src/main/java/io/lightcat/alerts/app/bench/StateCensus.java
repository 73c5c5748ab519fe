package io.lightcat.alerts.app.bench;

import io.lightcat.alerts.rule.Aggregate;
import io.lightcat.alerts.stream.EngineTopology;
import io.lightcat.alerts.stream.GroupState;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Counts the engine's per-group state through interactive queries: the entries of {@link
 * EngineTopology#RULE_WINDOWS_STORE} on this instance and their serialised size — key and {@link
 * GroupState} bytes, which is what the in-memory store holds on the heap for each entry (plus the
 * map's own overhead) and what its changelog topic holds on the broker.
 *
 * @param entries (rule, group) states, one per client IP for a per-IP rule
 * @param events the events the states' window buckets have counted: when it equals the backlog,
 *     every partial has come through the repartition topic
 * @param bytes serialised keys and values
 */
record StateCensus(long entries, long events, long bytes) {

  /**
   * Takes the census of a running application.
   *
   * @throws InvalidStateStoreException when the store is not queryable now (rebalancing); retry
   */
  static StateCensus of(KafkaStreams streams) {
    ReadOnlyKeyValueStore<String, GroupState> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                EngineTopology.RULE_WINDOWS_STORE,
                QueryableStoreTypes.<String, GroupState>keyValueStore()));
    long entries = 0;
    long events = 0;
    long bytes = 0;
    try (KeyValueIterator<String, GroupState> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, GroupState> kv = it.next();
        entries++;
        for (Aggregate bucket : kv.value.window().buckets().values()) {
          events += bucket.count();
        }
        bytes += kv.key.getBytes(StandardCharsets.UTF_8).length + kv.value.toBytes().length;
      }
    }
    return new StateCensus(entries, events, bytes);
  }
}
