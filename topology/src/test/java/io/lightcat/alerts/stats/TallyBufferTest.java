package io.lightcat.alerts.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.stats.StatsKey.Figure;
import io.lightcat.alerts.stats.StatsKey.Span;
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

  private final KeyValueStore<String, StoredTally> store = newStore();

  private static KeyValueStore<String, StoredTally> newStore() {
    KeyValueStore<String, StoredTally> s =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("buckets"), Serdes.String(), StoredTally.serde())
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

  private RequestTally stored() {
    return (RequestTally) store.get(KEY.encode()).tally();
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
