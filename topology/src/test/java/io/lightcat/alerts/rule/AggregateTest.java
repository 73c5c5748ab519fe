package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AggregateTest {

  /** A partial with {@code n} events starting at {@code firstTs}, a value and a user each. */
  private static Aggregate partial(int seed, int n, long firstTs) {
    Aggregate a = new Aggregate();
    for (int i = 0; i < n; i++) {
      long ts = firstTs + i * 1000L;
      double v = seed * 100 + i; // integers: sums are exact in any order
      a.addEvent(ts, "id-" + seed + "-" + i).addValue(ts, v).addQuantileValue(v);
      a.addDistinct("user-" + (seed * 7 + i) % 40);
      if (i % 3 == 0) {
        a.addMatch();
      }
    }
    return a;
  }

  /** Four partials; the second and fourth share their newest event time (a tie on 'last'). */
  private static List<Aggregate> partials() {
    return List.of(
        partial(1, 30, 0), partial(2, 20, 21_000), partial(3, 25, 5_000), partial(4, 12, 29_000));
  }

  static Stream<Arguments> mergeOrders() {
    Function<List<Aggregate>, Aggregate> leftFold =
        p -> {
          Aggregate out = new Aggregate();
          p.forEach(out::merge);
          return out;
        };
    return Stream.of(
        Arguments.of("a+b+c+d", (Function<List<Aggregate>, Aggregate>) leftFold::apply),
        Arguments.of(
            "d+c+b+a",
            (Function<List<Aggregate>, Aggregate>)
                p -> leftFold.apply(List.of(p.get(3), p.get(2), p.get(1), p.get(0)))),
        Arguments.of(
            "(a+b)+(c+d)",
            (Function<List<Aggregate>, Aggregate>)
                p -> p.get(0).copy().merge(p.get(1)).merge(p.get(2).copy().merge(p.get(3)))),
        Arguments.of(
            "a+(b+(c+d))",
            (Function<List<Aggregate>, Aggregate>)
                p -> p.get(0).copy().merge(p.get(1).copy().merge(p.get(2).copy().merge(p.get(3))))),
        Arguments.of(
            "(d+a)+(b+c)",
            (Function<List<Aggregate>, Aggregate>)
                p -> p.get(3).copy().merge(p.get(0)).merge(p.get(1).copy().merge(p.get(2)))),
        Arguments.of(
            "c+a+d+b",
            (Function<List<Aggregate>, Aggregate>)
                p -> leftFold.apply(List.of(p.get(2), p.get(0), p.get(3), p.get(1)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mergeOrders")
  void mergeGivesTheSameResultInAnyOrderAndGrouping(
      String order, Function<List<Aggregate>, Aggregate> merge) {
    // given the reference: merged left to right
    Aggregate reference = new Aggregate();
    partials().forEach(reference::merge);
    // when
    Aggregate merged = merge.apply(partials());
    // then
    assertSame(merged, reference);
    assertThat(merged.count()).isEqualTo(87);
    assertThat(merged.last()).isEqualTo(411.0); // partials 2 and 4 tie at 40 s: the larger wins
    assertThat(merged.maxTimestamp()).isEqualTo(40_000);
    assertThat(merged.samples()).containsExactly("id-1-0", "id-1-1", "id-1-10");
  }

  @Test
  void mergingDoesNotChangeTheMergedPartial() {
    // given
    Aggregate a = partial(1, 5, 0);
    Aggregate b = partial(2, 5, 0);
    byte[] before = b.toBytes();
    // when
    a.merge(b);
    // then
    assertThat(b.toBytes()).isEqualTo(before);
    assertThat(a.count()).isEqualTo(10);
  }

  @Test
  void largeSketchesMergeToTheSameEstimatesWithinTheirError() {
    // given partials big enough that the KLL sketch compacts and the HLL leaves exact mode
    List<Aggregate> parts = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      Aggregate a = new Aggregate();
      for (int i = 0; i < 5_000; i++) {
        int v = p * 5_000 + i;
        a.addEvent(v, null).addValue(v, v).addQuantileValue(v).addDistinct("u" + v);
      }
      parts.add(a);
    }
    // when merged in two different orders
    Aggregate forward = new Aggregate();
    parts.forEach(forward::merge);
    Aggregate backward = new Aggregate();
    for (int p = parts.size() - 1; p >= 0; p--) {
      backward.merge(parts.get(p));
    }
    // then both agree with the truth (40 000 values 0..39999) within the sketches' error
    for (Aggregate m : List.of(forward, backward)) {
      assertThat(m.quantile(0.5) / 40_000).isCloseTo(0.5, within(0.014));
      assertThat(m.quantile(0.99) / 40_000).isCloseTo(0.99, within(0.014));
      assertThat(m.distinct()).isCloseTo(40_000, within(0.03 * 40_000));
    }
    assertThat(forward.distinct()).isEqualTo(backward.distinct());
  }

  @Test
  void aMergedSketchKeepsCountingAndSurvivesItsBinaryForm() {
    // given an aggregate that merged contributions one by one (as the first rule stage does) past
    // the HLL's exact mode, then had values added directly
    Aggregate pending = new Aggregate();
    for (int i = 0; i < 3_000; i++) {
      pending.merge(new Aggregate().addEvent(i, null).addDistinct("u" + i));
    }
    for (int i = 3_000; i < 4_000; i++) {
      pending.addEvent(i, null).addDistinct("u" + i);
    }
    pending.addDistinct("u7"); // already counted
    // when
    Aggregate read = Aggregate.fromBytes(pending.toBytes());
    // then it counts 4 000 values within the sketch's error, the same before and after
    assertThat(pending.distinct()).isCloseTo(4_000, within(0.03 * 4_000));
    assertThat(read.distinct()).isEqualTo(pending.distinct());
    assertThat(read.count()).isEqualTo(4_000);
  }

  static Stream<Aggregate> roundTrips() {
    Aggregate noSketches = new Aggregate();
    noSketches.addEvent(5, "only").addMatch();
    Aggregate merged = partial(1, 30, 0).merge(partial(2, 10, 100_000));
    return Stream.of(new Aggregate(), noSketches, partial(3, 3, 7), merged);
  }

  @ParameterizedTest
  @MethodSource
  void roundTrips(Aggregate original) {
    // when
    Aggregate copy = Aggregate.fromBytes(original.toBytes());
    // then every field survives (the HLL may order its coupons differently, so bytes can differ)
    assertSame(copy, original);
    assertThat(copy.isEmpty()).isEqualTo(original.isEmpty());
    // and it still merges like the original
    assertSame(copy.copy().merge(partial(9, 4, 0)), original.copy().merge(partial(9, 4, 0)));
  }

  @Test
  void rejectsAnUnknownFormat() {
    // given
    byte[] bytes = new Aggregate().toBytes();
    bytes[0] = 9;
    // when / then
    assertThatThrownBy(() -> Aggregate.fromBytes(bytes))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("unknown aggregate format 9");
  }

  @Test
  void keepsAtMostThreeDistinctSamples() {
    // given
    Aggregate a = new Aggregate();
    for (String id : List.of("e5", "e3", "e3", "e9", "e1", "e7")) {
      a.addEvent(0, id);
    }
    a.addEvent(0, null);
    // then
    assertThat(a.samples()).containsExactly("e1", "e3", "e5");
    assertThat(a.count()).isEqualTo(7);
  }

  private static void assertSame(Aggregate actual, Aggregate expected) {
    assertThat(actual.count()).as("count").isEqualTo(expected.count());
    assertThat(actual.matches()).as("matches").isEqualTo(expected.matches());
    assertThat(actual.sum()).as("sum").isEqualTo(expected.sum());
    assertThat(actual.min()).as("min").isEqualTo(expected.min());
    assertThat(actual.max()).as("max").isEqualTo(expected.max());
    assertThat(Double.valueOf(actual.last())).as("last").isEqualTo(Double.valueOf(expected.last()));
    assertThat(actual.maxTimestamp()).as("maxTimestamp").isEqualTo(expected.maxTimestamp());
    for (double q : new double[] {0.01, 0.5, 0.95, 0.99}) {
      assertThat(Double.valueOf(actual.quantile(q)))
          .as("p" + q)
          .isEqualTo(Double.valueOf(expected.quantile(q)));
    }
    assertThat(actual.distinct()).as("distinct").isEqualTo(expected.distinct());
    assertThat(actual.samples()).as("samples").isEqualTo(expected.samples());
  }
}
