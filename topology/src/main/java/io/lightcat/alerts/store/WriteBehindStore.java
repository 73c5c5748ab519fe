package io.lightcat.alerts.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.StreamThread;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A changelogged key-value store of live, mutable values that are written to the changelog only
 * when the task commits — once per changed key and commit — instead of being serialised on every
 * change.
 *
 * <p>The first rule stage merges every matching event into a pending partial, and the statistics
 * stages every event into its minute's tallies. Putting the value into an ordinary changelogged
 * store on every event (to keep exactly-once) re-serialised it each time — sketches, evidence ids
 * and all — and was a third of the full pack's processing time. Here a put by the stream thread
 * only marks the key; the values reach the changelogged store underneath just before Kafka Streams
 * flushes its producer for the commit, in the same transaction as the input offsets they account
 * for. Entries added and removed between two commits (a partial shipped within the interval) never
 * reach the changelog at all. A value read with {@link #get} is the live object: change it, then
 * {@link #put} it back so the commit writes it.
 *
 * <p>The hook is Kafka Streams' cache flush: before every commit (and before a task is suspended or
 * closed cleanly) the state manager flushes the caches of stores implementing {@link
 * CachedStateStore}, before it flushes the producer and commits. That interface is internal to
 * Kafka Streams; {@code WriteBehindStoreTest} holds this store to the contract on a real commit
 * cycle (through {@code TopologyTestDriver}, which runs Kafka Streams' own task code), so an
 * upgrade that moves the hook fails the build instead of losing state.
 *
 * <p>The stream thread reads and writes the live entries. Any other thread — interactive queries —
 * reads the changelogged store underneath, which holds what the last commit wrote (never a value in
 * the middle of an update); it may not write.
 */
public final class WriteBehindStore<V>
    implements KeyValueStore<String, V>, CachedStateStore<String, V> {
  private final KeyValueStore<String, V> durable;

  /** Every entry, as live objects; loaded from {@link #durable} on first use after a restore. */
  private final Map<String, V> live = new HashMap<>();

  /** Keys whose durable copy is stale: changed or removed since the last commit. */
  private final Set<String> changed = new HashSet<>();

  /** Keys the durable store holds, so removing an entry it never saw writes no tombstone. */
  private final Set<String> persisted = new HashSet<>();

  private boolean loaded;
  private volatile Thread owner;

  private WriteBehindStore(KeyValueStore<String, V> durable) {
    this.durable = durable;
  }

  /** A builder for a store named {@code name}, its values serialised with {@code valueSerde}. */
  public static <V> StoreBuilder<WriteBehindStore<V>> builder(String name, Serde<V> valueSerde) {
    return new Builder<>(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), valueSerde)
            .withCachingDisabled());
  }

  /**
   * Whether the caller processes the store's task: a Kafka Streams stream thread (the task may have
   * been initialised on another one, or moved between active and standby), or the thread that
   * initialised the store (a {@code TopologyTestDriver}'s). Interactive queries come from others.
   */
  private boolean owned() {
    Thread current = Thread.currentThread();
    return current instanceof StreamThread || current == owner;
  }

  private void requireOwner() {
    if (!owned()) {
      throw new IllegalStateException(
          "store " + name() + " is written only by the stream thread that owns it");
    }
  }

  @Override
  public V get(String key) {
    if (!owned()) {
      return durable.get(key);
    }
    load();
    return live.get(key);
  }

  @Override
  public void put(String key, V value) {
    requireOwner();
    load();
    if (value == null) {
      delete(key);
      return;
    }
    live.put(key, value);
    changed.add(key);
  }

  @Override
  public V putIfAbsent(String key, V value) {
    V current = get(key);
    if (current == null) {
      put(key, value);
    }
    return current;
  }

  @Override
  public void putAll(List<KeyValue<String, V>> entries) {
    entries.forEach(kv -> put(kv.key, kv.value));
  }

  @Override
  public V delete(String key) {
    requireOwner();
    load();
    V old = live.remove(key);
    if (old != null) {
      changed.add(key);
    }
    return old;
  }

  /** A snapshot in key order; the store may be changed while the caller walks it. */
  @Override
  public KeyValueIterator<String, V> all() {
    if (!owned()) {
      return durable.all();
    }
    load();
    return new SnapshotIterator<>(new TreeMap<>(live));
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    if (!owned()) {
      return durable.range(from, to);
    }
    load();
    TreeMap<String, V> sorted = new TreeMap<>(live);
    if (from != null && to != null && from.compareTo(to) > 0) {
      return new SnapshotIterator<>(new TreeMap<>());
    }
    SortedMap<String, V> view =
        from == null
            ? (to == null ? sorted : sorted.headMap(to, true))
            : (to == null ? sorted.tailMap(from, true) : sorted.subMap(from, true, to, true));
    return new SnapshotIterator<>(new TreeMap<>(view));
  }

  @Override
  public long approximateNumEntries() {
    if (!owned()) {
      return durable.approximateNumEntries();
    }
    load();
    return live.size();
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
   * Forgets the live entries — Kafka Streams calls it when a task is closed dirty (its transaction
   * aborted) or moved between active and standby (while a standby, the store underneath is updated
   * from the changelog): the next use reads the durable store again.
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
    owner = Thread.currentThread();
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

  /** Walks a copy taken when it was created. */
  private static final class SnapshotIterator<V> implements KeyValueIterator<String, V> {
    private final Iterator<Map.Entry<String, V>> entries;
    private Map.Entry<String, V> next;

    SnapshotIterator(SortedMap<String, V> snapshot) {
      this.entries = snapshot.entrySet().iterator();
    }

    @Override
    public boolean hasNext() {
      return next != null || entries.hasNext();
    }

    @Override
    public KeyValue<String, V> next() {
      Map.Entry<String, V> e = peek();
      next = null;
      return KeyValue.pair(e.getKey(), e.getValue());
    }

    @Override
    public String peekNextKey() {
      return peek().getKey();
    }

    private Map.Entry<String, V> peek() {
      if (next == null) {
        if (!entries.hasNext()) {
          throw new NoSuchElementException();
        }
        next = entries.next();
      }
      return next;
    }

    @Override
    public void close() {}
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
      durable.withLoggingDisabled(); // for benchmarks and tests: no changelog, nothing durable
      return this;
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
