package io.lightcat.alerts.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's bucket store with its tallies kept live in memory. Every event still writes its
 * contribution to the store, so what a commit sends to the changelog (and a restore brings back) is
 * always every event counted so far: exactly-once holds. But a bucket is kept in the store as two
 * entries whose merge is its tally — the <em>base</em> under {@link StatsKey#encode()}, written
 * whole only every {@link #DELTA_EVENTS} events, and the <em>delta</em>, the events since, under
 * {@link StatsKey#encodeDelta()} — so an event encodes a small delta tally instead of its bucket's
 * whole latency or distinct-count sketch, and decodes nothing. Readers merge both entries, as they
 * merge the buckets of every partition anyway.
 *
 * <p>The store stays the source of truth: a bucket not in memory (after a restore) is read from it.
 * A buffer belongs to one {@code init()} of its processor, so a revived task starts from the store.
 */
final class TallyBuffer {
  /** Events a delta holds before the bucket's whole tally is written as its new base. */
  static final int DELTA_EVENTS = 32;

  private final KeyValueStore<String, Tally> store;
  private final Map<StatsKey, Bucket> live = new HashMap<>();

  TallyBuffer(KeyValueStore<String, Tally> store) {
    this.store = store;
  }

  /** Applies {@code change} to the tally at {@code key}, created with {@code empty} if absent. */
  @SuppressWarnings("unchecked")
  <T extends Tally> void update(StatsKey key, Supplier<T> empty, Consumer<T> change) {
    Bucket bucket = live.get(key);
    if (bucket == null) {
      bucket = restore(key, empty);
      live.put(key, bucket);
    }
    change.accept((T) bucket.tally);
    if (++bucket.deltaEvents >= DELTA_EVENTS) {
      store.put(bucket.baseKey, bucket.tally);
      store.delete(bucket.deltaKey);
      bucket.delta = null;
      bucket.deltaEvents = 0;
      return;
    }
    if (bucket.delta == null) {
      bucket.delta = bucket.tally.empty();
    }
    change.accept((T) bucket.delta);
    store.put(bucket.deltaKey, bucket.delta);
  }

  /** The bucket as the store holds it: its base merged with its delta (either may be absent). */
  private Bucket restore(StatsKey key, Supplier<? extends Tally> empty) {
    Bucket bucket = new Bucket(key);
    Tally base = store.get(bucket.baseKey);
    bucket.tally = base == null ? empty.get() : base;
    bucket.delta = store.get(bucket.deltaKey);
    if (bucket.delta != null) {
      bucket.tally.merge(bucket.delta);
    }
    return bucket;
  }

  /** Deletes every bucket {@code time} no longer keeps, base and delta. */
  void expire(StreamTime time) {
    if (time.newest() == Long.MIN_VALUE) {
      return;
    }
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, Tally> it = store.all()) {
      while (it.hasNext()) {
        String k = it.next().key;
        if (!time.keeps(StatsKey.decodeStored(k))) {
          gone.add(k);
        }
      }
    }
    for (String k : gone) {
      store.delete(k);
      live.remove(StatsKey.decodeStored(k));
    }
  }

  /** One bucket in memory: its whole tally, its delta as the store holds it (or null), its keys. */
  private static final class Bucket {
    final String baseKey;
    final String deltaKey;
    Tally tally;
    Tally delta;
    int deltaEvents;

    Bucket(StatsKey key) {
      this.baseKey = key.encode();
      this.deltaKey = key.encodeDelta();
    }
  }
}
