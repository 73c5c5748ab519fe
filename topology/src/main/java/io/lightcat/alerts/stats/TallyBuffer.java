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
 * A task's bucket store with its tallies kept live in memory: an event costs one serialization (the
 * store's put, which keeps the changelog and so exactly-once intact) and no deserialization. The
 * store stays the source of truth: a tally not in memory (after a restore) is read from it.
 */
final class TallyBuffer {
  private final KeyValueStore<String, Tally> store;
  private final Map<String, Tally> live = new HashMap<>();

  TallyBuffer(KeyValueStore<String, Tally> store) {
    this.store = store;
  }

  /** Applies {@code change} to the tally at {@code key}, created with {@code empty} if absent. */
  @SuppressWarnings("unchecked")
  <T extends Tally> void update(StatsKey key, Supplier<T> empty, Consumer<T> change) {
    String k = key.encode();
    Tally tally = live.get(k);
    if (tally == null) {
      tally = store.get(k);
      if (tally == null) {
        tally = empty.get();
      }
    }
    change.accept((T) tally);
    store.put(k, tally);
    live.put(k, tally);
  }

  /** Deletes every bucket {@code time} no longer keeps. */
  void expire(StreamTime time) {
    if (time.newest() == Long.MIN_VALUE) {
      return;
    }
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, Tally> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, Tally> kv = it.next();
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
}
