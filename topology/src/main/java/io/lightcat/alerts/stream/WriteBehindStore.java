package io.lightcat.alerts.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A changelogged store of live, mutable values that are written to the changelog only when the task
 * commits — once per changed key and commit — instead of being serialised on every change.
 *
 * <p>The first rule stage merges every matching event into a pending partial and ships the partials
 * every flush interval. Putting the partial into an ordinary changelogged store on every event (to
 * keep exactly-once) re-serialised it each time — sketches, evidence ids and all — and was a third
 * of the full pack's processing time. Here a change only marks the key; the values reach the
 * changelogged store underneath just before Kafka Streams flushes its producer for the commit, in
 * the same transaction as the input offsets they account for. Entries added and removed between two
 * commits (a partial shipped within the interval) never reach the changelog at all.
 *
 * <p>The hook is Kafka Streams' cache flush: before every commit (and before a task is suspended or
 * closed cleanly) the state manager flushes the caches of stores implementing {@link
 * CachedStateStore}, before it flushes the producer and commits. That interface is internal to
 * Kafka Streams; {@code WriteBehindStoreTest} holds this store to the contract on a real commit
 * cycle (through {@code TopologyTestDriver}, which runs Kafka Streams' own task code), so an
 * upgrade that moves the hook fails the build instead of losing partials.
 *
 * <p>Only the stream thread that owns the task uses it; it is not queryable.
 */
final class WriteBehindStore<V> implements StateStore, CachedStateStore<String, V> {
  private final KeyValueStore<String, V> durable;

  /** Every entry, as live objects; loaded from {@link #durable} on first use after a restore. */
  private final Map<String, V> live = new HashMap<>();

  /** Keys whose durable copy is stale: changed or removed since the last commit. */
  private final Set<String> changed = new HashSet<>();

  /** Keys the durable store holds, so removing an entry it never saw writes no tombstone. */
  private final Set<String> persisted = new HashSet<>();

  private boolean loaded;

  private WriteBehindStore(KeyValueStore<String, V> durable) {
    this.durable = durable;
  }

  /** A builder for a store named {@code name}, its values serialised with {@code valueSerde}. */
  static <V> StoreBuilder<WriteBehindStore<V>> builder(String name, Serde<V> valueSerde) {
    return new Builder<>(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), valueSerde)
            .withCachingDisabled());
  }

  /** The live value of {@code key}, or null; a caller may change it and then {@link #put} it. */
  V get(String key) {
    load();
    return live.get(key);
  }

  void put(String key, V value) {
    load();
    live.put(key, value);
    changed.add(key);
  }

  void delete(String key) {
    load();
    if (live.remove(key) != null) {
      changed.add(key);
    }
  }

  /** A snapshot of every entry; the store may be changed while the caller walks it. */
  List<KeyValue<String, V>> all() {
    load();
    List<KeyValue<String, V>> entries = new ArrayList<>(live.size());
    live.forEach((k, v) -> entries.add(KeyValue.pair(k, v)));
    return entries;
  }

  private void load() {
    if (loaded) {
      return;
    }
    try (KeyValueIterator<String, V> it = durable.all()) {
      it.forEachRemaining(
          kv -> {
            live.put(kv.key, kv.value);
            persisted.add(kv.key);
          });
    }
    loaded = true;
  }

  /** Writes what changed since the last commit to the changelogged store. Runs before a commit. */
  @Override
  public void flushCache() {
    for (String key : changed) {
      V value = live.get(key);
      if (value != null) {
        durable.put(key, value);
        persisted.add(key);
      } else if (persisted.remove(key)) {
        durable.delete(key);
      }
    }
    changed.clear();
  }

  /**
   * Forgets what was not committed (a task closed dirty, its transaction aborted): the next use
   * reads the durable store again.
   */
  @Override
  public void clearCache() {
    live.clear();
    changed.clear();
    persisted.clear();
    loaded = false;
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
    return false; // nothing downstream listens to this store
  }

  @Override
  public String name() {
    return durable.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    durable.init(context, root);
  }

  @Override
  public void flush() {
    durable.flush();
  }

  @Override
  public void close() {
    durable.close();
  }

  @Override
  public boolean persistent() {
    return durable.persistent();
  }

  @Override
  public boolean isOpen() {
    return durable.isOpen();
  }

  @Override
  public Position getPosition() {
    return durable.getPosition();
  }

  /** Builds the store around a changelogged in-memory store; caching is this store's own. */
  private static final class Builder<V> implements StoreBuilder<WriteBehindStore<V>> {
    private final StoreBuilder<KeyValueStore<String, V>> durable;

    Builder(StoreBuilder<KeyValueStore<String, V>> durable) {
      this.durable = durable;
    }

    @Override
    public StoreBuilder<WriteBehindStore<V>> withCachingEnabled() {
      return this; // it is a cache already
    }

    @Override
    public StoreBuilder<WriteBehindStore<V>> withCachingDisabled() {
      throw new UnsupportedOperationException("a write-behind store always defers its writes");
    }

    @Override
    public StoreBuilder<WriteBehindStore<V>> withLoggingEnabled(Map<String, String> config) {
      durable.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<WriteBehindStore<V>> withLoggingDisabled() {
      throw new UnsupportedOperationException("a write-behind store exists to keep a changelog");
    }

    @Override
    public WriteBehindStore<V> build() {
      return new WriteBehindStore<>(durable.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return durable.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return durable.loggingEnabled();
    }

    @Override
    public String name() {
      return durable.name();
    }
  }
}
