package io.lightcat.alerts.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.stats.StatsKey.Figure;
import io.lightcat.alerts.stats.StatsKey.Span;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store behind a {@link TallyBuffer} holds every event's contribution after every event — what
 * a commit at any moment writes to the changelog and a restore brings back.
 */
class TallyBufferTest {
  private static final StatsKey KEY =
      StatsKey.of(Span.MINUTE, 1_790_000_000_000L, Figure.REQUESTS, "api");

  private final KeyValueStore<String, Tally> store = newStore();

  private static KeyValueStore<String, Tally> newStore() {
    KeyValueStore<String, Tally> s =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("buckets"), Serdes.String(), TallySerde.serde())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    s.init(context.getStateStoreContext(), s);
    return s;
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static void request(TallyBuffer buffer, int i) {
    buffer.update(KEY, RequestTally::new, t -> t.add(i % 4 == 0 ? 500 : 200, 10.0, "/r"));
  }

  /** The bucket as a reader (or a restore) sees it: whatever of base and delta the store holds. */
  private RequestTally stored() {
    RequestTally t = new RequestTally();
    try (var it = store.all()) {
      it.forEachRemaining(
          kv -> {
            assertThat(StatsKey.decodeStored(kv.key)).isEqualTo(KEY);
            t.merge(kv.value);
          });
    }
    return t;
  }

  @Test
  void theStoreHoldsEveryEventAfterEveryEvent() {
    // given
    TallyBuffer buffer = new TallyBuffer(store);

    for (int i = 0; i < 40; i++) {
      // when
      request(buffer, i);

      // then
      RequestTally t = stored();
      assertThat(t.requests()).isEqualTo(i + 1);
      assertThat(t.errors()).isEqualTo(i / 4 + 1);
      assertThat(t.latencySumMs()).isEqualTo(10.0 * (i + 1));
    }
    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }

  @Test
  void aDeltaLeftByAnEarlierVersionIsFoldedIntoItsBase() {
    // given a bucket an earlier version kept as a base of 7 requests and a delta of 3
    RequestTally base = new RequestTally();
    for (int i = 0; i < 7; i++) {
      base.add(i % 4 == 0 ? 500 : 200, 10.0, "/r");
    }
    RequestTally delta = new RequestTally();
    for (int i = 0; i < 3; i++) {
      delta.add(200, 10.0, "/r");
    }
    store.put(KEY.encode(), base);
    store.put(KEY.encodeDelta(), delta);

    // when the upgraded engine counts one more
    request(new TallyBuffer(store), 10);

    // then the bucket is one entry holding all 11
    assertThat(store.get(KEY.encodeDelta())).isNull();
    assertThat(((RequestTally) store.get(KEY.encode())).requests()).isEqualTo(11);
    assertThat(stored().requests()).isEqualTo(11);
  }

  @Test
  void expiryDeletesTheBucketAndAnyDelta() {
    // given a bucket, a delta of an earlier version beside it, and event time two hours on
    TallyBuffer buffer = new TallyBuffer(store);
    for (int i = 0; i < 5; i++) {
      request(buffer, i);
    }
    store.put(KEY.encodeDelta(), new RequestTally());
    StreamTime time = new StreamTime();
    time.admit(KEY.start() + Duration.ofHours(2).toMillis(), Long.MAX_VALUE / 2);

    // when
    buffer.expire(time);

    // then
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void aNewBufferOnTheSameStoreGoesOnFromWhatTheStoreHolds() {
    // given a buffer that stopped (a restart: only the store survives)
    TallyBuffer before = new TallyBuffer(store);
    for (int i = 0; i < 42; i++) {
      request(before, i);
    }

    // when a new buffer (a restored or revived task) counts more
    TallyBuffer after = new TallyBuffer(store);
    for (int i = 42; i < 84; i++) {
      request(after, i);
    }

    // then
    int n = 84;
    assertThat(stored().requests()).isEqualTo(n);
    assertThat(stored().errors()).isEqualTo((n + 3) / 4);
  }
}
