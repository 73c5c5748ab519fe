package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MeasureTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** Values 1, 2, 3, 4 at 10, 40, 20, 30 s, the first and last of them matching a predicate. */
  private static Aggregate fourValues() {
    Aggregate a = new Aggregate();
    long[] ts = {10_000, 40_000, 20_000, 30_000};
    for (int i = 0; i < 4; i++) {
      a.addEvent(ts[i], "e" + i).addValue(ts[i], i + 1).addQuantileValue(i + 1);
      a.addDistinct(i % 2 == 0 ? "even" : "odd");
      if (i == 0 || i == 3) {
        a.addMatch();
      }
    }
    return a;
  }

  static Stream<Arguments> values() {
    Supplier<Aggregate> four = MeasureTest::fourValues;
    Supplier<Aggregate> empty = Aggregate::new;
    return Stream.of(
        arguments("count", new Measure.Count(), four, 4.0),
        arguments("rate per second", new Measure.Rate(Duration.ofSeconds(1)), four, 4 / 60.0),
        arguments("rate per minute", new Measure.Rate(MINUTE), four, 4.0),
        arguments("rate per hour", new Measure.Rate(Duration.ofHours(1)), four, 240.0),
        arguments("ratio is 0-1", new Measure.Ratio("p"), four, 0.5),
        arguments("sum", stat(Measure.Stat.Kind.SUM), four, 10.0),
        arguments("avg", stat(Measure.Stat.Kind.AVG), four, 2.5),
        arguments("min", stat(Measure.Stat.Kind.MIN), four, 1.0),
        arguments("max", stat(Measure.Stat.Kind.MAX), four, 4.0),
        arguments("p50", new Measure.Percentile(0.5, "x"), four, 2.0),
        arguments("p99", new Measure.Percentile(0.99, "x"), four, 4.0),
        arguments("distinct", new Measure.Distinct("x"), four, 2.0),
        arguments("last is latest by event time, not insertion", new Measure.Last("x"), four, 2.0),
        arguments("absent is computed by the evaluator", new Measure.Absent(), four, Double.NaN),
        arguments(
            "spike here is its inner measure",
            new Measure.Spike(new Measure.Count(), 3, 0),
            four,
            4.0),
        arguments("empty count", new Measure.Count(), empty, 0.0),
        arguments("empty rate", new Measure.Rate(MINUTE), empty, 0.0),
        arguments("empty ratio", new Measure.Ratio("p"), empty, Double.NaN),
        arguments("empty sum", stat(Measure.Stat.Kind.SUM), empty, 0.0),
        arguments("empty avg", stat(Measure.Stat.Kind.AVG), empty, Double.NaN),
        arguments("empty min", stat(Measure.Stat.Kind.MIN), empty, Double.NaN),
        arguments("empty max", stat(Measure.Stat.Kind.MAX), empty, Double.NaN),
        arguments("empty p95", new Measure.Percentile(0.95, "x"), empty, Double.NaN),
        arguments("empty distinct", new Measure.Distinct("x"), empty, 0.0),
        arguments("empty last", new Measure.Last("x"), empty, Double.NaN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void values(String name, Measure measure, Supplier<Aggregate> aggregate, double expected) {
    // given
    Aggregate window = aggregate.get();
    // when
    double value = measure.value(window, MINUTE);
    // then
    assertThat(Double.valueOf(value)).isEqualTo(Double.valueOf(expected)); // boxed: NaN equals NaN
  }

  static Stream<Arguments> descriptions() {
    return Stream.of(
        arguments(new Measure.Count(), "count", Measure.ExpressionType.NUMBER),
        arguments(new Measure.Rate(MINUTE), "rate per 1m", Measure.ExpressionType.NUMBER),
        arguments(
            new Measure.Ratio("status >= 500"),
            "ratio(status >= 500)",
            Measure.ExpressionType.BOOL),
        arguments(stat(Measure.Stat.Kind.AVG), "avg(x)", Measure.ExpressionType.NUMBER),
        arguments(new Measure.Percentile(0.95, "x"), "p95(x)", Measure.ExpressionType.NUMBER),
        arguments(new Measure.Percentile(0.999, "x"), "p99.9(x)", Measure.ExpressionType.NUMBER),
        arguments(new Measure.Distinct("userId"), "distinct(userId)", Measure.ExpressionType.ANY),
        arguments(new Measure.Last("memPct"), "last(memPct)", Measure.ExpressionType.NUMBER),
        arguments(new Measure.Absent(), "seconds since last event", Measure.ExpressionType.NUMBER),
        arguments(
            new Measure.Spike(new Measure.Ratio("ok"), 6, 0),
            "spike of ratio(ok) vs previous 6 windows",
            Measure.ExpressionType.BOOL));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource
  void descriptions(Measure measure, String described, Measure.ExpressionType type) {
    // when / then
    assertThat(measure.describe()).isEqualTo(described);
    assertThat(measure.expressionType()).isEqualTo(type);
  }

  private static Measure stat(Measure.Stat.Kind kind) {
    return new Measure.Stat(kind, "x");
  }
}
