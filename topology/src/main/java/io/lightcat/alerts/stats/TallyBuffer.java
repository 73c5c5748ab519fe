package io.lightcat.alerts.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's bucket store with its tallies kept live in memory. Every event still puts its bucket to
 * the store (which keeps the changelog, and so exactly-once, intact), but as a {@link StoredTally}:
 * the bucket's full tally as bytes encoded at most every {@link #DELTA_EVENTS} events, plus a small
 * delta tally of the events since — so an event encodes a few items instead of the bucket's whole
 * latency or distinct-count sketch, and decodes nothing.
 *
 * <p>The store stays the source of truth: a bucket not in memory (after a restore) is read from it.
 * A buffer belongs to one {@code init()} of its processor, so a revived task starts from the store.
 */
final class TallyBuffer {
  /** Events folded into a delta before the bucket's full tally is encoded again. */
  static final int DELTA_EVENTS = 64;

  private final KeyValueStore<String, StoredTally> store;
  private final Map<String, Bucket> live = new HashMap<>();

  TallyBuffer(KeyValueStore<String, StoredTally> store) {
    this.store = store;
  }

  /** Applies {@code change} to the tally at {@code key}, created with {@code empty} if absent. */
  @SuppressWarnings("unchecked")
  <T extends Tally> void update(StatsKey key, Supplier<T> empty, Consumer<T> change) {
    String k = key.encode();
    Bucket bucket = live.get(k);
    if (bucket == null) {
      StoredTally stored = store.get(k);
      bucket = new Bucket(stored == null ? empty.get() : stored.tally());
      live.put(k, bucket);
    }
    change.accept((T) bucket.tally);
    if (bucket.delta == null) {
      bucket.delta = bucket.tally.empty();
    }
    change.accept((T) bucket.delta);
    if (++bucket.deltaEvents >= DELTA_EVENTS) {
      bucket.rebase();
    }
    store.put(k, new StoredTally(bucket.base, bucket.delta));
  }

  /** Deletes every bucket {@code time} no longer keeps. */
  void expire(StreamTime time) {
    if (time.newest() == Long.MIN_VALUE) {
      return;
    }
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, StoredTally> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, StoredTally> kv = it.next();
        if (!time.keeps(StatsKey.decode(kv.key))) {
          gone.add(kv.key);
        }
      }
    }
    for (String k : gone) {
      store.delete(k);
      live.remove(k);
    }
  }

  /** One bucket in memory: its live tally, and what the store holds of it. */
  private static final class Bucket {
    final Tally tally;
    byte[] base;
    Tally delta;
    int deltaEvents;

    Bucket(Tally tally) {
      this.tally = tally;
      rebase();
    }

    /** Encodes the whole tally as the new base; the delta starts over. */
    void rebase() {
      base = TallySerde.toBytes(tally);
      delta = null;
      deltaEvents = 0;
    }
  }
}
