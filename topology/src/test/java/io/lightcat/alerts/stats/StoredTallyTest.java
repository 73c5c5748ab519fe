package io.lightcat.alerts.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The binary form a bucket store holds: a full tally as bytes plus a delta of later events. */
class StoredTallyTest {
  private final Serde<StoredTally> serde = StoredTally.serde();

  private static RequestTally requests(int from, int to) {
    RequestTally t = new RequestTally();
    for (int i = from; i < to; i++) {
      t.add(i % 10 == 0 ? 503 : 200, i, "/api/x");
    }
    return t;
  }

  private StoredTally roundTrip(StoredTally s) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", s));
  }

  @Test
  void withoutADeltaTheBytesAreTallySerdesOwnSoOlderStoresStillRead() {
    // given
    RequestTally tally = requests(0, 50);

    // when
    byte[] bytes = serde.serializer().serialize("t", StoredTally.of(tally));
    RequestTally read =
        (RequestTally) serde.deserializer().deserialize("t", TallySerde.toBytes(tally)).tally();

    // then
    assertThat(bytes).isEqualTo(TallySerde.toBytes(tally));
    assertThat(read.requests()).isEqualTo(50);
    assertThat(read.errors()).isEqualTo(5);
  }

  @Test
  void theFigureIsTheBaseMergedWithTheDelta() {
    // given a base of 1000 requests and a delta of the next 40
    StoredTally stored =
        new StoredTally(TallySerde.toBytes(requests(0, 1000)), requests(1000, 1040));

    // when
    RequestTally t = (RequestTally) roundTrip(stored).tally();

    // then
    RequestTally whole = requests(0, 1040);
    assertThat(t.requests()).isEqualTo(1040);
    assertThat(t.errors()).isEqualTo(104);
    assertThat(t.latencySumMs()).isEqualTo(whole.latencySumMs());
    assertThat(t.latencyQuantileMs(0.5)).isCloseTo(whole.latencyQuantileMs(0.5), within(30.0));
  }

  @Test
  void distinctCountsUnionTheBaseAndTheDelta() {
    // given users 0..99 in the base, 90..119 in the delta
    DistinctTally base = new DistinctTally();
    DistinctTally delta = new DistinctTally();
    for (int i = 0; i < 100; i++) {
      base.add("user-" + i);
    }
    for (int i = 90; i < 120; i++) {
      delta.add("user-" + i);
    }

    // when
    DistinctTally t =
        (DistinctTally) roundTrip(new StoredTally(TallySerde.toBytes(base), delta)).tally();

    // then
    assertThat(t.estimate()).isCloseTo(120L, within(3L));
  }

  @Test
  void aTruncatedValueIsAClearError() {
    byte[] bytes =
        serde
            .serializer()
            .serialize("t", new StoredTally(TallySerde.toBytes(requests(0, 10)), requests(10, 11)));
    byte[] cut = java.util.Arrays.copyOf(bytes, 8);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut))
        .isInstanceOf(UncheckedIOException.class);
  }
}
