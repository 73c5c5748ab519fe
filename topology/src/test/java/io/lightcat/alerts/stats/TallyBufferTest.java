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
 * a commit at any moment writes to the changelog and a restore brings back — while most events only
 * re-encode a small delta.
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
  void theStoreHoldsEveryEventAfterEveryEventAcrossRebases() {
    // given
    TallyBuffer buffer = new TallyBuffer(store);

    for (int i = 0; i < 3 * TallyBuffer.DELTA_EVENTS + 5; i++) {
      // when
      request(buffer, i);

      // then
      RequestTally t = stored();
      assertThat(t.requests()).isEqualTo(i + 1);
      assertThat(t.errors()).isEqualTo(i / 4 + 1);
      assertThat(t.latencySumMs()).isEqualTo(10.0 * (i + 1));
    }
  }

  @Test
  void mostEventsWriteOnlyTheSmallDelta() {
    // given
    TallyBuffer buffer = new TallyBuffer(store);

    // when
    for (int i = 0; i < TallyBuffer.DELTA_EVENTS + 3; i++) {
      request(buffer, i);
    }

    // then the base holds the first DELTA_EVENTS events, the delta the three since
    assertThat(((RequestTally) store.get(KEY.encode())).requests())
        .isEqualTo(TallyBuffer.DELTA_EVENTS);
    assertThat(((RequestTally) store.get(KEY.encodeDelta())).requests()).isEqualTo(3);
  }

  @Test
  void expiryDeletesBaseAndDelta() {
    // given a bucket with base and delta, and event time two hours on
    TallyBuffer buffer = new TallyBuffer(store);
    for (int i = 0; i < TallyBuffer.DELTA_EVENTS + 3; i++) {
      request(buffer, i);
    }
    StreamTime time = new StreamTime();
    time.admit(KEY.start() + Duration.ofHours(2).toMillis(), Long.MAX_VALUE / 2);

    // when
    buffer.expire(time);

    // then
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void aNewBufferOnTheSameStoreGoesOnFromWhatTheStoreHolds() {
    // given a buffer that stopped mid-delta (a restart: only the store survives)
    TallyBuffer before = new TallyBuffer(store);
    for (int i = 0; i < TallyBuffer.DELTA_EVENTS + 10; i++) {
      request(before, i);
    }

    // when a new buffer (a restored or revived task) counts more
    TallyBuffer after = new TallyBuffer(store);
    for (int i = TallyBuffer.DELTA_EVENTS + 10; i < 2 * TallyBuffer.DELTA_EVENTS + 20; i++) {
      request(after, i);
    }

    // then
    int n = 2 * TallyBuffer.DELTA_EVENTS + 20;
    assertThat(stored().requests()).isEqualTo(n);
    assertThat(stored().errors()).isEqualTo((n + 3) / 4);
  }
}
