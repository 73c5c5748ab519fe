package io.lightcat.alerts.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's bucket store with its tallies kept live in memory: an event changes its bucket's tally
 * in place and puts it back, so the store always holds every event counted so far — what a commit
 * writes to the changelog and a restore brings back: exactly-once holds. In the topology the store
 * is a {@link io.lightcat.alerts.store.WriteBehindStore}, which serialises a changed bucket once
 * per commit rather than on every event.
 *
 * <p>Earlier versions kept a bucket as a <em>base</em> entry and a <em>delta</em> entry (under
 * {@link StatsKey#encodeDelta()}) whose merge was its tally; readers still merge both. A delta
 * found in the store is folded into its base the first time its bucket is counted again.
 *
 * <p>The store stays the source of truth: a bucket not in memory (after a restore) is read from it.
 * A buffer belongs to one {@code init()} of its processor, so a revived task starts from the store.
 */
final class TallyBuffer {
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
    store.put(bucket.key, bucket.tally);
  }

  /** The bucket as the store holds it, an earlier version's delta folded into its base. */
  private Bucket restore(StatsKey key, Supplier<? extends Tally> empty) {
    Tally base = store.get(key.encode());
    Bucket bucket = new Bucket(key.encode(), base == null ? empty.get() : base);
    Tally delta = store.get(key.encodeDelta());
    if (delta != null) {
      bucket.tally.merge(delta);
      store.put(bucket.key, bucket.tally);
      store.delete(key.encodeDelta());
    }
    return bucket;
  }

  /** Deletes every bucket {@code time} no longer keeps, base and delta. */
  void expire(StreamTime time) {
    if (time.newest() != Long.MIN_VALUE) {
      expire(time::keeps);
    }
  }

  /** Deletes every bucket {@code kept} says is no longer kept, base and delta. */
  void expire(Predicate<StatsKey> kept) {
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, Tally> it = store.all()) {
      while (it.hasNext()) {
        String k = it.next().key;
        if (!kept.test(StatsKey.decodeStored(k))) {
          gone.add(k);
        }
      }
    }
    for (String k : gone) {
      store.delete(k);
      live.remove(StatsKey.decodeStored(k));
    }
  }

  /** One bucket in memory: its store key and its whole tally. */
  private record Bucket(String key, Tally tally) {}
}
